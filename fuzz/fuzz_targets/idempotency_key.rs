//! `Idempotency-Key` parsing over any header bytes: a key is accepted exactly when it is 1
//! to 200 printable ASCII bytes, and then it is those bytes unchanged.
#![no_main]

use kenshu_domain::idempotency::{parse_key, MAX_KEY_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|value: &[u8]| {
    let shaped = (1..=MAX_KEY_LEN).contains(&value.len()) && value.iter().all(|b| (0x21..=0x7e).contains(b));
    match parse_key(value) {
        Some(key) => {
            assert!(shaped, "{value:?} accepted");
            assert_eq!(key.as_bytes(), value);
        }
        None => assert!(!shaped, "{value:?} refused"),
    }
});
