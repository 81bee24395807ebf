//! Sample documents with the seed's hardest characters (𠮷 髙 﨑), for tests and previews.

use time::macros::date;

use crate::{CompletionCertificate, Decision, ExerciseSchedule, NoticeLetter, Organiser, PostalAddress};

/// A name that needs a font beyond JIS X 0208.
pub const NAME: &str = "𠮷野 髙﨑 太郎";

/// A 受講可否通知 of the given decision.
pub fn notice_letter(decision: Decision) -> NoticeLetter {
    NoticeLetter {
        recipient: PostalAddress {
            postal_code: "060-0001".into(),
            address_lines: vec!["北海道札幌市中央区北1条西5丁目1番地".into(), "ケンシュウビル3階".into()],
            addressee_lines: vec![
                "社会福祉法人ケンシュウ福祉会".into(),
                "障がい者支援施設 ひかりの里".into(),
                NAME.into(),
            ],
        },
        applicant_name: NAME.into(),
        decision,
        training_title: "北海道サービス管理責任者実践研修".into(),
        fiscal_year: date!(2026 - 12 - 01),
        lecture_schedule: "令和8年12月1日(火)〜12月2日(水)（オンライン）".into(),
        exercise_schedule: Some(ExerciseSchedule {
            label: "第2日程（札幌会場）".into(),
            dates: "令和9年1月20日(水)・21日(木)".into(),
        }),
        venue: "北海道自治労会館（札幌市北区北6条西7丁目）".into(),
        organiser: Organiser {
            name: "北海道保健福祉部福祉局障がい者保健福祉課".into(),
            contact_lines: vec![
                "北海道サービス管理責任者等研修事務局".into(),
                "〒060-8588 札幌市中央区北3条西6丁目".into(),
                "電話 011-231-4111（平日 8:45〜17:30）".into(),
                "メール kenshu@example.jp".into(),
            ],
        },
        issued_on: date!(2026 - 11 - 24),
        letter_number: Some("実践研修第12-3号".into()),
    }
}

/// A 修了証書.
pub fn completion_certificate() -> CompletionCertificate {
    CompletionCertificate {
        number: "R8-0123".into(),
        holder_name: NAME.into(),
        birth_date: date!(1980 - 04 - 01),
        training_title: "北海道サービス管理責任者実践研修".into(),
        period_start: date!(2026 - 12 - 01),
        period_end: date!(2027 - 01 - 21),
        renewal_deadline: date!(2031 - 03 - 31),
        issued_on: date!(2027 - 02 - 10),
        issuer_lines: vec!["北海道知事　鈴木 直道".into()],
    }
}
