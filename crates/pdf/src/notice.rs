//! 受講可否通知: the letter telling an applicant of the practical training whether they
//! got a place, mailed to their notification address.

use kenshu_domain::wareki::fiscal_year_label;
use time::Date;

use crate::layout::{render, Align, Margins, Sheet};
use crate::{wareki_date, Font, PdfError};

/// 受講可否 (the decision a notice letter announces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// 受講決定
    Accepted,
    /// 受講不可: more applications than places (申込多数).
    Rejected,
    /// 受講不可: the entries do not meet the requirements; each failed requirement in
    /// plain Japanese with its ※ reference.
    NotEligible { reasons: Vec<String> },
    /// キャンセル待ち (補欠), with the applicant's place in the queue when known.
    Waitlisted { position: Option<u32> },
}

/// Where the letter goes: the block printed top-left, in the envelope window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    /// 郵便番号 as `060-8588`, printed after 〒.
    pub postal_code: String,
    /// 住所, one printed line each (prefecture and city, street, building).
    pub address_lines: Vec<String>,
    /// 宛名 without 様, one printed line each: corporation, office, person (様 is added to
    /// the last line). Each line wraps only if it alone is wider than the window.
    pub addressee_lines: Vec<String>,
}

/// The office that runs the training and signs the letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organiser {
    /// 北海道保健福祉部福祉局障がい者保健福祉課, printed as the sender.
    pub name: String,
    /// お問い合わせ先: section, address, phone, mail, office hours, one per line.
    pub contact_lines: Vec<String>,
}

/// 演習日程 allocated to an accepted applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseSchedule {
    /// 第2日程（札幌会場）
    pub label: String,
    /// 令和9年1月20日(水)・21日(木)
    pub dates: String,
}

/// Everything a 受講可否通知 prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeLetter {
    pub recipient: PostalAddress,
    /// 受講者氏名, exactly as applied (𠮷, 髙, 﨑 are printed as they are).
    pub applicant_name: String,
    pub decision: Decision,
    /// 北海道サービス管理責任者実践研修, without the fiscal year.
    pub training_title: String,
    /// Any day of the training's fiscal year, e.g. its first lecture day: printed 令和8年度.
    pub fiscal_year: Date,
    /// 講義日程 as printed: 令和8年12月1日(火)〜12月2日(水)（オンライン）.
    pub lecture_schedule: String,
    /// Printed for accepted applicants; `None` reads 追ってお知らせします.
    pub exercise_schedule: Option<ExerciseSchedule>,
    /// 会場
    pub venue: String,
    pub organiser: Organiser,
    /// 発行日
    pub issued_on: Date,
    /// 文書番号 such as 障福第1234号, printed above the date.
    pub letter_number: Option<String>,
}

const MARGINS: Margins = Margins { top: 56.0, right: 70.0, bottom: 56.0, left: 70.0 };
const BODY: f32 = 10.5;
const LEADING: f32 = 18.5;

/// The notice as a one-page A4 PDF (a second page only if the addresses or contacts are
/// unusually long).
pub fn notice_letter(letter: &NoticeLetter, font: &Font) -> Result<Vec<u8>, PdfError> {
    let title = title_parts(letter);
    let pages = lay_out(letter, font, &title);
    render(&pages, font, &title.join(" "))
}

/// 令和8年度 / 北海道…実践研修 / 受講決定通知書
fn title_parts(letter: &NoticeLetter) -> [String; 3] {
    let kind = match letter.decision {
        Decision::Accepted => "受講決定通知書",
        Decision::Rejected | Decision::NotEligible { .. } | Decision::Waitlisted { .. } => "受講可否通知書",
    };
    [fiscal_year_label(letter.fiscal_year), letter.training_title.clone(), kind.to_string()]
}

