//! ふりがな: hiragana, with spaces and the long-vowel mark allowed (SPEC §10).

/// A name's reading in hiragana, trimmed, with full-width spaces folded to one ASCII space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furigana(String);

impl Furigana {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let words: Vec<&str> = input.split([' ', '\u{3000}']).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Err("ふりがなを入力してください");
        }
        let hiragana = |c: char| matches!(c, 'ぁ'..='ゖ' | 'ゝ' | 'ゞ' | 'ー');
        if !words.iter().all(|w| w.chars().all(hiragana)) {
            return Err("ふりがなは、ひらがなで入力してください");
        }
        Ok(Furigana(words.join(" ")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiragana_with_spaces_and_long_marks_is_accepted() {
        assert_eq!(Furigana::parse(" さっぽろ　はなこ ").unwrap().as_str(), "さっぽろ はなこ");
        assert_eq!(Furigana::parse("みゅーじっく たろう").unwrap().as_str(), "みゅーじっく たろう");
    }

    #[test]
    fn katakana_romaji_and_kanji_are_refused() {
        for input in ["サッポロ ハナコ", "sapporo hanako", "札幌 花子", "さっぽろ1", ""] {
            assert!(Furigana::parse(input).is_err(), "{input}");
        }
    }
}
