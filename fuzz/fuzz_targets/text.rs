//! Kana and width normalisation, and the parsers built on it, over any Unicode text.
//! Properties: normalising twice is normalising once; what a parser accepts, it accepts
//! again unchanged; width folding maps one character to one character.
#![no_main]

use kenshu_domain::text::contact::{Email, Phone};
use kenshu_domain::text::kana::Furigana;
use kenshu_domain::text::line::{text_field, Lines, MultiLine, SingleLine, TextShape};
use kenshu_domain::text::postal::PostalCode;
use kenshu_domain::text::width::{char_len, digits_only, fold_text_width, to_ascii_width};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let ascii = to_ascii_width(input);
    assert_eq!(to_ascii_width(&ascii), ascii, "width folding is idempotent");
    assert_eq!(char_len(&ascii), char_len(input), "one character for one");
    assert!(!ascii.chars().any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}'));
    // The 資格・職名 folding: idempotent, never longer, no half-width kana, full-width
    // letters or digits, ideographic space or double space left.
    let folded = fold_text_width(input);
    assert_eq!(fold_text_width(&folded), folded, "text folding is idempotent");
    assert!(char_len(&folded) <= char_len(input));
    assert!(!folded
        .chars()
        .any(|c| matches!(c, '\u{FF61}'..='\u{FF9F}' | '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '\u{3000}')));
    assert!(!folded.contains("  "));
    let digits = digits_only(input);
    assert!(digits.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(digits_only(&digits), digits);

    if let Ok(kana) = Furigana::parse(input) {
        let s = kana.as_str();
        assert!(!s.is_empty() && !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  "));
        assert!(s.chars().all(|c| c == ' ' || matches!(c, 'ぁ'..='ゖ' | 'ゝ' | 'ゞ' | 'ー')), "{s:?}");
        assert_eq!(Furigana::parse(s).as_ref(), Ok(&kana), "furigana is idempotent");
    }
    if let Ok(phone) = Phone::parse(input) {
        assert!(phone.as_str().bytes().all(|b| b.is_ascii_digit() || b == b'-'));
        assert_eq!(Phone::parse(phone.as_str()).as_ref(), Ok(&phone), "phone is idempotent");
    }
    if let Ok(postal) = PostalCode::parse(input) {
        let s = postal.as_str();
        assert!(s.len() == 8 && s.as_bytes()[3] == b'-', "{s:?}");
        assert_eq!(PostalCode::parse(s).as_ref(), Ok(&postal), "postal code is idempotent");
    }
    if let Ok(email) = Email::parse(input) {
        assert!(email.as_str().is_ascii(), "{:?}", email.as_str());
        let again = Email::parse(email.as_str()).expect("an accepted address is accepted again");
        assert_eq!((again.as_str(), again.normalized()), (email.as_str(), email.normalized()));
    }
    for max in [1, 50, 1000] {
        if let Ok(line) = SingleLine::parse(input, max) {
            assert!(line.as_str().chars().all(|c| !c.is_control()) && char_len(line.as_str()) <= max);
            assert_eq!(SingleLine::parse(line.as_str(), max).as_ref(), Ok(&line), "one line is idempotent");
        }
        if let Ok(text) = MultiLine::parse(input, max) {
            assert!(text.as_str().chars().all(|c| c == '\n' || !c.is_control()) && char_len(text.as_str()) <= max);
            assert_eq!(MultiLine::parse(text.as_str(), max).as_ref(), Ok(&text), "several lines is idempotent");
        }
    }
    if let Ok(text) = text_field(input, TextShape::single(100), true) {
        assert!(!text.is_empty() && text.chars().all(|c| Lines::Single.allows(c)));
    }
});