fn lay_out(letter: &NoticeLetter, font: &Font, title: &[String; 3]) -> Vec<Vec<crate::layout::Op>> {
    let mut sheet = Sheet::new(font, MARGINS);
    if let Some(number) = &letter.letter_number {
        sheet.line(number, BODY, LEADING, Align::Right);
    }
    sheet.line(&wareki_date(letter.issued_on), BODY, LEADING, Align::Right);

    sheet.gap(10.0);
    let recipient = &letter.recipient;
    let address_width = 260.0;
    sheet.line(&format!("〒{}", recipient.postal_code.trim_start_matches('〒')), 11.0, 17.0, Align::Left);
    for line in &recipient.address_lines {
        sheet.paragraph(line, 11.0, 17.0, sheet.left(), address_width);
    }
    sheet.gap(8.0);
    let addressee: Vec<&str> = recipient.addressee_lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    if let Some((person, organisation)) = addressee.split_last() {
        for line in organisation {
            sheet.paragraph(line, 12.0, 19.0, sheet.left() + 14.0, address_width);
        }
        sheet.paragraph(&with_honorific(person), 14.0, 22.0, sheet.left() + 14.0, address_width);
    }

    sheet.gap(14.0);
    sheet.right_block(std::slice::from_ref(&letter.organiser.name), BODY, LEADING, 250.0);

    sheet.gap(26.0);
    sheet.heading(&[&format!("{} {}", title[0], title[1]), &title[2]], 14.0, 24.0);
    sheet.gap(16.0);

    let training = format!("{}{}", title[0], letter.training_title);
    for paragraph in body(letter, &training) {
        sheet.paragraph(&paragraph, BODY, LEADING, sheet.left(), sheet.width());
    }

    sheet.gap(12.0);
    sheet.line("記", BODY, LEADING, Align::Centre);
    sheet.gap(6.0);
    sheet.table(&rows(letter, &training), BODY, LEADING, 84.0);
    sheet.gap(4.0);
    sheet.line("以上", BODY, LEADING, Align::Right);

    if !letter.organiser.contact_lines.is_empty() {
        sheet.gap(18.0);
        sheet.footer_box("【お問い合わせ先】", &letter.organiser.contact_lines, 9.5, 15.5);
    }
    sheet.finish()
}

fn with_honorific(addressee: &str) -> String {
    let addressee = addressee.trim();
    if ["様", "殿", "御中"].iter().any(|h| addressee.ends_with(h)) {
        addressee.to_string()
    } else {
        format!("{addressee}　様")
    }
}

/// The letter's paragraphs, each opening with a full-width space.
fn body(letter: &NoticeLetter, training: &str) -> Vec<String> {
    let mut paragraphs = vec![
        "　日頃より本道の障がい福祉の推進に格別のご理解とご協力を賜り、厚くお礼申し上げます。".to_string(),
        format!("　このたびは、{training}にお申し込みいただき、誠にありがとうございました。"),
    ];
    match letter.decision {
        Decision::Accepted => paragraphs.extend([
            "　選考の結果、あなたの受講が決定しましたので、下記のとおり通知します。".to_string(),
            "　講義及び演習の詳細、事前課題等につきましては、別途ご案内いたします。やむを得ず受講を辞退される場合は、\
             速やかに下記お問い合わせ先までご連絡ください。"
                .to_string(),
        ]),
        Decision::Rejected => paragraphs.extend([
            "　本研修には定員を大きく上回るお申し込みをいただき、選考を行いましたが、申込多数のため、\
             誠に残念ながら今回は受講いただけないこととなりました。"
                .to_string(),
            "　ご期待に沿えず大変申し訳ございませんが、何卒ご理解を賜りますようお願い申し上げます。\
             次年度以降の研修につきましては、実施が決まり次第ご案内いたしますので、改めてのお申し込みをお待ちしております。"
                .to_string(),
        ]),
        Decision::NotEligible { .. } => paragraphs.extend([
            "　お申し込みの内容を審査しましたところ、下記の受講要件を満たしていないため、誠に残念ながら今回は\
             受講いただけないこととなりました。"
                .to_string(),
            "　記載内容に誤りがある場合や、要件を満たす修了証書等をお持ちの場合は、下記お問い合わせ先までご連絡ください。"
                .to_string(),
        ]),
        Decision::Waitlisted { position } => {
            let mut waiting = "　本研修には定員を上回るお申し込みをいただいたため、現時点では受講の決定に至らず、\
                               あなたをキャンセル待ち（補欠）として登録いたしました。"
                .to_string();
            if let Some(n) = position {
                waiting.push_str(&format!("補欠順位は第{n}位です。"));
            }
            paragraphs.extend([
                waiting,
                "　受講決定者の辞退等により欠員が生じた場合は、補欠順位に従い、事務局から改めてご連絡いたします。\
                 ご連絡がない場合は受講いただけませんので、あらかじめご了承ください。"
                    .to_string(),
            ]);
        }
    }
    paragraphs
}

