//! 受講証明書: the certificate of attendance of one training day, laid out as seed 000
//! section 5 prints it — No. at the top right, the fiscal year, organiser and title, the
//! training's particulars, the attendee with 様, the date, the issuer with the seal, and
//! the verification block at the foot.

use kenshu_domain::certificate::padded_era_date;
use time::Date;

use crate::layout::{render, Align, Margins, Op, Sheet, PAGE_HEIGHT, PAGE_WIDTH};
use crate::seal::Seal;
use crate::verification::{block, Verification};
use crate::{Font, PdfError};

/// Everything a 受講証明書 prints.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceCertificate {
    /// Printed `No. 410`.
    pub number: i32,
    /// 令和2年度
    pub fiscal_year_label: String,
    /// 主催 (also in the heading after the fiscal year).
    pub organiser: String,
    /// 令和2年度第1回ケアマネ資質向上研修会
    pub title: String,
    /// 目的
    pub purpose: String,
    /// 令和2年11月06日(金) 09:30～10:00
    pub held: String,
    /// 会場
    pub venue: String,
    /// テーマ
    pub theme: String,
    /// 講師
    pub lecturer: String,
    /// The attendee exactly as registered (髙橋, 﨑山, 𠮷野); printed with 様.
    pub holder: String,
    /// 資格・職名, printed before the name (主任介護支援専門員　田中 太郎　様).
    pub holder_title: Option<String>,
    pub issued_on: Date,
    /// 発行者
    pub issuer: String,
    /// 代表者 (会長 由井 康博)
    pub representative: String,
    pub seal: Option<Seal>,
    pub verification: Verification,
}

const MARGINS: Margins = Margins { top: 60.0, right: 64.0, bottom: 52.0, left: 64.0 };
const LABEL_WIDTH: f32 = 64.0;

/// The certificate as a one-page A4 PDF.
pub fn attendance_certificate(certificate: &AttendanceCertificate, font: &Font) -> Result<Vec<u8>, PdfError> {
    render(&lay_out(certificate, font), font, "受講証明書")
}

/// Several certificates as one PDF, a page each, for printing.
pub fn attendance_certificates(certificates: &[AttendanceCertificate], font: &Font) -> Result<Vec<u8>, PdfError> {
    let pages: Vec<Vec<Op>> = certificates.iter().flat_map(|c| lay_out(c, font)).collect();
    render(&pages, font, "受講証明書")
}

/// The same page without its text, so with no font embedded: the bench's baseline.
pub fn attendance_certificate_without_text(
    certificate: &AttendanceCertificate,
    font: &Font,
) -> Result<Vec<u8>, PdfError> {
    crate::layout::render_images_only(&lay_out(certificate, font))
}

fn lay_out(c: &AttendanceCertificate, font: &Font) -> Vec<Vec<Op>> {
    let mut sheet = Sheet::new(font, MARGINS);
    sheet.push(Op::Rect {
        x: 30.0,
        y: 30.0,
        w: PAGE_WIDTH - 60.0,
        h: PAGE_HEIGHT - 60.0,
        stroke: Some(1.2),
        fill: None,
    });
    sheet.line(&format!("No. {}", c.number), 11.0, 18.0, Align::Right);

    sheet.y = 96.0;
    let heading = format!("{}　{}", c.fiscal_year_label, c.organiser);
    let size = sheet.fit(&heading, 14.0, sheet.width());
    sheet.line(&heading, size, 24.0, Align::Centre);
    for line in sheet.wrap(&c.title, 16.0, sheet.width()) {
        sheet.line(&line, 16.0, 26.0, Align::Centre);
    }
    sheet.gap(14.0);
    sheet.heading(&["受　講　証　明　書"], 30.0, 50.0);
    sheet.gap(16.0);

    let rows = [
        ("目的：", &c.purpose),
        ("主催：", &c.organiser),
        ("日時：", &c.held),
        ("会場：", &c.venue),
        ("テーマ：", &c.theme),
        ("講師：", &c.lecturer),
    ];
    let value_x = sheet.left() + LABEL_WIDTH;
    let value_width = sheet.right() - value_x;
    for (label, value) in rows {
        let lines = sheet.wrap(value, 11.5, value_width);
        let top = sheet.y;
        sheet.text_at(sheet.left(), top, 21.0, 11.5, label, false);
        for line in lines.iter().take(3) {
            sheet.text_at(value_x, sheet.y, 21.0, 11.5, line, false);
            sheet.y += 21.0;
        }
        if lines.is_empty() {
            sheet.y += 21.0;
        }
        sheet.gap(3.0);
    }

    sheet.y = sheet.y.max(440.0);
    sheet.paragraph("　上記の研修を受講したことを証明します。", 13.0, 24.0, sheet.left(), sheet.width());

    sheet.y = sheet.y.max(500.0);
    holder(&mut sheet, c);

    sheet.paragraph(&padded_era_date(c.issued_on), 12.5, 24.0, sheet.left() + 20.0, sheet.width());
    sheet.gap(10.0);
    issuer(&mut sheet, c);

    let qr_size = 72.0;
    let (top, left, width) = (sheet.bottom() - qr_size, sheet.left(), sheet.width());
    block(&mut sheet, &c.verification, left, top, qr_size, width);
    sheet.finish()
}

