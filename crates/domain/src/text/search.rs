//! Search keys: what staff type to find an application, compared the way people read it.
//!
//! An office worker types what the caller says: ｻｯﾎﾟﾛ, サッポロ or さっぽろ for the same ふりがな,
//! ０１２３−４５ or 012345 for a phone number. Both the query and each stored value are folded
//! the same way — half-width katakana to full-width (with their voiced marks), katakana to
//! hiragana, full-width ASCII to ASCII, lower case — and spaces, hyphens and the long-vowel
//! mark are dropped, so any of these spellings finds the others.

use super::width::{to_ascii_width, widen_half_width_kana};

/// The folded form of `input` (empty when nothing searchable is left).
pub fn search_key(input: &str) -> String {
    let wide = widen_half_width_kana(input);
    to_ascii_width(&wide)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c {
            // Katakana ァ..ヶ sit 0x60 above their hiragana.
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Whether the folded `query` occurs in any of `values` (an empty query matches all).
pub fn matches<'a>(query: &str, values: impl IntoIterator<Item = &'a str>) -> bool {
    query.is_empty() || values.into_iter().any(|v| search_key(v).contains(query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_in_any_width_or_script_folds_to_the_same_key() {
        for typed in ["さっぽろ はなこ", "サッポロ　ハナコ", "ｻｯﾎﾟﾛ ﾊﾅｺ", "サッぽろハナこ"]
        {
            assert_eq!(search_key(typed), "さっぽろはなこ", "{typed}");
        }
        assert_eq!(search_key("ｶﾞｷﾞｸﾞﾊﾟﾋﾟｳﾞ"), "がぎぐぱぴゔ");
        assert_eq!(search_key("みゅーじっく"), search_key("ﾐｭｰｼﾞｯｸ"));
    }

    #[test]
    fn phones_match_without_hyphens_or_full_width_digits() {
        assert_eq!(search_key("０１２３－４５－６７８９"), "0123456789");
        assert!(matches(&search_key("456789"), ["0123-45-6789"]));
        assert!(matches(&search_key("45-67"), ["0123-45-6789"]));
    }

    #[test]
    fn names_and_addresses_keep_their_kanji() {
        assert!(matches(&search_key("髙橋"), ["髙橋 𠮷子"]));
        assert!(matches(&search_key("中央区 北１条"), ["札幌市中央区北1条西1丁目"]));
        assert!(!matches(&search_key("高橋"), ["髙橋 𠮷子"]));
        assert!(matches("", ["何でも"]));
    }
}
