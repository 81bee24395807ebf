//! The shape of an `Idempotency-Key`: what a client may send as the key of one submission.

/// The longest key accepted, in bytes.
pub const MAX_KEY_LEN: usize = 200;

/// The key as sent in the header, if it has the accepted shape: 1 to [`MAX_KEY_LEN`]
/// printable ASCII characters (a UUID is recommended). Anything else is `None`, and the
/// request is refused: a space, a control character or a byte outside ASCII never becomes
/// part of a stored key.
pub fn parse_key(value: &[u8]) -> Option<&str> {
    if value.is_empty() || value.len() > MAX_KEY_LEN || !value.iter().all(u8::is_ascii_graphic) {
        return None;
    }
    std::str::from_utf8(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_and_printable_ascii_up_to_200_bytes_are_keys() {
        let uuid = "0b6a4a5e-8d3c-4f7e-9a51-2f1c3f0e9d42";
        assert_eq!(parse_key(uuid.as_bytes()), Some(uuid));
        let longest = "k".repeat(MAX_KEY_LEN);
        assert_eq!(parse_key(longest.as_bytes()), Some(longest.as_str()));
        assert_eq!(parse_key(b"!~"), Some("!~"));
    }

    #[test]
    fn empty_long_spaced_control_and_non_ascii_keys_are_refused() {
        let too_long = "k".repeat(MAX_KEY_LEN + 1);
        for value in [&b""[..], too_long.as_bytes(), b"a b", b"a\tb", b"a\x7f", "キー".as_bytes(), b"\xff"] {
            assert_eq!(parse_key(value), None, "{value:?}");
        }
    }
}
