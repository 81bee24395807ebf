//! Full-width (全角) to half-width (半角) normalisation.
//!
//! Japanese phones and IMEs often type ０１２-３４５６ or ＡＢＣ; identifiers such as phone
//! numbers, postal codes and Zoom meeting IDs are stored in ASCII (SPEC §10).

/// Folds full-width ASCII (U+FF01–U+FF5E) and the ideographic space to ASCII, and the
/// dash-like characters people type in numbers (ー − ‐ ― ‒ – —) to `-`. Everything else is kept.
pub fn to_ascii_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            'ー' | '−' | '‐' | '―' | '‒' | '–' | '—' | 'ｰ' => '-',
            _ => c,
        })
        .collect()
}

/// Only the digits of a width-normalised string (for meeting IDs written as 873 2070 1848).
pub fn digits_only(input: &str) -> String {
    to_ascii_width(input).chars().filter(char::is_ascii_digit).collect()
}

/// Length as people count it: one per character, so 𠮷 is one, not two UTF-16 units.
pub fn char_len(input: &str) -> usize {
    input.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_letters_and_dashes_become_ascii() {
        let cases = [
            ("０１２３－４５－６７８９", "0123-45-6789"),
            ("０１２３ー４５ー６７８９", "0123-45-6789"),
            ("００１−００１０", "001-0010"),
            ("ＡＢＣ　ｘｙｚ", "ABC xyz"),
            ("0123-45-6789", "0123-45-6789"),
        ];
        for (input, expected) in cases {
            assert_eq!(to_ascii_width(input), expected, "{input}");
        }
    }

    #[test]
    fn japanese_text_is_left_alone() {
        assert_eq!(to_ascii_width("髙橋 﨑山 𠮷野"), "髙橋 﨑山 𠮷野");
    }

    #[test]
    fn meeting_ids_keep_only_digits() {
        assert_eq!(digits_only("８７３ ２０７０ １８４８"), "87320701848");
    }

    #[test]
    fn rare_kanji_count_as_one_character() {
        assert_eq!(char_len("𠮷野"), 2);
    }
}
