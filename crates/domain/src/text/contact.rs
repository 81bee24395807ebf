//! Phone numbers and mail addresses as people type them (SPEC §10).

use super::width::to_ascii_width;

/// A Japanese phone number, normalised to ASCII digits and hyphens (０１２３−４５ → 0123-45).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// 10 or 11 digits starting with 0; hyphens, spaces and brackets are allowed between.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let ascii = to_ascii_width(input.trim());
        let kept: String = ascii.chars().filter(|c| *c != ' ').collect::<String>().replace('(', "").replace(')', "-");
        if kept.is_empty() {
            return Err("電話番号を入力してください");
        }
        if !kept.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return Err("電話番号は数字とハイフンで入力してください");
        }
        let digits = kept.chars().filter(char::is_ascii_digit).count();
        if !kept.starts_with('0') || !(10..=11).contains(&digits) || kept.contains("--") || kept.ends_with('-') {
            return Err("電話番号は0から始まる10桁または11桁で入力してください（例: 0123-45-6789）");
        }
        Ok(Phone(kept))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A mail address. The domain part compares case-insensitively; the local part is kept as
/// typed (RFC 5321), so `Hanako@Example.JP` and `Hanako@example.jp` are the same person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    typed: String,
    normalized: String,
}

impl Email {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let typed = to_ascii_width(input.trim());
        if typed.is_empty() {
            return Err("メールアドレスを入力してください");
        }
        let Some((local, domain)) = typed.rsplit_once('@') else {
            return Err("メールアドレスの形式が正しくありません");
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local.chars().all(|c| c.is_ascii_graphic() && !"()<>[]:;@\\,\"".contains(c));
        if !domain_ok || !local_ok || typed.len() > 254 {
            return Err("メールアドレスの形式が正しくありません");
        }
        let normalized = format!("{local}@{}", domain.to_ascii_lowercase());
        Ok(Email { typed: typed.clone(), normalized })
    }

    /// As typed (width-normalised): where mail is sent.
    pub fn as_str(&self) -> &str {
        &self.typed
    }

    /// For comparisons: the domain lower-cased.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_accept_full_width_and_normalise() {
        for (input, expected) in [
            ("０１２３－４５－６７８９", "0123-45-6789"),
            ("090 1234 5678", "09012345678"),
            ("011-792-1811", "011-792-1811"),
            ("(011)792-1811", "011-792-1811"),
        ] {
            assert_eq!(Phone::parse(input).map(|p| p.0), Ok(expected.to_owned()), "{input}");
        }
    }

    #[test]
    fn phones_reject_letters_and_wrong_lengths() {
        for input in ["", "0123-45-678", "0120-ABC-123", "1234567890", "090-1234-56789", "03--1234-5678"] {
            assert!(Phone::parse(input).is_err(), "{input}");
        }
    }

    #[test]
    fn emails_compare_case_insensitively_on_the_domain_only() {
        let a = Email::parse("Hanako@Example.JP").unwrap();
        let b = Email::parse("Hanako@example.jp").unwrap();
        let c = Email::parse("hanako@example.jp").unwrap();
        assert_eq!(a.normalized(), b.normalized());
        assert_ne!(a.normalized(), c.normalized());
        assert_eq!(a.as_str(), "Hanako@Example.JP");
        assert_eq!(Email::parse("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ").unwrap().as_str(), "hanako@example.jp");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for input in
            ["", "hanako", "hanako@", "@example.jp", "hanako@example", "han ako@example.jp", "a@b..jp", "a@例え.jp"]
        {
            assert!(Email::parse(input).is_err(), "{input}");
        }
    }
}