/// The smallest size the 資格・職名 shares the name's line at; a longer title goes on lines
/// of its own above the name, which then keeps its size.
const HOLDER_MIN_SIZE: f32 = 16.0;
const TITLE_OWN_LINE_SIZE: f32 = 15.0;

/// 「主任介護支援専門員　田中 太郎　様」 on one underlined line, shrunk to fit down to
/// [`HOLDER_MIN_SIZE`]; past that the title wraps on its own lines above 「田中 太郎　様」.
/// Without a title the line is drawn exactly as before titles existed, so certificates
/// issued then print byte for byte the same.
fn holder(sheet: &mut Sheet<'_>, c: &AttendanceCertificate) {
    let holder_x = sheet.left() + 20.0;
    let width = sheet.width() - 40.0;
    let name_only = format!("{}　様", c.holder);
    let holder = match c.holder_title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => name_only,
        Some(title) => {
            let whole = format!("{title}　{name_only}");
            if sheet.fit(&whole, 22.0, width) >= HOLDER_MIN_SIZE {
                whole
            } else {
                for line in sheet.wrap(title, TITLE_OWN_LINE_SIZE, width) {
                    sheet.text_at(holder_x, sheet.y, 22.0, TITLE_OWN_LINE_SIZE, &line, false);
                    sheet.y += 22.0;
                }
                name_only
            }
        }
    };
    let size = sheet.fit(&holder, 22.0, width);
    sheet.text_at(holder_x, sheet.y, 36.0, size, &holder, false);
    let underline_y = sheet.y + 36.0;
    let underline_end = holder_x + sheet.measure(&holder, size).max(260.0);
    sheet.push(Op::Line { from: (holder_x, underline_y), to: (underline_end, underline_y), width: 0.6 });
    sheet.y += 52.0;
}

