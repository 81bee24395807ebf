//! Kenshu's printed documents as A4 PDFs: the 受講可否通知 letter, the 修了証書 and the
//! 受講証明書, each certificate with its verification QR code.
//!
//! Text is set with krilla in one embedded Japanese font, subset to the glyphs used, so a
//! page weighs a few kilobytes and 𠮷, 髙 and 﨑 both print and copy out of the PDF as typed.
//! Load the [`Font`] once at start-up and share clones; rendering touches no other state.

mod attendance;
mod certificate;
mod font;
mod layout;
mod notice;
pub mod samples;
mod seal;
mod verification;
mod wrap;

pub use attendance::{
    attendance_certificate, attendance_certificate_without_text, attendance_certificates, AttendanceCertificate,
};
pub use certificate::{completion_certificate, CompletionCertificate};
pub use font::{Font, FONT_PATH_ENV};
pub use notice::{notice_letter, Decision, ExerciseSchedule, NoticeLetter, Organiser, PostalAddress};
pub use seal::{Seal, SealFormat};
pub use verification::Verification;

use std::path::PathBuf;

/// 令和8年11月24日: a date as letters and certificates print it, without the weekday.
use kenshu_domain::wareki::era_date as wareki_date;

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("cannot read the font file {path}")]
    FontUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a font file krilla can read (TrueType/OpenType, or face 0 of a collection)")]
    FontInvalid { path: PathBuf },
    #[error("{path} has no Japanese glyphs; use VL Gothic or Noto Sans CJK JP")]
    FontNotJapanese { path: PathBuf },
    #[error(
        "no Japanese font found: set {FONT_PATH_ENV} to a .ttf/.otf/.ttc file or run \
         `apt-get install fonts-vlgothic` (tried {})",
        tried.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    FontNotFound { tried: Vec<PathBuf> },
    /// A character of the document is not in the font and would print as an empty box.
    #[error("the font has no glyph for {ch:?} (U+{:04X})", u32::from(*ch))]
    MissingGlyph { ch: char },
    #[error("writing the PDF failed: {0}")]
    Write(String),
}

impl PdfError {
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::FontUnreadable { .. } => "font_unreadable",
            PdfError::FontInvalid { .. } => "font_invalid",
            PdfError::FontNotJapanese { .. } => "font_not_japanese",
            PdfError::FontNotFound { .. } => "font_not_found",
            PdfError::MissingGlyph { .. } => "missing_glyph",
            PdfError::Write(_) => "pdf_write_failed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_print_in_the_era_without_weekday() {
        assert_eq!(wareki_date(date!(2026 - 11 - 24)), "令和8年11月24日");
        assert_eq!(wareki_date(date!(1980 - 04 - 01)), "昭和55年4月1日");
        assert_eq!(wareki_date(date!(2019 - 05 - 01)), "令和元年5月1日");
    }
}
