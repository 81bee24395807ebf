//! 事務局の日常業務 (issue 12, item 2): applications the office enters on someone's behalf,
//! contact changes and cancellations by staff.
//!
//! An office takes applications by phone and FAX. They pass the same form rules as the
//! public form ([`check_form`](crate::application::check_form)) and take a seat or a place
//! on the waiting list the same way; what differs is when: staff may enter one while the
//! training is published or 締切, up to its start — before the window opens and after the
//! public deadline too, because a late phone call is the office's decision to accept.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use crate::application::{check_job_title, Admission, ApplicationStatus, ApplyError};
use crate::field::Checker;
use crate::text::contact::{Email, Phone};
use crate::text::kana::Furigana;
use crate::text::line::TextShape;
use crate::training::{seats_left, FormKind, Training, TrainingStatus};
use crate::{Catalogued, ErrorCode, FieldIssue};

/// How an application reached the office (電話/FAX/窓口/その他).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryChannel {
    Phone,
    Fax,
    Counter,
    Other,
}

impl EntryChannel {
    pub const ALL: [EntryChannel; 4] =
        [EntryChannel::Phone, EntryChannel::Fax, EntryChannel::Counter, EntryChannel::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryChannel::Phone => "phone",
            EntryChannel::Fax => "fax",
            EntryChannel::Counter => "counter",
            EntryChannel::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            EntryChannel::Phone => "電話",
            EntryChannel::Fax => "FAX",
            EntryChannel::Counter => "窓口",
            EntryChannel::Other => "その他",
        }
    }
}

/// What the office keeps about an application beyond the public form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeRecord {
    /// ふりがな (hiragana), when staff took it down.
    pub furigana: Option<String>,
    /// 住所, when staff took it down.
    pub address: Option<String>,
    /// The staff account that entered the application; `None` for the public form.
    pub entered_by: Option<i32>,
    pub entry_channel: Option<EntryChannel>,
    /// Why staff cancelled it.
    pub cancel_reason: Option<String>,
    pub cancelled_by: Option<i32>,
}

pub const ADDRESS_MAX_CHARS: usize = 200;
pub const REASON_MAX_CHARS: usize = 500;

/// The optional ふりがな and 住所 staff type with an application: hiragana only (SPEC §10),
/// one line each; an empty field is `None`.
pub fn check_extras(
    furigana: Option<&str>,
    address: Option<&str>,
) -> Result<(Option<String>, Option<String>), Vec<FieldIssue>> {
    let mut c = Checker::new();
    let furigana = furigana.filter(|f| !f.trim().is_empty()).and_then(|f| {
        if !c.characters(f, "furigana", "ふりがな") {
            return None;
        }
        Furigana::parse(f).map(|f| f.as_str().to_owned()).map_err(|m| c.push("furigana", "invalid", m)).ok()
    });
    let address = address
        .map(|a| c.text(a, "address", "住所", TextShape::single(ADDRESS_MAX_CHARS), false))
        .filter(|a| !a.is_empty());
    c.finish((furigana, address))
}

/// What staff may do to a training's applications now: enter one while it is published or
/// 締切 and has not started (see the module doc).
pub fn staff_admission(training: &Training, now: OffsetDateTime) -> Result<Admission, ApplyError> {
    if training.plan.form_kind != FormKind::Simple {
        return Err(ApplyError::WrongForm);
    }
    match training.status {
        TrainingStatus::Draft => return Err(ApplyError::NotOpenYet),
        TrainingStatus::Published | TrainingStatus::Closed if now < training.plan.starts_at => {}
        _ => return Err(ApplyError::Started),
    }
    match seats_left(training.plan.capacity, training.seats_taken) {
        0 if training.plan.waiting_list => Ok(Admission::WaitingList),
        0 => Err(ApplyError::Full),
        _ => Ok(Admission::Seat),
    }
}

/// 連絡先の変更 by staff: the fields staff may correct after the application.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = ApplicationContactRequest, example = json!({
    "email": "hanako@example.jp", "phone": "011-792-1811", "address": "札幌市中央区北1条西1丁目",
    "job_title": "主任介護支援専門員"
})))]
pub struct ContactChange {
    /// メールアドレス; a new address must not hold another live application of the training.
    pub email: String,
    /// 電話番号; full-width digits are accepted and normalised.
    pub phone: String,
    /// 住所 (may be empty).
    #[serde(default)]
    pub address: Option<String>,
    /// 資格・職名, printed before the name on the 受講証明書 (the form's rules; an empty text
    /// removes it). Left out: the title stays as it is. A certificate already issued keeps
    /// what it was issued with.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub job_title: Option<String>,
}

/// A contact change that passed the form's rules.
#[derive(Debug, Clone)]
pub struct ValidContact {
    pub email: Email,
    pub phone: Phone,
    pub address: Option<String>,
    /// `None`: unchanged; `Some(None)`: removed.
    pub job_title: Option<Option<String>>,
}

/// The same rules as the application form: a valid address, a valid phone number.
pub fn check_contact(change: &ContactChange) -> Result<ValidContact, Vec<FieldIssue>> {
    let mut c = Checker::new();
    let email = if !c.characters(&change.email, "email", "メールアドレス") {
        None
    } else if change.email.trim().is_empty() {
        c.push("email", "required", "メールアドレスを入力してください");
        None
    } else {
        Email::parse(&change.email).map_err(|m| c.push("email", "invalid", m)).ok()
    };
    let phone = c.phone(&change.phone, "phone", "電話番号", true);
    let address = change
        .address
        .as_deref()
        .map(|a| c.text(a, "address", "住所", TextShape::single(ADDRESS_MAX_CHARS), false))
        .filter(|a| !a.is_empty());
    let job_title = change.job_title.as_deref().map(|t| check_job_title(&mut c, Some(t)));
    match (email, phone) {
        (Some(email), Some(phone)) if c.is_empty() => Ok(ValidContact { email, phone, address, job_title }),
        _ => Err(c.into_issues()),
    }
}

