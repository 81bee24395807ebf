//! Day-code parsing: never panics, and accepts exactly the inputs that are four ASCII
//! digits once width-normalised and trimmed.
#![no_main]

use kenshu_domain::day_codes::parse_code;
use kenshu_domain::text::width::to_ascii_width;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let normalised = to_ascii_width(input);
    let expected = normalised.trim();
    let four_digits = expected.len() == 4 && expected.bytes().all(|b| b.is_ascii_digit());
    match parse_code(input) {
        Some(code) => {
            assert!(four_digits, "{input:?} accepted as {code:?}");
            assert_eq!(code, expected);
            assert_eq!(parse_code(&code).as_deref(), Some(code.as_str()), "an accepted code is accepted again");
        }
        None => assert!(!four_digits, "{input:?} refused though it is {expected:?}"),
    }
});
