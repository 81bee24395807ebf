//! Staff tokens: HS256 JWTs carrying the account and its role.

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use kenshu_domain::staff::{Role, StaffUser};
use kenshu_domain::ErrorCode;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::error::AppError;

const ISSUER: &str = "kenshu";

/// How long a sign-in lasts: one working day.
pub const TOKEN_TTL: Duration = Duration::hours(10);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub email: String,
    pub role: Role,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    /// The account's token version at issue; the account must still have it.
    #[serde(default)]
    pub ver: i32,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Signs the session's CSRF tokens; derived from the secret, so it differs from the JWT key.
    csrf_key: Vec<u8>,
}

impl JwtKeys {
    /// Keys from the configured secret, or from 32 random bytes when none is set.
    pub fn new(secret: Option<&SecretString>) -> Self {
        let bytes = match secret {
            Some(s) => s.expose_secret().as_bytes().to_vec(),
            None => {
                let mut random = vec![0u8; 32];
                rand::rngs::OsRng.fill_bytes(&mut random);
                random
            }
        };
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        let csrf_key = {
            use hmac::{Hmac, Mac};
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&bytes).expect("HMAC takes any key length");
            mac.update(b"kenshu csrf key v1");
            mac.finalize().into_bytes().to_vec()
        };
        Self {
            encoding: EncodingKey::from_secret(&bytes),
            decoding: DecodingKey::from_secret(&bytes),
            validation,
            csrf_key,
        }
    }

    /// The key of the session's CSRF tokens (`auth::session::csrf_token`).
    pub fn csrf_key(&self) -> &[u8] {
        &self.csrf_key
    }

    /// A token for `user` under its current `token_version`, valid for [`TOKEN_TTL`] from `now`.
    pub fn issue(
        &self,
        user: &StaffUser,
        token_version: i32,
        now: OffsetDateTime,
    ) -> Result<(String, OffsetDateTime), AppError> {
        let expires_at = now + TOKEN_TTL;
        let claims = Claims {
            sub: user.id.to_string(),
            email: user.email.clone(),
            role: user.role,
            iat: now.unix_timestamp(),
            exp: expires_at.unix_timestamp(),
            iss: ISSUER.to_owned(),
            ver: token_version,
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(AppError::internal)?;
        Ok((token, expires_at))
    }

    /// The claims of a valid token; expired and broken tokens get distinct codes so the
    /// SPA can say "please sign in again" rather than "error".
    pub fn verify(&self, token: &str) -> Result<Claims, AppError> {
        decode::<Claims>(token, &self.decoding, &self.validation).map(|data| data.claims).map_err(|e| match e.kind() {
            ErrorKind::ExpiredSignature => AppError::new(ErrorCode::TokenExpired),
            _ => AppError::new(ErrorCode::InvalidToken),
        })
    }
}
