//! 申込 (an application to a simple-form training) and its rules (SPEC §4, seed 000).

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use crate::attendance::DayRecord;
use crate::checklist::{self, Answers, Score};
use crate::field::Checker;
use crate::text::contact::{Email, Phone};
use crate::text::line::TextShape;
use crate::text::width::fold_text_width;
use crate::training::{availability, Availability, FormKind, Training};
use crate::{Catalogued, ErrorCode, FieldIssue};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// 申込済み: holds a seat.
    Confirmed,
    /// キャンセル待ち: waits for a seat, promoted in order.
    Waitlisted,
    /// キャンセル済み
    Cancelled,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 3] =
        [ApplicationStatus::Confirmed, ApplicationStatus::Waitlisted, ApplicationStatus::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Confirmed => "confirmed",
            ApplicationStatus::Waitlisted => "waitlisted",
            ApplicationStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// 会員/非会員
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Membership {
    Member,
    NonMember,
}

impl Membership {
    pub fn label(self) -> &'static str {
        match self {
            Membership::Member => "会員",
            Membership::NonMember => "非会員",
        }
    }
}

// What an applicant typed, before any rule; the API names it `ApplyRequest`.
/// The application form. Every field is checked and every problem reported at once.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ApplyRequest, example = json!({
    "member": "non_member", "full_name": "札幌 花子", "job_title": "主任介護支援専門員", "workplace": "有限会社谷川企画",
    "phone": "0123-45-6789", "email": "hanako@example.jp", "email_confirmation": "hanako@example.jp",
    "privacy_consent": true, "checklist_answers": null
})))]
pub struct ApplicationForm {
    /// 会員/非会員 (required; null is reported with the other fields)
    #[serde(default)]
    pub member: Option<Membership>,
    /// 氏名 (any characters, e.g. 髙橋 𠮷子)
    pub full_name: String,
    /// 資格・職名 (optional, one line, e.g. 主任介護支援専門員), printed before the name on
    /// the 受講証明書. Half-width katakana are widened, full-width letters and digits
    /// narrowed and spaces folded; at most 40 characters after that.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40, example = "主任介護支援専門員"))]
    pub job_title: Option<String>,
    /// 勤務先
    pub workplace: String,
    /// 個人電話番号; full-width digits are accepted and normalised.
    pub phone: String,
    pub email: String,
    /// Must equal `email`.
    pub email_confirmation: String,
    /// 個人情報保護方針への同意 (must be true)
    pub privacy_consent: bool,
    /// The 34 answers of the checklist (index 0 = question 1; true = はい), required when
    /// the training's `checklist_required` is true.
    #[serde(default)]
    pub checklist_answers: Option<Vec<Option<bool>>>,
}

/// A form that passed every rule.
#[derive(Debug, Clone)]
pub struct ValidApplication {
    pub member: Membership,
    pub full_name: String,
    /// 資格・職名, normalised; `None` when left empty.
    pub job_title: Option<String>,
    pub workplace: String,
    pub phone: Phone,
    pub email: Email,
    pub checklist: Option<(Answers, Score)>,
}

/// The longest name kept (people's names, with spaces, rarely pass 30 characters).
pub const NAME_MAX_CHARS: usize = 50;
pub const WORKPLACE_MAX_CHARS: usize = 100;
/// 資格・職名: 主任介護支援専門員・社会福祉士・介護福祉士 is 21; the certificate prints
/// up to 40 on the holder's line or above it.
pub const JOB_TITLE_MAX_CHARS: usize = 40;

/// The optional 資格・職名 (SPEC §7: printed before the name with 様): one line, width
/// folded as people mean it ([`fold_text_width`]), at most [`JOB_TITLE_MAX_CHARS`];
/// empty is `None`.
pub fn check_job_title(c: &mut Checker, raw: Option<&str>) -> Option<String> {
    let raw = raw?;
    let shape = TextShape::single(JOB_TITLE_MAX_CHARS);
    Some(c.text(&fold_text_width(raw), "job_title", "資格・職名", shape, false)).filter(|t| !t.is_empty())
}

