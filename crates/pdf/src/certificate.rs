//! 修了証書: the certificate of completion of the practical training.

use kenshu_domain::wareki::fiscal_year_label;
use time::Date;

use crate::layout::{render, Align, Margins, Op, Sheet, PAGE_HEIGHT, PAGE_WIDTH};
use crate::verification::{block, Verification};
use crate::{wareki_date, Font, PdfError};

/// Everything a 修了証書 prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionCertificate {
    /// 修了証書番号, printed 第 {number} 号.
    pub number: String,
    /// 氏名 exactly as registered, never normalised (髙橋, 﨑山, 𠮷野).
    pub holder_name: String,
    pub birth_date: Date,
    /// 北海道サービス管理責任者実践研修, without the fiscal year (taken from `period_start`).
    pub training_title: String,
    pub period_start: Date,
    pub period_end: Date,
    /// 更新研修の受講期限
    pub renewal_deadline: Date,
    /// 発行日
    pub issued_on: Date,
    /// 発行者, e.g. 北海道知事　鈴木 直道; printed flush right, the last line largest.
    pub issuer_lines: Vec<String>,
    /// The verification code and URL, printed with a QR code at the foot.
    pub verification: Option<Verification>,
}

/// Inside the double frame.
const MARGINS: Margins = Margins { top: 72.0, right: 84.0, bottom: 72.0, left: 84.0 };

/// The certificate as a one-page A4 PDF.
pub fn completion_certificate(certificate: &CompletionCertificate, font: &Font) -> Result<Vec<u8>, PdfError> {
    render(&lay_out(certificate, font), font, "修了証書")
}

fn lay_out(certificate: &CompletionCertificate, font: &Font) -> Vec<Vec<Op>> {
    let mut sheet = Sheet::new(font, MARGINS);
    frame(&mut sheet);

    sheet.line(&format!("第 {} 号", certificate.number), 12.0, 20.0, Align::Left);

    sheet.y = 150.0;
    sheet.heading(&["修了証書"], 40.0, 56.0);

    sheet.y = 260.0;
    let name_size = sheet.fit(&certificate.holder_name, 26.0, sheet.width() - 40.0);
    sheet.line(&certificate.holder_name, name_size, 40.0, Align::Centre);
    sheet.line(&format!("{}生", wareki_date(certificate.birth_date)), 12.0, 22.0, Align::Centre);

    sheet.y = 370.0;
    let statement = format!(
        "　あなたは{}{}の全課程を修了したことを証します。",
        fiscal_year_label(certificate.period_start),
        certificate.training_title
    );
    sheet.paragraph(&statement, 16.0, 34.0, sheet.left(), sheet.width());

    sheet.gap(26.0);
    let indent = sheet.left() + 16.0;
    let period =
        format!("研修期間：{}〜{}", wareki_date(certificate.period_start), wareki_date(certificate.period_end));
    sheet.paragraph(&period, 12.0, 24.0, indent, sheet.width() - 16.0);
    let deadline = format!("更新研修の受講期限：{}", wareki_date(certificate.renewal_deadline));
    sheet.paragraph(&deadline, 12.0, 24.0, indent, sheet.width() - 16.0);

    sheet.y = sheet.y.max(620.0);
    sheet.paragraph(&wareki_date(certificate.issued_on), 13.0, 24.0, indent, sheet.width() - 16.0);
    sheet.gap(22.0);
    if let Some((last, first)) = certificate.issuer_lines.split_last() {
        sheet.right_block(first, 13.0, 24.0, sheet.width() - 40.0);
        sheet.right_block(std::slice::from_ref(last), 17.0, 30.0, sheet.width() - 40.0);
    }
    if let Some(verification) = &certificate.verification {
        let size = 52.0;
        let (left, width) = (sheet.left(), sheet.width());
        block(&mut sheet, verification, left, PAGE_HEIGHT - 43.0 - size, size, width);
    }
    sheet.finish()
}

/// A heavy outer rule and a fine inner one around the page.
fn frame(sheet: &mut Sheet<'_>) {
    for (inset, width) in [(28.0, 2.4), (35.0, 0.7)] {
        sheet.push(Op::Rect {
            x: inset,
            y: inset,
            w: PAGE_WIDTH - 2.0 * inset,
            h: PAGE_HEIGHT - 2.0 * inset,
            stroke: Some(width),
            fill: None,
        });
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::layout::tests::text_extent;
    use crate::samples::completion_certificate as certificate;

    #[test]
    fn the_certificate_stays_inside_its_frame() {
        let font = Font::discover().expect("a Japanese font (apt-get install fonts-vlgothic)");
        let mut long = certificate();
        long.holder_name = "𠮷野髙﨑".repeat(12);
        long.issuer_lines = vec!["一般社団法人北海道ケンシュウ研修センター".into(), "理事長　髙橋 﨑子".into()];
        for certificate in [certificate(), long] {
            let pages = lay_out(&certificate, &font);
            assert_eq!(pages.len(), 1);
            for op in &pages[0] {
                if let Some((left, right, baseline)) = text_extent(&font, op) {
                    assert!(left >= MARGINS.left - 0.5 && right <= PAGE_WIDTH - MARGINS.right + 16.0, "{op:?}");
                    // The verification block sits in the bottom margin, inside the inner rule.
                    assert!(baseline <= PAGE_HEIGHT - 36.0, "{op:?}");
                }
            }
        }
    }
}
