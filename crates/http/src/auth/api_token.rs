//! API token secrets: `kenshu_pat_` and 256 random bits in base64url. Only their SHA-256
//! is stored, so a copy of the database cannot be used to call the API.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// What every API token starts with, so a leaked one is recognisable (secret scanners).
pub const PREFIX: &str = "kenshu_pat_";

/// A new secret, shown once.
pub struct NewSecret {
    pub secret: String,
    /// The first characters, kept so the list can tell tokens apart.
    pub prefix: String,
    pub hash: String,
}

pub fn generate() -> NewSecret {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    NewSecret { prefix: secret[..PREFIX.len() + 6].to_owned(), hash: hash(&secret), secret }
}

/// The stored form of a secret: SHA-256, hex.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_prefixed_random_and_hashed() {
        let a = generate();
        let b = generate();
        assert!(a.secret.starts_with(PREFIX));
        assert_eq!(a.secret.len(), PREFIX.len() + 43);
        assert_ne!(a.secret, b.secret);
        assert_eq!(a.hash, hash(&a.secret));
        assert_eq!(a.hash.len(), 64);
        assert!(a.secret.starts_with(&a.prefix));
    }
}