/// Checks every field at once (SPEC §4, §10). The checklist is required only where the
/// training says so; all 34 questions must then be answered.
pub fn check_form(form: &ApplicationForm, checklist_required: bool) -> Result<ValidApplication, Vec<FieldIssue>> {
    let mut c = Checker::new();
    if form.member.is_none() {
        c.push("member", "required", "会員・非会員のどちらかを選んでください");
    }
    let full_name = c.text(&form.full_name, "full_name", "氏名", TextShape::single(NAME_MAX_CHARS), true);
    let job_title = check_job_title(&mut c, form.job_title.as_deref());
    let workplace = c.text(&form.workplace, "workplace", "勤務先", TextShape::single(WORKPLACE_MAX_CHARS), true);
    let phone = c.phone(&form.phone, "phone", "電話番号", true);
    let email = c.email_pair(&form.email, &form.email_confirmation, "email", "email_confirmation");
    if !form.privacy_consent {
        c.push("privacy_consent", "consent_required", "個人情報保護方針に同意のうえ、お申し込みください");
    }
    let checklist = match (&form.checklist_answers, checklist_required) {
        (None, false) => None,
        (None, true) => {
            c.push("checklist_answers", "required", "主任介護支援専門員 資質・能力チェック表の全34問にお答えください");
            None
        }
        (Some(raw), _) => match Answers::parse(raw) {
            Ok(answers) => Some((answers, checklist::score(&answers))),
            Err(missing) if missing.is_empty() => {
                c.push("checklist_answers", "invalid", "チェック表の回答は34問分で送信してください");
                None
            }
            Err(missing) => {
                let numbers: Vec<String> = missing.iter().map(usize::to_string).collect();
                c.push(
                    "checklist_answers",
                    "incomplete",
                    format!("チェック表のすべての設問にお答えください（未回答: {}）", numbers.join("、")),
                );
                None
            }
        },
    };
    match (form.member, phone, email) {
        (Some(member), Some(phone), Some(email)) if c.is_empty() => {
            Ok(ValidApplication { member, full_name, job_title, workplace, phone, email, checklist })
        }
        _ => Err(c.into_issues()),
    }
}

/// Why a training does not take an application now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ApplyError {
    #[error("この研修はこの申込様式では申し込めません")]
    WrongForm,
    #[error("申込受付はまだ始まっていません")]
    NotOpenYet,
    #[error("申込受付は終了しました")]
    Closed,
    #[error("定員に達したため、申込を締め切りました")]
    Full,
    #[error("このメールアドレスでは、すでにこの研修に申し込まれています")]
    AlreadyApplied,
    /// Staff entry only: the training has started, finished or was cancelled.
    #[error("研修の開始後や終了・中止した研修には、申込を代理入力できません")]
    Started,
}

impl Catalogued for ApplyError {
    fn code(&self) -> ErrorCode {
        match self {
            ApplyError::WrongForm => ErrorCode::WrongApplicationForm,
            ApplyError::NotOpenYet => ErrorCode::ApplicationsNotOpen,
            ApplyError::Closed => ErrorCode::ApplicationsClosed,
            ApplyError::Full => ErrorCode::TrainingFull,
            ApplyError::AlreadyApplied => ErrorCode::AlreadyApplied,
            ApplyError::Started => ErrorCode::StaffEntryClosed,
        }
    }

    fn detail(&self) -> Option<String> {
        (*self == ApplyError::WrongForm).then(|| self.to_string())
    }

    /// A second application from the same address is the email field's fault.
    fn issues(&self) -> Vec<FieldIssue> {
        match self {
            ApplyError::AlreadyApplied => vec![FieldIssue::new("email", "already_applied", self.to_string())],
            _ => Vec::new(),
        }
    }
}

/// What an application will get if it arrives now: a seat, a place on the waiting list,
/// or a refusal. Decided from the stored seat count without locking it, so refusals after
/// sell-out cost no lock; the seat itself is taken by a conditional update.
pub fn admission(training: &Training, form: FormKind, now: OffsetDateTime) -> Result<Admission, ApplyError> {
    if training.plan.form_kind != form {
        return Err(ApplyError::WrongForm);
    }
    match availability(training, now) {
        Availability::Open => Ok(Admission::Seat),
        Availability::Full if training.plan.waiting_list => Ok(Admission::WaitingList),
        Availability::Full => Err(ApplyError::Full),
        Availability::Upcoming => Err(ApplyError::NotOpenYet),
        Availability::Closed => Err(ApplyError::Closed),
    }
}

/// What an accepted application is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Seat,
    WaitingList,
}

