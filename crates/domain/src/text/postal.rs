//! 郵便番号 NNN-NNNN; full-width digits and a missing hyphen are normalised (SPEC §10).

use super::width::to_ascii_width;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalCode(String);

impl PostalCode {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let ascii = to_ascii_width(input.trim());
        let ascii = ascii.trim_start_matches('〒').trim();
        let digits: String = ascii.chars().filter(char::is_ascii_digit).collect();
        let well_formed = ascii.chars().all(|c| c.is_ascii_digit() || c == '-')
            && digits.len() == 7
            && (ascii.len() == 7 || (ascii.len() == 8 && ascii.as_bytes()[3] == b'-'));
        if !well_formed {
            return Err("郵便番号は7桁の数字で入力してください（例: 001-0010）");
        }
        Ok(PostalCode(format!("{}-{}", &digits[..3], &digits[3..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_normalise_to_nnn_nnnn() {
        for (input, expected) in
            [("001-0010", "001-0010"), ("０６００００１", "060-0001"), ("〒０６０－０００１", "060-0001")]
        {
            assert_eq!(PostalCode::parse(input).unwrap().as_str(), expected, "{input}");
        }
    }

    #[test]
    fn letters_and_wrong_lengths_are_refused() {
        for input in ["06A-0001", "060-001", "0600-001", "060--0001", ""] {
            assert!(PostalCode::parse(input).is_err(), "{input}");
        }
    }
}
