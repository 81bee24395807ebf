//! Sample documents with the seed's hardest characters (𠮷 髙 﨑), for tests and previews.

use time::macros::date;

use crate::{
    AttendanceCertificate, CompletionCertificate, Decision, ExerciseSchedule, NoticeLetter, Organiser, PostalAddress,
    Seal, SealFormat, Verification,
};

/// A name that needs a font beyond JIS X 0208.
pub const NAME: &str = "𠮷野 髙﨑 太郎";
/// 資格・職名 as seed 000's certificate prints it before the name.
pub const JOB_TITLE: &str = "主任介護支援専門員";

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
        verification: Some(Verification {
            code: "R2D4F-6H8JK-MNPQR-STVWX".into(),
            url: "https://kenshu.example.jp/verify/R2D4F6H8JKMNPQRSTVWX".into(),
        }),
    }
}

/// A seal (印影) as an organiser would upload it: a red PNG with a transparent background.
pub const SEAL_PNG: &[u8] = include_bytes!("../fixtures/seal.png");
/// The same seal as a JPEG.
pub const SEAL_JPEG: &[u8] = include_bytes!("../fixtures/seal.jpg");

/// A 受講証明書 as seed 000 section 5 shows it, for the 𠮷野 髙﨑 太郎 of these samples.
pub fn attendance_certificate() -> AttendanceCertificate {
    AttendanceCertificate {
        number: 410,
        fiscal_year_label: "令和2年度".into(),
        organiser: "札幌市介護支援専門員連絡協議会".into(),
        title: "令和2年度第1回ケアマネ資質向上研修会".into(),
        purpose: "福祉に従事する方に必要な知識・技術・資質の維持・向上を目的とする。".into(),
        held: "令和2年11月06日(金) 09:30～10:00".into(),
        venue: "札幌市社会福祉総合センター 4階 大研修室".into(),
        theme: "「自立をどのように考えるか」～自立支援に繋がるケアマネジメント～".into(),
        lecturer: "札幌市介護支援専門員連絡協議会".into(),
        holder: NAME.into(),
        holder_title: Some(JOB_TITLE.into()),
        issued_on: date!(2020 - 11 - 06),
        issuer: "一般社団法人札幌市介護支援専門員連絡協議会".into(),
        representative: "会長　由井 康博".into(),
        seal: Some(Seal::new(SealFormat::Png, SEAL_PNG.to_vec())),
        verification: Verification {
            code: "7K3QZ-M9W2D-X4T8B-N6RHC".into(),
            url: "https://kenshu.example.jp/verify/7K3QZM9W2DX4T8BN6RHC".into(),
        },
    }
}
