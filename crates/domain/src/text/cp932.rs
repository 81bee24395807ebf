//! CP932 (Shift_JIS as Windows writes it) for the office's older Excel, which opens a CSV in
//! CP932 unless told otherwise (SPEC §9). A character CP932 cannot hold is replaced visibly
//! and reported, never dropped in silence.

use encoding_rs::{EncoderResult, SHIFT_JIS};

/// What stands in for a character CP932 cannot hold, when no well-known form exists: 〓
/// (ゲタ), the mark Japanese typesetting uses for a missing glyph.
pub const GETA: &str = "〓";

/// Well-known forms of characters outside CP932 that people write on forms: the
/// 「つちよし」 and 「はしごだか」 families. 髙 and 﨑 are in CP932 (IBM extensions) and
/// need none.
const KNOWN: &[(char, &str)] = &[
    ('𠮷', "吉"),
    ('𡈽', "土"),
    ('𣘺', "橋"),
    ('𣘷', "橋"),
    ('𥔎', "碕"),
    ('𠀋', "丈"),
    ('𩸽', "ほっけ"),
    ('𡧃', "宝"),
];

/// The replacement written for `c`: its well-known form, nothing for a variation selector
/// (the base character stays), otherwise 〓.
pub fn substitute(c: char) -> &'static str {
    if let Some((_, to)) = KNOWN.iter().find(|(from, _)| *from == c) {
        return to;
    }
    if matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{200D}') {
        ""
    } else {
        GETA
    }
}

/// One character that was replaced: which one and by what ("" when it was left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub original: char,
    pub replacement: &'static str,
}

/// Appends `text` in CP932 to `out` and returns the characters it had to replace, in order.
pub fn encode_into(text: &str, out: &mut Vec<u8>) -> Vec<Replaced> {
    let mut replaced = Vec::new();
    let mut encoder = SHIFT_JIS.new_encoder();
    let mut rest = text;
    loop {
        let needed = encoder.max_buffer_length_from_utf8_without_replacement(rest.len()).unwrap_or(rest.len() * 2 + 8);
        let start = out.len();
        out.resize(start + needed, 0);
        let (result, read, written) = encoder.encode_from_utf8_without_replacement(rest, &mut out[start..], true);
        out.truncate(start + written);
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => return replaced,
            EncoderResult::OutputFull => continue,
            EncoderResult::Unmappable(c) => {
                let replacement = substitute(c);
                // The substitutes are all in CP932: this cannot recurse further.
                let (bytes, _, _) = SHIFT_JIS.encode(replacement);
                out.extend_from_slice(&bytes);
                replaced.push(Replaced { original: c, replacement });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> (String, Vec<Replaced>) {
        let mut out = Vec::new();
        let replaced = encode_into(text, &mut out);
        let (back, _, errors) = SHIFT_JIS.decode(&out);
        assert!(!errors);
        (back.into_owned(), replaced)
    }

    #[test]
    fn what_cp932_holds_comes_back_unchanged() {
        for text in ["髙﨑 太郎", "ｱｲｳ ①②㈱", "札幌市中央区北1条西2丁目", "髙橋 﨑山", ""]
        {
            assert_eq!(round_trip(text), (text.to_owned(), vec![]), "{text}");
        }
    }

    #[test]
    fn what_it_cannot_hold_is_replaced_and_reported() {
        let cases = [
            ("𠮷田", "吉田", vec![('𠮷', "吉")]),
            ("よろしく😀です", "よろしく〓です", vec![('😀', GETA)]),
            ("葛\u{E0100}城", "葛城", vec![('\u{E0100}', "")]),
            ("𠮷😀𩸽", "吉〓ほっけ", vec![('𠮷', "吉"), ('😀', GETA), ('𩸽', "ほっけ")]),
        ];
        for (text, expected, replaced) in cases {
            let replaced: Vec<_> =
                replaced.into_iter().map(|(original, replacement)| Replaced { original, replacement }).collect();
            assert_eq!(round_trip(text), (expected.to_owned(), replaced), "{text}");
        }
    }
}
