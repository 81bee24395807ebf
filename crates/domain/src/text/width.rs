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

/// Half-width katakana (U+FF61–U+FF9F) to full-width, joining ﾞ and ﾟ to the kana before.
pub fn widen_half_width_kana(input: &str) -> String {
    const BASE: [char; 63] = [
        '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー', 'ア', 'イ',
        'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ', 'ト',
        'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ',
        'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン', '゛', '゜',
    ];
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        let Some(wide) = ('\u{FF61}'..='\u{FF9F}').contains(&c).then(|| BASE[(c as u32 - 0xFF61) as usize]) else {
            out.push(c);
            continue;
        };
        let last = out.chars().last();
        let joined = match (wide, last) {
            ('゛', Some('ウ')) => Some('ヴ'),
            ('゛', Some(k)) if "カキクケコサシスセソタチツテトハヒフヘホ".contains(k) => {
                char::from_u32(k as u32 + 1)
            }
            ('゜', Some(k)) if "ハヒフヘホ".contains(k) => char::from_u32(k as u32 + 2),
            _ => None,
        };
        match joined {
            Some(voiced) => {
                out.pop();
                out.push(voiced);
            }
            None => out.push(wide),
        }
    }
    out
}

/// One line of Japanese text as people mean it, whatever their keyboard typed: half-width
/// katakana widened (ｹｱﾏﾈｼﾞｬｰ → ケアマネジャー), full-width letters and digits narrowed
/// (ＣＭ２級 → CM2級), the ideographic space and runs of spaces folded to one space.
/// Punctuation keeps its width (（）・ stay as typed) and the long-vowel mark stays a
/// long-vowel mark, unlike [`to_ascii_width`], which is for numbers.
pub fn fold_text_width(input: &str) -> String {
    let wide = widen_half_width_kana(input);
    let mut out = String::with_capacity(wide.len());
    for c in wide.chars() {
        let c = match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
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
    fn text_is_folded_to_the_width_people_mean() {
        let cases = [
            ("ｹｱﾏﾈｼﾞｬｰ", "ケアマネジャー"),
            ("主任介護支援専門員　　社会福祉士", "主任介護支援専門員 社会福祉士"),
            ("ＣＭ２級（ﾎｰﾑﾍﾙﾊﾟｰ）", "CM2級（ホームヘルパー）"),
            ("髙﨑𠮷・ケアマネージャー", "髙﨑𠮷・ケアマネージャー"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold_text_width(input), expected, "{input}");
        }
    }

    #[test]
    fn rare_kanji_count_as_one_character() {
        assert_eq!(char_len("𠮷野"), 2);
    }
}