/// The 記 block: what was decided, for whom.
fn rows(letter: &NoticeLetter, training: &str) -> Vec<(&'static str, String)> {
    let mut rows = vec![("研修名", training.to_string())];
    match &letter.decision {
        Decision::Accepted => {
            let exercise = match &letter.exercise_schedule {
                Some(schedule) => format!("{}　{}", schedule.label, schedule.dates),
                None => "追ってお知らせします".to_string(),
            };
            rows.extend([
                ("受講者氏名", letter.applicant_name.clone()),
                ("講義日程", letter.lecture_schedule.clone()),
                ("演習日程", exercise),
                ("会場", letter.venue.clone()),
            ]);
        }
        Decision::Rejected => {
            rows.extend([("申込者氏名", letter.applicant_name.clone()), ("理由", "申込多数のため".to_string())])
        }
        Decision::NotEligible { reasons } => {
            rows.push(("申込者氏名", letter.applicant_name.clone()));
            rows.push(("理由", "受講要件を満たしていないため".to_string()));
            for (i, reason) in reasons.iter().enumerate() {
                rows.push((if i == 0 { "満たさない要件" } else { "" }, format!("・{reason}")));
            }
        }
        Decision::Waitlisted { position } => {
            rows.push(("申込者氏名", letter.applicant_name.clone()));
            if let Some(n) = position {
                rows.push(("補欠順位", format!("第{n}位")));
            }
        }
    }
    rows
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::layout::tests::text_extent;
    use crate::layout::{Op, PAGE_HEIGHT, PAGE_WIDTH};
    use crate::samples::notice_letter as letter;

    #[test]
    fn accepted_applicants_get_a_decision_notice_others_a_notice_of_the_outcome() {
        assert_eq!(title_parts(&letter(Decision::Accepted))[2], "受講決定通知書");
        assert_eq!(title_parts(&letter(Decision::Rejected))[2], "受講可否通知書");
        assert_eq!(title_parts(&letter(Decision::Accepted))[0], "令和8年度");
    }

    #[test]
    fn the_waiting_list_position_is_printed_only_when_known() {
        let rows_for = |position| rows(&letter(Decision::Waitlisted { position }), "研修");
        assert!(rows_for(Some(3)).contains(&("補欠順位", "第3位".to_string())));
        assert!(!rows_for(None).iter().any(|(label, _)| *label == "補欠順位"));
    }

    #[test]
    fn a_rejection_names_its_ground() {
        let oversubscribed = rows(&letter(Decision::Rejected), "研修");
        assert!(oversubscribed.contains(&("理由", "申込多数のため".to_string())));
        let reasons = vec!["実務経験が足りません（※2）".to_string()];
        let not_eligible = rows(&letter(Decision::NotEligible { reasons }), "研修");
        assert!(not_eligible.contains(&("理由", "受講要件を満たしていないため".to_string())));
        assert!(not_eligible.contains(&("満たさない要件", "・実務経験が足りません（※2）".to_string())));
        let paragraphs = body(&letter(Decision::NotEligible { reasons: vec![] }), "研修");
        assert!(!paragraphs.iter().any(|p| p.contains("申込多数")));
    }

    #[test]
    fn addressees_get_one_honorific() {
        assert_eq!(with_honorific("山田 花子"), "山田 花子　様");
        assert_eq!(with_honorific("株式会社ケンシュウ 御中"), "株式会社ケンシュウ 御中");
    }

    #[test]
    fn every_letter_fits_one_page_inside_the_margins() {
        let font = Font::discover().expect("a Japanese font (apt-get install fonts-vlgothic)");
        let reasons = vec![
            "実務経験が通算5年以上必要です（入力: 3年2か月）（※2）".to_string(),
            "基礎研修の修了日が入力されていません（※E）".to_string(),
        ];
        for decision in [
            Decision::Accepted,
            Decision::Rejected,
            Decision::NotEligible { reasons },
            Decision::Waitlisted { position: Some(3) },
        ] {
            let letter = letter(decision.clone());
            let pages = lay_out(&letter, &font, &title_parts(&letter));
            assert_eq!(pages.len(), 1, "{decision:?}");
            for op in &pages[0] {
                if let Some((left, right, baseline)) = text_extent(&font, op) {
                    assert!(left >= MARGINS.left - 0.5, "{op:?}");
                    // 、。 may hang one character past the margin.
                    assert!(right <= PAGE_WIDTH - MARGINS.right + BODY, "{op:?}");
                    assert!(baseline <= PAGE_HEIGHT - MARGINS.bottom, "{op:?}");
                }
                if let Op::Rect { x, w, y, h, .. } = op {
                    assert!(*x >= MARGINS.left - 0.5 && x + w <= PAGE_WIDTH - MARGINS.right + 0.5, "{op:?}");
                    assert!(y + h <= PAGE_HEIGHT - MARGINS.bottom + 0.5, "{op:?}");
                }
            }
        }
    }

    #[test]
    fn long_contact_blocks_flow_onto_a_second_page() {
        let font = Font::discover().expect("a Japanese font (apt-get install fonts-vlgothic)");
        let mut letter = letter(Decision::Accepted);
        letter.organiser.contact_lines = (1..=30).map(|i| format!("連絡先 {i}")).collect();
        let pages = lay_out(&letter, &font, &title_parts(&letter));
        assert_eq!(pages.len(), 2);
    }
}
