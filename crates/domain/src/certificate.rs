//! Certificates (SPEC §7): the 受講証明書 of a training day and the 修了証書 of the practical
//! training. What is printed, how an issued one is numbered and found again, and the
//! verification code behind its QR code.
//!
//! An issued certificate keeps what it printed (a snapshot), so later edits of the training
//! or of the organiser's settings never change a certificate someone already holds.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::field::Checker;
use crate::text::line::TextShape;
use crate::time_jp::to_jst;
use crate::wareki::{era_year_label, fiscal_year, weekday_kanji};
use crate::FieldIssue;

/// The organiser every certificate is numbered for: Kenshu serves one organiser per
/// deployment, and its settings are row 1 of `organisers`.
pub const ORGANISER_ID: i32 = 1;

/// Which document a certificate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertificateKind {
    /// 受講証明書 of a (simple-form) training.
    Attendance,
    /// 修了証書 of the practical training.
    Completion,
}

impl CertificateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CertificateKind::Attendance => "attendance",
            CertificateKind::Completion => "completion",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [CertificateKind::Attendance, CertificateKind::Completion].into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            CertificateKind::Attendance => "受講証明書",
            CertificateKind::Completion => "修了証書",
        }
    }
}

/// The fiscal year (April to March) a certificate issued at `at` is numbered in, in Japan
/// time: 2027-03-31 23:59 JST is still fiscal 2026, 2027-04-01 00:00 JST is 2027.
pub fn numbering_year(at: OffsetDateTime) -> i32 {
    fiscal_year(to_jst(at).date())
}

/// Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or typed from paper
/// is not mistaken.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 20 characters × 5 bits = 100 random bits.
pub const CODE_LEN: usize = 20;
/// Random bytes a code is made from (104 bits, the last 4 unused).
pub const CODE_RANDOM_BYTES: usize = 13;

/// The code printed on a certificate, under its QR code, and in its verification URL.
///
/// Made from 100 bits of the operating system's CSPRNG: nobody can list certificates by
/// trying codes. It is stored as it is (not hashed): the same code must print again on
/// every re-download, and it is on paper anyway; what protects it is that it cannot be
/// guessed, and the verification answer says no more than the paper does.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VerificationCode(String);

/// A verification code that is not 20 characters of the alphabet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a verification code is 20 characters of 0-9 and A-Z without I, L, O, U")]
pub struct CodeShapeError;

impl VerificationCode {
    pub fn from_random(bytes: [u8; CODE_RANDOM_BYTES]) -> Self {
        let mut bits: u128 = 0;
        for b in bytes {
            bits = (bits << 8) | u128::from(b);
        }
        let code = (0..CODE_LEN).map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect();
        VerificationCode(code)
    }

    /// As typed or scanned: case, spaces and hyphens are forgiven (`abcde-fghjk-…`).
    pub fn parse(input: &str) -> Result<Self, CodeShapeError> {
        let code: String = input.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
        if code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b)) {
            Ok(VerificationCode(code))
        } else {
            Err(CodeShapeError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// In groups of five for people: `7K3QZ-…`.
    pub fn grouped(&self) -> String {
        self.0.as_bytes().chunks(5).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect::<Vec<_>>().join("-")
    }

    /// `{public_url}/verify/{code}`, the address the QR code holds.
    pub fn url(&self, public_url: &str) -> String {
        format!("{}/verify/{}", public_url.trim_end_matches('/'), self.0)
    }
}

/// 令和2年11月06日: the certificate's date, month and day in two digits as the seed prints.
pub fn padded_era_date(day: Date) -> String {
    format!("{}{:02}月{:02}日", era_year_label(day), day.month() as u8, day.day())
}

/// 令和2年11月06日(金) 09:30～10:00 in Japan time; both dates when the span passes midnight.
pub fn held_label(start: OffsetDateTime, end: OffsetDateTime) -> String {
    let (start, end) = (to_jst(start), to_jst(end));
    let day = |at: OffsetDateTime| format!("{}({})", padded_era_date(at.date()), weekday_kanji(at.weekday()));
    let hm = |at: OffsetDateTime| format!("{:02}:{:02}", at.hour(), at.minute());
    if start.date() == end.date() {
        format!("{} {}～{}", day(start), hm(start), hm(end))
    } else {
        format!("{} {}～{} {}", day(start), hm(start), day(end), hm(end))
    }
}

/// How long the training lasted, as the verification page says it: 30分, 2時間, 1時間30分.
pub fn hours_label(start: OffsetDateTime, end: OffsetDateTime) -> String {
    let minutes = (end - start).whole_minutes().max(0);
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}分"),
        (h, 0) => format!("{h}時間"),
        (h, m) => format!("{h}時間{m}分"),
    }
}

/// Everything a 受講証明書 prints, fixed when it is issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSnapshot {
    /// No. 410
    pub number: i32,
    /// 令和2年度
    pub fiscal_year_label: String,
    /// 主催: the training's organiser.
    pub organiser: String,
    pub title: String,
    /// 目的
    pub purpose: String,
    /// 令和2年11月06日(金) 09:30～10:00
    pub held: String,
    /// 30分
    pub hours: String,
    pub venue: String,
    pub theme: String,
    pub lecturer: String,
    /// The attendee's name exactly as entered; printed with 様.
    pub holder_name: String,
    /// 資格・職名, printed before the name. Left out of the JSON when there is none, so a
    /// snapshot stored before titles existed reads (and prints) as it always did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_title: Option<String>,
    pub issued_on: Date,
    /// 発行者 from the organiser's settings.
    pub issuer: String,
    /// 代表者 (会長 由井 康博).
    pub representative: String,
    /// The organiser's seal at the time of issue (seals are kept, never overwritten).
    pub seal_id: Option<i32>,
}