/// 発行者 and 代表者 flush right, the seal over the end of the representative's name as a
/// hanko is pressed.
fn issuer(sheet: &mut Sheet<'_>, c: &AttendanceCertificate) {
    let seal_size = 58.0;
    let max_width = sheet.width() - seal_size - 60.0;
    let issuer_size = sheet.fit(&c.issuer, 13.0, max_width);
    let rep_size = sheet.fit(&c.representative, 15.0, max_width);
    let widest = sheet.measure(&c.issuer, issuer_size).max(sheet.measure(&c.representative, rep_size));
    let x = sheet.right() - seal_size * 0.6 - widest;
    let top = sheet.y;
    sheet.text_at(x, top, 24.0, issuer_size, &c.issuer, false);
    sheet.text_at(x, top + 26.0, 30.0, rep_size, &c.representative, false);
    if let Some(seal) = &c.seal {
        let aspect = seal.aspect().unwrap_or(1.0).clamp(0.5, 2.0);
        let (w, h) = if aspect >= 1.0 { (seal_size, seal_size / aspect) } else { (seal_size * aspect, seal_size) };
        let rep_end = x + sheet.measure(&c.representative, rep_size);
        let centre = (rep_end + seal_size * 0.4, top + 26.0 + 15.0);
        sheet.push(Op::Image { x: centre.0 - w / 2.0, y: centre.1 - h / 2.0, w, h, image: seal.clone() });
    }
    sheet.y = top + 60.0;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::tests::text_extent;
    use crate::samples::attendance_certificate as sample;

    #[test]
    fn the_certificate_is_one_page_inside_its_frame_even_when_long() {
        let font = Font::discover().expect("a Japanese font (apt-get install fonts-vlgothic)");
        let mut long = sample();
        long.holder = "𠮷野髙﨑".repeat(12);
        long.title = "令和8年度第1回ケアマネジメント資質向上研修会".repeat(4);
        long.theme = "「自立をどのように考えるか」".repeat(12);
        long.issuer = "一般社団法人北海道ケンシュウ研修センター".repeat(3);
        let titles =
            [None, Some("主任介護支援専門員"), Some("主任介護支援専門員・社会福祉士・介護福祉士・精神保健福祉士")];
        let titles = titles.into_iter().map(|t| t.map(str::to_owned)).chain([Some("𠮷".repeat(40))]);
        for holder_title in titles {
            for certificate in [
                AttendanceCertificate { holder_title: holder_title.clone(), ..sample() },
                AttendanceCertificate { holder_title: holder_title.clone(), ..long.clone() },
            ] {
                let pages = lay_out(&certificate, &font);
                assert_eq!(pages.len(), 1);
                for op in &pages[0] {
                    if let Some((left, right, baseline)) = text_extent(&font, op) {
                        assert!(left >= 30.0 && right <= PAGE_WIDTH - 30.0, "{op:?}");
                        assert!(baseline <= PAGE_HEIGHT - 30.0, "{op:?}");
                    }
                }
                // The issuer's block ends above the QR code at the foot.
                let qr_top = PAGE_HEIGHT - MARGINS.bottom - 72.0;
                let representative = pages[0].iter().find_map(|op| match op {
                    Op::Text { baseline, text, .. } if *text == certificate.representative => Some(*baseline),
                    _ => None,
                });
                assert!(representative.unwrap() < qr_top, "{holder_title:?}");
            }
        }
    }

    /// The text ops of the holder's line(s): everything between the statement and the date.
    fn holder_lines(certificate: &AttendanceCertificate, font: &Font) -> Vec<(String, f32)> {
        let pages = lay_out(certificate, font);
        let texts: Vec<(String, f32)> = pages[0]
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, size, .. } => Some((text.clone(), *size)),
                _ => None,
            })
            .collect();
        let start = texts.iter().position(|(t, _)| t.contains("証明します")).unwrap() + 1;
        let end = texts.iter().position(|(t, _)| *t == padded_era_date(certificate.issued_on)).unwrap();
        texts[start..end].to_vec()
    }

    #[test]
    fn the_title_goes_before_the_name_and_on_its_own_line_only_when_long() {
        let font = Font::discover().expect("a Japanese font (apt-get install fonts-vlgothic)");
        let titled = AttendanceCertificate { holder_title: Some("主任介護支援専門員".into()), ..sample() };
        assert_eq!(holder_lines(&titled, &font), [("主任介護支援専門員　𠮷野 髙﨑 太郎　様".to_owned(), 22.0)]);

        let untitled = AttendanceCertificate { holder_title: None, ..sample() };
        assert_eq!(holder_lines(&untitled, &font), [("𠮷野 髙﨑 太郎　様".to_owned(), 22.0)]);
        let blank = AttendanceCertificate { holder_title: Some(" ".into()), ..sample() };
        assert_eq!(lay_out(&blank, &font), lay_out(&untitled, &font));

        let long_title = "𠮷".repeat(40);
        let long = AttendanceCertificate { holder_title: Some(long_title.clone()), ..sample() };
        let lines = holder_lines(&long, &font);
        assert_eq!(lines.last().unwrap(), &("𠮷野 髙﨑 太郎　様".to_owned(), 22.0), "the name keeps its size");
        let title: String = lines[..lines.len() - 1].iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(title, long_title);
        assert!(lines.len() >= 3, "{lines:?}");
    }
}
