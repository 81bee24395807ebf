//! Line breaking for Japanese text: greedy by measured width, with simple 禁則処理.

use crate::font::is_invisible;

/// Never at the start of a line (行頭禁則).
const NO_START: &str = "、。，．・：；？！ー―‐〜～…‥々ゝゞヽヾ）〕］｝〉》」』】〙〗ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.:;?!)]}%";
/// Rather than start a line, these hang past its end (ぶら下げ).
const HANGING: &str = "、。，．,.";
/// Never at the end of a line (行末禁則).
const NO_END: &str = "（〔［｛〈《「『【〘〖([{";

/// Rounding slack, in points.
const EPSILON: f32 = 0.01;

/// Splits `text` into lines no wider than `max_width` as measured by `width`. `\n` always
/// breaks. Lines break between characters, never inside one nor inside a run of ASCII (a
/// phone number, a mail address) unless that run is longer than a line. 、。 hang past the
/// end instead of starting a line; closing brackets and small kana never start one, and
/// opening brackets never end one.
pub(crate) fn wrap(text: &str, max_width: f32, width: impl Fn(&str) -> f32) -> Vec<String> {
    text.lines().flat_map(|paragraph| wrap_paragraph(paragraph, max_width, &width)).collect()
}

fn wrap_paragraph(paragraph: &str, max_width: f32, width: &impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line: Vec<(&str, f32)> = Vec::new();
    for token in tokens(paragraph, max_width, width) {
        let token = (token, width(token));
        let line_width: f32 = line.iter().map(|(_, w)| w).sum();
        if line.is_empty() || line_width + token.1 <= max_width + EPSILON {
            line.push(token);
            continue;
        }
        if starts_with_any(token.0, HANGING) && line_width <= max_width + EPSILON {
            line.push(token);
            continue;
        }
        // 追い出し: carry the end of this line over so the next one does not start badly.
        let mut carried = Vec::new();
        if starts_with_any(token.0, NO_START) {
            while line.len() > 1 {
                let last = line.pop().expect("more than one token");
                carried.insert(0, last);
                if !starts_with_any(last.0, NO_START) {
                    break;
                }
            }
        }
        while line.len() > 1 && line.last().is_some_and(|(t, _)| ends_with_any(t, NO_END)) {
            carried.insert(0, line.pop().expect("more than one token"));
        }
        lines.push(join(&line));
        line = carried;
        if !(line.is_empty() && token.0 == " ") {
            line.push(token);
        }
    }
    lines.push(join(&line));
    lines
}

/// Unbreakable pieces: one character with what attaches to it, or a run of ASCII
/// graphic characters. A run wider than a line falls apart into characters.
fn tokens<'a>(paragraph: &'a str, max_width: f32, width: &impl Fn(&str) -> f32) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, ch) in paragraph.char_indices() {
        if let Some((s, ascii_run)) = start {
            if !(is_attached(ch) || (ascii_run && ch.is_ascii_graphic())) {
                pieces.push(&paragraph[s..i]);
                start = None;
            }
        }
        if start.is_none() {
            start = Some((i, ch.is_ascii_graphic()));
        }
    }
    if let Some((s, _)) = start {
        pieces.push(&paragraph[s..]);
    }
    pieces
        .into_iter()
        .flat_map(|piece| {
            if piece.is_ascii() && piece.len() > 1 && width(piece) > max_width {
                (0..piece.len()).map(|i| &piece[i..i + 1]).collect()
            } else {
                vec![piece]
            }
        })
        .collect()
}

/// Combining marks and selectors belong to the character before them.
fn is_attached(ch: char) -> bool {
    matches!(ch, '\u{0300}'..='\u{036F}' | '\u{3099}' | '\u{309A}') || is_invisible(ch)
}

fn starts_with_any(token: &str, set: &str) -> bool {
    token.chars().next().is_some_and(|c| set.contains(c))
}

fn ends_with_any(token: &str, set: &str) -> bool {
    token.chars().next_back().is_some_and(|c| set.contains(c))
}

fn join(line: &[(&str, f32)]) -> String {
    line.iter().map(|(t, _)| *t).collect::<String>().trim_end_matches(' ').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Full-width characters are 1 wide, ASCII ½, selectors nothing.
    fn em(text: &str) -> f32 {
        text.chars()
            .map(|c| {
                if is_invisible(c) {
                    0.0
                } else if c.is_ascii() {
                    0.5
                } else {
                    1.0
                }
            })
            .sum()
    }

    #[test]
    fn lines_break_at_the_measured_width() {
        let cases: [(&str, f32, &[&str]); 9] = [
            ("あいうえお", 3.0, &["あいう", "えお"]),
            ("あいう。えお", 3.0, &["あいう。", "えお"]),
            ("あいう」えお", 3.0, &["あい", "う」え", "お"]),
            ("あいう。」えお", 3.0, &["あい", "う。」", "えお"]),
            ("あい「うえ", 3.0, &["あい", "「うえ"]),
            ("電話011-231-4111", 6.0, &["電話", "011-231-4111"]),
            ("https://example.jp/x", 3.0, &["https:", "//exam", "ple.jp", "/x"]),
            ("第一行\n第二行", 10.0, &["第一行", "第二行"]),
            ("Kenshu is here", 4.0, &["Kenshu", "is here"]),
        ];
        for (text, max, expected) in cases {
            assert_eq!(wrap(text, max, em), expected, "{text} at {max}");
        }
    }

    #[test]
    fn characters_outside_the_bmp_and_selectors_stay_whole() {
        assert_eq!(wrap("𠮷𠮷𠮷𠮷", 3.0, em), ["𠮷𠮷𠮷", "𠮷"]);
        assert_eq!(wrap("あい葛\u{E0100}う", 3.0, em), ["あい葛\u{E0100}", "う"]);
    }

    #[test]
    fn empty_lines_are_kept() {
        assert_eq!(wrap("あ\n\nい", 3.0, em), ["あ", "", "い"]);
    }
}