/// The organiser's settings that certificates print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganiserSettings {
    /// 発行者: 一般社団法人札幌市介護支援専門員連絡協議会
    pub issuer: String,
    /// 代表者: 会長 由井 康博
    pub representative: String,
}

pub const ISSUER_MAX_CHARS: usize = 100;
pub const REPRESENTATIVE_MAX_CHARS: usize = 60;
pub const REVOKE_REASON_MAX_CHARS: usize = 500;
/// The largest seal image taken.
pub const SEAL_MAX_BYTES: usize = 1024 * 1024;

/// The settings form: issuer and representative each one line, both required.
pub fn check_settings(issuer: &str, representative: &str) -> Result<OrganiserSettings, Vec<FieldIssue>> {
    let mut check = Checker::new();
    let issuer = check.text(issuer, "issuer", "発行者", TextShape::single(ISSUER_MAX_CHARS), true);
    let representative =
        check.text(representative, "representative", "代表者", TextShape::single(REPRESENTATIVE_MAX_CHARS), true);
    check.finish(OrganiserSettings { issuer, representative })
}

/// The seal formats taken, by the type detected from the content.
pub fn seal_format(detected_mime: &str) -> Option<&'static str> {
    ["image/png", "image/jpeg"].into_iter().find(|m| *m == detected_mime)
}

/// A revocation needs a reason (kept, and shown to staff): one to several lines, ≤ 500 characters.
pub fn check_revoke_reason(reason: &str) -> Result<String, Vec<FieldIssue>> {
    let mut check = Checker::new();
    let reason = check.text(reason, "reason", "取消の理由", TextShape::multi(REVOKE_REASON_MAX_CHARS), true);
    check.finish(reason)
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn numbering_follows_the_fiscal_year_in_japan_time() {
        let cases = [
            (datetime!(2027-03-31 23:59 +09:00), 2026),
            (datetime!(2027-04-01 00:00 +09:00), 2027),
            // 2027-03-31 15:00 UTC is already 1 April in Japan.
            (datetime!(2027-03-31 15:00 UTC), 2027),
            (datetime!(2027-03-31 14:59 UTC), 2026),
            (datetime!(2026-12-31 23:59 +09:00), 2026),
            (datetime!(2027-01-01 00:00 +09:00), 2026),
        ];
        for (at, want) in cases {
            assert_eq!(numbering_year(at), want, "{at}");
        }
    }

    #[test]
    fn codes_are_twenty_characters_that_cannot_be_misread() {
        let code = VerificationCode::from_random([0xA5; CODE_RANDOM_BYTES]);
        assert_eq!(code.as_str().len(), CODE_LEN);
        assert!(!code.as_str().contains(['I', 'L', 'O', 'U']));
        assert_ne!(code, VerificationCode::from_random([0x5A; CODE_RANDOM_BYTES]));
        assert_eq!(VerificationCode::parse(&code.grouped().to_lowercase()), Ok(code.clone()));
        assert_eq!(code.url("https://kenshu.example/"), format!("https://kenshu.example/verify/{}", code.as_str()));
    }

    #[test]
    fn a_code_of_the_wrong_shape_is_refused() {
        for bad in ["", "ABC", "0123456789ABCDEFGHJ", "0123456789ABCDEFGHJKM", "0123456789ABCDEFGHJI", "０１２３"] {
            assert_eq!(VerificationCode::parse(bad), Err(CodeShapeError), "{bad:?}");
        }
        assert!(VerificationCode::parse("01234-56789-ABCDE-FGHJK").is_ok());
    }

    #[test]
    fn the_certificate_prints_dates_as_the_seed_does() {
        assert_eq!(padded_era_date(date!(2020 - 11 - 06)), "令和2年11月06日");
        assert_eq!(padded_era_date(date!(2019 - 05 - 01)), "令和元年05月01日");
        let (start, end) = (datetime!(2020-11-06 00:30 UTC), datetime!(2020-11-06 01:00 UTC));
        assert_eq!(held_label(start, end), "令和2年11月06日(金) 09:30～10:00");
        assert_eq!(hours_label(start, end), "30分");
        let next_day = datetime!(2020-11-07 07:00 UTC);
        assert_eq!(held_label(start, next_day), "令和2年11月06日(金) 09:30～令和2年11月07日(土) 16:00");
        assert_eq!(hours_label(start, datetime!(2020-11-06 02:30 UTC)), "2時間");
        assert_eq!(hours_label(start, datetime!(2020-11-06 02:00 UTC)), "1時間30分");
    }

    #[test]
    fn settings_and_reasons_are_required_single_fields() {
        assert!(check_settings("札幌市介護支援専門員連絡協議会", "会長 由井 康博").is_ok());
        let issues = check_settings(" ", "").unwrap_err();
        let fields: Vec<_> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["issuer", "representative"]);
        assert_eq!(check_revoke_reason("  ").unwrap_err()[0].field, "reason");
        assert_eq!(check_revoke_reason(" 誤発行 ").unwrap(), "誤発行");
        assert_eq!(seal_format("image/png"), Some("image/png"));
        assert_eq!(seal_format("image/gif"), None);
    }
}