/// The reason staff give when they cancel an application: required, one paragraph.
pub fn check_reason(reason: &str) -> Result<String, Vec<FieldIssue>> {
    let mut c = Checker::new();
    let reason = c.text(reason, "reason", "キャンセルの理由", TextShape::multi(REASON_MAX_CHARS), true);
    c.finish(reason)
}

/// Why staff cannot change an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum OfficeError {
    #[error("キャンセル済みのお申込みは変更できません")]
    Cancelled,
}

impl Catalogued for OfficeError {
    fn code(&self) -> ErrorCode {
        match self {
            OfficeError::Cancelled => ErrorCode::AlreadyCancelled,
        }
    }
}

/// Staff may change the contact of a live application only.
pub fn may_edit(status: ApplicationStatus) -> Result<(), OfficeError> {
    match status {
        ApplicationStatus::Cancelled => Err(OfficeError::Cancelled),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;
    use time::Duration;

    use super::*;
    use crate::training::tests::plan;

    fn training(status: TrainingStatus, taken: i32, waiting_list: bool) -> Training {
        let mut plan = plan();
        plan.capacity = 2;
        plan.waiting_list = waiting_list;
        Training {
            id: 1,
            status,
            plan,
            seats_taken: taken,
            day: Default::default(),
            created_at: datetime!(2026-11-01 00:00 UTC),
            updated_at: datetime!(2026-11-01 00:00 UTC),
        }
    }

    #[test]
    fn staff_enter_after_the_deadline_until_the_start() {
        let t = training(TrainingStatus::Closed, 0, false);
        let after_deadline = t.plan.application_closes_at + Duration::hours(1);
        assert!(after_deadline < t.plan.starts_at);
        assert_eq!(staff_admission(&t, after_deadline), Ok(Admission::Seat));
        let before_window = t.plan.application_opens_at - Duration::days(1);
        assert_eq!(staff_admission(&training(TrainingStatus::Published, 0, false), before_window), Ok(Admission::Seat));
        assert_eq!(staff_admission(&t, t.plan.starts_at), Err(ApplyError::Started));
        assert_eq!(
            staff_admission(&training(TrainingStatus::Draft, 0, false), after_deadline),
            Err(ApplyError::NotOpenYet)
        );
        assert_eq!(
            staff_admission(&training(TrainingStatus::Finished, 0, false), after_deadline),
            Err(ApplyError::Started)
        );
    }

    #[test]
    fn capacity_and_the_waiting_list_hold_for_staff_too() {
        let now = plan().application_opens_at;
        assert_eq!(staff_admission(&training(TrainingStatus::Published, 2, false), now), Err(ApplyError::Full));
        assert_eq!(staff_admission(&training(TrainingStatus::Published, 2, true), now), Ok(Admission::WaitingList));
    }

    #[test]
    fn extras_take_hiragana_and_one_line_addresses() {
        assert_eq!(
            check_extras(Some(" さっぽろ　はなこ "), Some("札幌市中央区北1条西1丁目 ")),
            Ok((Some("さっぽろ はなこ".into()), Some("札幌市中央区北1条西1丁目".into())))
        );
        assert_eq!(check_extras(Some(""), None), Ok((None, None)));
        let issues = check_extras(Some("サッポロ"), Some("札幌\n中央区")).unwrap_err();
        let fields: Vec<(&str, &str)> = issues.iter().map(|i| (i.field.as_str(), i.code)).collect();
        assert_eq!(fields, [("furigana", "invalid"), ("address", "control_character")]);
    }

    #[test]
    fn contact_changes_follow_the_form_rules() {
        let ok = check_contact(&ContactChange {
            email: "ｈａｎａｋｏ@example.jp".into(),
            phone: "０１１－７９２－１８１１".into(),
            address: Some("".into()),
            job_title: None,
        })
        .unwrap();
        assert_eq!((ok.email.as_str(), ok.phone.as_str(), ok.address), ("hanako@example.jp", "011-792-1811", None));
        assert_eq!(ok.job_title, None, "left out: unchanged");
        let change = |job_title: &str| ContactChange {
            email: "hanako@example.jp".into(),
            phone: "011-792-1811".into(),
            address: None,
            job_title: Some(job_title.into()),
        };
        assert_eq!(check_contact(&change(" ｹｱﾏﾈｼﾞｬｰ ")).unwrap().job_title, Some(Some("ケアマネジャー".into())));
        assert_eq!(check_contact(&change("")).unwrap().job_title, Some(None), "empty: removed");
        let too_long = check_contact(&change(&"職".repeat(41))).unwrap_err();
        assert_eq!(too_long[0].field, "job_title");
        let issues = check_contact(&ContactChange {
            email: "hanako".into(),
            phone: "123".into(),
            address: None,
            job_title: Some("主任\n介護支援専門員".into()),
        })
        .unwrap_err();
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["email", "phone", "job_title"]);
    }

    #[test]
    fn a_reason_is_required() {
        assert_eq!(check_reason("  ").unwrap_err()[0].message, "キャンセルの理由を入力してください");
        assert_eq!(check_reason(" 本人から電話\r\nあり ").unwrap(), "本人から電話\nあり");
    }
}