/// Whether an applicant may still cancel from My Page: until the training starts.
pub fn can_cancel(status: ApplicationStatus, training: &Training, now: OffsetDateTime) -> bool {
    status != ApplicationStatus::Cancelled && now < training.plan.starts_at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ApplicationForm {
        ApplicationForm {
            member: Some(Membership::NonMember),
            full_name: " 札幌 花子 ".into(),
            job_title: None,
            workplace: "有限会社谷川企画".into(),
            phone: "０１２３－４５－６７８９".into(),
            email: "hanako@example.jp".into(),
            email_confirmation: "hanako@EXAMPLE.jp".into(),
            privacy_consent: true,
            checklist_answers: None,
        }
    }

    #[test]
    fn a_good_form_is_normalised() {
        let valid = check_form(&form(), false).unwrap();
        assert_eq!(valid.full_name, "札幌 花子");
        assert_eq!(valid.phone.as_str(), "0123-45-6789");
        assert!(valid.checklist.is_none());
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = ApplicationForm {
            full_name: "".into(),
            workplace: "あ".repeat(101),
            phone: "abc".into(),
            email: "hanako@example.jp".into(),
            email_confirmation: "hanak0@example.jp".into(),
            privacy_consent: false,
            checklist_answers: Some(vec![Some(true); 33]),
            ..form()
        };
        let issues = check_form(&bad, true).unwrap_err();
        let fields: Vec<(&str, &str)> = issues.iter().map(|i| (i.field.as_str(), i.code)).collect();
        assert_eq!(
            fields,
            [
                ("full_name", "required"),
                ("workplace", "length"),
                ("phone", "invalid"),
                ("email_confirmation", "mismatch"),
                ("privacy_consent", "consent_required"),
                ("checklist_answers", "incomplete"),
            ]
        );
        assert!(issues[5].message.contains("34"));
    }

    #[test]
    fn a_required_checklist_must_be_sent() {
        let issues = check_form(&form(), true).unwrap_err();
        assert_eq!(issues[0].field, "checklist_answers");
        let answered = ApplicationForm { checklist_answers: Some(vec![Some(true); 34]), ..form() };
        let valid = check_form(&answered, true).unwrap();
        assert_eq!(valid.checklist.unwrap().1.yes_count, 34);
    }

    #[test]
    fn control_characters_are_refused_in_every_text_field() {
        let bad = ApplicationForm {
            full_name: "札幌\0花子".into(),
            workplace: "谷川企画\n".into(),
            phone: "0123-45-6789\t".into(),
            email: "hanako@example.jp\u{7f}".into(),
            email_confirmation: "hanako@example.jp\u{85}".into(),
            ..form()
        };
        let issues = check_form(&bad, false).unwrap_err();
        let fields: Vec<(&str, &str)> = issues.iter().map(|i| (i.field.as_str(), i.code)).collect();
        assert_eq!(
            fields,
            [
                ("full_name", "control_character"),
                ("workplace", "control_character"),
                ("phone", "control_character"),
                ("email", "control_character"),
                ("email_confirmation", "control_character"),
            ]
        );
        assert_eq!(issues[0].message, "氏名に使用できない文字（制御文字）が含まれています");
    }

    #[test]
    fn the_job_title_is_optional_normalised_and_checked() {
        let valid = |title: Option<&str>| {
            let form = ApplicationForm { job_title: title.map(str::to_owned), ..form() };
            check_form(&form, false).map(|v| v.job_title)
        };
        assert_eq!(valid(None), Ok(None));
        assert_eq!(valid(Some("　 ")), Ok(None));
        assert_eq!(valid(Some(" 主任介護支援専門員　")), Ok(Some("主任介護支援専門員".into())));
        assert_eq!(valid(Some("ｹｱﾏﾈｼﾞｬｰ（ＣＭ）")), Ok(Some("ケアマネジャー（CM）".into())));
        assert_eq!(valid(Some(&"髙".repeat(40))), Ok(Some("髙".repeat(40))));
        let refused = |title: &str| {
            let issues = valid(Some(title)).unwrap_err();
            assert_eq!(issues.len(), 1);
            assert_eq!(issues[0].field, "job_title");
            (issues[0].code, issues[0].message.clone())
        };
        assert_eq!(refused(&"𠮷".repeat(41)), ("length", "資格・職名は40文字以内で入力してください".into()));
        assert_eq!(
            refused("主任\n介護支援専門員"),
            ("control_character", "資格・職名に使用できない文字（制御文字）が含まれています".into())
        );
        assert_eq!(refused("主任\u{0}").0, "control_character");
    }

    #[test]
    fn rare_kanji_names_are_kept_as_typed() {
        let named = ApplicationForm { full_name: "髙橋 﨑子 𠮷野".into(), ..form() };
        assert_eq!(check_form(&named, false).unwrap().full_name, "髙橋 﨑子 𠮷野");
    }
}

/// A stored checklist answer set with its score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChecklist {
    pub version: String,
    pub answers: Answers,
    pub score: Score,
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i32,
    pub training_id: i32,
    pub status: ApplicationStatus,
    pub member: Membership,
    pub full_name: String,
    /// 資格・職名, printed before the name on the 受講証明書.
    pub job_title: Option<String>,
    pub workplace: String,
    pub phone: String,
    pub email: String,
    pub checklist: Option<StoredChecklist>,
    pub created_at: OffsetDateTime,
    pub cancelled_at: Option<OffsetDateTime>,
    /// The codes, Zoom review and survey of the day.
    pub day: DayRecord,
    /// Who entered it and the office's notes (issue 12).
    pub office: crate::office::OfficeRecord,
}
