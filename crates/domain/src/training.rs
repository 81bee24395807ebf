//! 研修 (training): its settings, status lifecycle and public availability (SPEC §3).

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::{Duration, OffsetDateTime};

use crate::dates::Years;
use crate::text::line::{text_field, TextError, TextShape};
use crate::text::width::{digits_only, to_ascii_width};
use crate::{Catalogued, ErrorCode, FieldIssue};

/// Where a training is held: 会場, オンライン (Zoom) or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    InPerson,
    Online,
    Hybrid,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::InPerson => "in_person",
            Format::Online => "online",
            Format::Hybrid => "hybrid",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Format::InPerson, Format::Online, Format::Hybrid].into_iter().find(|f| f.as_str() == s)
    }

    /// Online and hybrid trainings need Zoom data.
    pub fn uses_zoom(self) -> bool {
        matches!(self, Format::Online | Format::Hybrid)
    }
}

/// Which application form a training takes (SPEC §4 simple, §5 Hokkaido practical).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    Simple,
    Practical,
}

impl FormKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Simple => "simple",
            FormKind::Practical => "practical",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [FormKind::Simple, FormKind::Practical].into_iter().find(|f| f.as_str() == s)
    }
}

/// The lifecycle: draft → published → closed → finished, and cancelled from any live state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingStatus {
    Draft,
    Published,
    Closed,
    Finished,
    Cancelled,
}

impl TrainingStatus {
    pub const ALL: [TrainingStatus; 5] = [
        TrainingStatus::Draft,
        TrainingStatus::Published,
        TrainingStatus::Closed,
        TrainingStatus::Finished,
        TrainingStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TrainingStatus::Draft => "draft",
            TrainingStatus::Published => "published",
            TrainingStatus::Closed => "closed",
            TrainingStatus::Finished => "finished",
            TrainingStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// As the staff screens name it.
    pub fn label(self) -> &'static str {
        match self {
            TrainingStatus::Draft => "下書き",
            TrainingStatus::Published => "公開中",
            TrainingStatus::Closed => "締切",
            TrainingStatus::Finished => "終了",
            TrainingStatus::Cancelled => "中止",
        }
    }

    /// Whether the public sees it at all (list and detail).
    pub fn is_public(self) -> bool {
        matches!(self, TrainingStatus::Published | TrainingStatus::Closed)
    }

    /// Finished and cancelled trainings are history: their settings no longer change.
    pub fn is_editable(self) -> bool {
        matches!(self, TrainingStatus::Draft | TrainingStatus::Published | TrainingStatus::Closed)
    }
}

/// What staff ask of the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusAction {
    /// 公開: a draft goes public (a closed training too, under the rule of `Reopen`).
    Publish,
    /// 受付締切: stop taking applications.
    Close,
    /// 受付再開: a closed training takes applications again, before it starts.
    Reopen,
    /// 終了: the training has been held (after its end).
    Finish,
    /// 中止
    Cancel,
}

impl StatusAction {
    pub const ALL: [StatusAction; 5] =
        [StatusAction::Publish, StatusAction::Close, StatusAction::Reopen, StatusAction::Finish, StatusAction::Cancel];
}

/// A status change the lifecycle or the calendar does not allow.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    #[error("この研修の状態（{}）では実行できません", from.label())]
    NotAllowed { from: TrainingStatus, action: StatusAction },
    #[error("研修の終了日時（{}）を過ぎてから終了にしてください", when(*ends_at))]
    NotHeldYet { ends_at: OffsetDateTime },
    #[error("研修の開始日時（{}）を過ぎているため、受付を再開できません", when(*starts_at))]
    Started { starts_at: OffsetDateTime },
}

impl Catalogued for TransitionError {
    fn code(&self) -> ErrorCode {
        match self {
            TransitionError::NotAllowed { .. } => ErrorCode::InvalidStatusTransition,
            TransitionError::NotHeldYet { .. } => ErrorCode::TrainingNotHeldYet,
            TransitionError::Started { .. } => ErrorCode::ReopenAfterStart,
        }
    }

    fn detail(&self) -> Option<String> {
        Some(self.to_string())
    }
}

/// 令和8年12月17日(木) 20:00, in Tokyo time.
fn when(at: OffsetDateTime) -> String {
    let jst = crate::time_jp::to_jst(at);
    format!("{} {}", crate::wareki::format_date(jst.date()), crate::wareki::time_of_day(jst))
}

/// The next status, or why not, at `now` (issue 12): 終了 only once the training has
/// ended; a closed training reopens (by `Reopen` or `Publish`) only before it starts.
pub fn transition(
    from: TrainingStatus,
    action: StatusAction,
    plan: &TrainingPlan,
    now: OffsetDateTime,
) -> Result<TrainingStatus, TransitionError> {
    use StatusAction as A;
    use TrainingStatus as S;
    match (from, action) {
        (S::Draft, A::Publish) => Ok(S::Published),
        (S::Closed, A::Publish | A::Reopen) if now >= plan.starts_at => {
            Err(TransitionError::Started { starts_at: plan.starts_at })
        }
        (S::Closed, A::Publish | A::Reopen) => Ok(S::Published),
        (S::Published, A::Close) => Ok(S::Closed),
        (S::Published | S::Closed, A::Finish) if now < plan.ends_at => {
            Err(TransitionError::NotHeldYet { ends_at: plan.ends_at })
        }
        (S::Published | S::Closed, A::Finish) => Ok(S::Finished),
        (S::Draft | S::Published | S::Closed, A::Cancel) => Ok(S::Cancelled),
        _ => Err(TransitionError::NotAllowed { from, action }),
    }
}

/// The steps that fit now, for the buttons staff are offered (`Publish` of a closed
/// training is left to `Reopen`).
pub fn allowed_actions(status: TrainingStatus, plan: &TrainingPlan, now: OffsetDateTime) -> Vec<StatusAction> {
    StatusAction::ALL
        .into_iter()
        .filter(|a| !(status == TrainingStatus::Closed && *a == StatusAction::Publish))
        .filter(|a| transition(status, *a, plan, now).is_ok())
        .collect()
}

/// What the public list says about taking applications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// 受付前: published, the application window has not opened.
    Upcoming,
    /// 受付中
    Open,
    /// 満員
    Full,
    /// 受付終了
    Closed,
}

impl Availability {
    pub fn as_str(self) -> &'static str {
        match self {
            Availability::Upcoming => "upcoming",
            Availability::Open => "open",
            Availability::Full => "full",
            Availability::Closed => "closed",
        }
    }

    /// The badge text of the seed's list (受付中).
    pub fn label(self) -> &'static str {
        match self {
            Availability::Upcoming => "受付前",
            Availability::Open => "受付中",
            Availability::Full => "満員",
            Availability::Closed => "受付終了",
        }
    }
}

impl Availability {
    /// The badge text for a training: a full one that keeps a waiting list still takes
    /// applicants (キャンセル待ち受付中 instead of 満員).
    pub fn label_for(self, waiting_list: bool) -> &'static str {
        match self {
            Availability::Full if waiting_list => "キャンセル待ち受付中",
            other => other.label(),
        }
    }
}

/// Seats still free; never negative even if capacity was lowered by hand in the database.
pub fn seats_left(capacity: i32, seats_taken: i32) -> i32 {
    (capacity - seats_taken).max(0)
}

/// The availability shown for a training at `now`.
pub fn availability(training: &Training, now: OffsetDateTime) -> Availability {
    let plan = &training.plan;
    match training.status {
        TrainingStatus::Draft => Availability::Upcoming,
        TrainingStatus::Closed | TrainingStatus::Finished | TrainingStatus::Cancelled => Availability::Closed,
        TrainingStatus::Published => {
            if now >= plan.application_closes_at || now >= plan.starts_at {
                Availability::Closed
            } else if now < plan.application_opens_at {
                Availability::Upcoming
            } else if seats_left(plan.capacity, training.seats_taken) == 0 {
                Availability::Full
            } else {
                Availability::Open
            }
        }
    }
}

/// 演習日程 (an exercise schedule of the practical training) with its own capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseSchedulePlan {
    /// Set for a schedule that is already stored (kept on edit), `None` for a new one.
    pub id: Option<i32>,
    pub label: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub capacity: i32,
}

/// Everything staff decide about a training (SPEC §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingPlan {
    pub title: String,
    /// 目的
    pub purpose: String,
    /// 主催
    pub organiser: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    /// 会場
    pub venue: String,
    /// テーマ
    pub theme: String,
    /// 講師
    pub lecturer: String,
    /// 対象者
    pub target_audience: String,
    /// 参加費 in yen; 0 is 無料.
    pub fee_yen: i32,
    /// 定員, first come first served.
    pub capacity: i32,
    pub format: Format,
    pub zoom_url: Option<String>,
    pub zoom_meeting_id: Option<String>,
    pub zoom_passcode: Option<String>,
    /// The Zoom room opens this many minutes before the start (seed 000: 30).
    pub room_opens_minutes_before: i32,
    /// 受付開始
    pub application_opens_at: OffsetDateTime,
    /// 締切
    pub application_closes_at: OffsetDateTime,
    /// The start code can be entered from this many minutes before the start (30).
    pub check_in_opens_minutes_before: i32,
    /// … until this many minutes after the start (5).
    pub check_in_grace_minutes: i32,
    /// The end code can be entered for this many minutes after the end (30).
    pub check_out_window_minutes: i32,
    /// 受講証明書の発行 有/無
    pub issues_certificate: bool,
    /// The 34-item self-assessment checklist must be answered to apply (SPEC §6).
    pub checklist_required: bool,
    pub form_kind: FormKind,
    /// キャンセル待ち: past capacity, applicants join a waiting list instead of being refused.
    pub waiting_list: bool,
    /// お問い合わせ先 (address, phone, mail) printed in mails and on the complete page.
    pub contact: String,
    pub exercise_schedules: Vec<ExerciseSchedulePlan>,
}

/// A stored training.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Training {
    pub id: i32,
    pub status: TrainingStatus,
    pub plan: TrainingPlan,
    /// Confirmed applications holding a seat.
    pub seats_taken: i32,
    /// The codes and settings of the day, kept apart from the plan staff edit.
    pub day: TrainingDay,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// What a training holds for its day (SPEC §4): the codes staff set or generate, and whether
/// the 受講証明書 waits for the survey answer (SPEC §8).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainingDay {
    /// 開始番号, four half-width digits.
    pub start_code: Option<String>,
    /// 終了番号, four half-width digits.
    pub end_code: Option<String>,
    pub certificate_needs_survey: bool,
}

impl Training {
    /// What the training says about its 受講証明書.
    pub fn certificate_policy(&self) -> crate::attendance::CertificatePolicy {
        crate::attendance::CertificatePolicy {
            issues_certificate: self.plan.issues_certificate,
            format: self.plan.format,
            requires_survey: self.day.certificate_needs_survey,
        }
    }
}

/// A free-text field of a plan: what staff may type into it.
struct TextRule {
    field: &'static str,
    label: &'static str,
    shape: TextShape,
    required: bool,
}

impl TextRule {
    const fn new(field: &'static str, label: &'static str, shape: TextShape, required: bool) -> Self {
        Self { field, label, shape, required }
    }

    /// The text trimmed, or an issue. Required fields say both bounds (研修名は1〜200文字で).
    fn apply(&self, value: &str, field: &str) -> Result<String, FieldIssue> {
        text_field(value, self.shape, self.required).map_err(|error| match error {
            TextError::Required | TextError::TooLong { .. } if self.required => FieldIssue::new(
                field,
                error.code(),
                format!("{}は1〜{}文字で入力してください", self.label, self.shape.max_chars),
            ),
            _ => error.issue(field, self.label),
        })
    }
}

const TITLE: TextRule = TextRule::new("title", "研修名", TextShape::single(200), true);
const PURPOSE: TextRule = TextRule::new("purpose", "目的", TextShape::multi(2000), false);
const ORGANISER: TextRule = TextRule::new("organiser", "主催", TextShape::single(200), true);
const VENUE: TextRule = TextRule::new("venue", "会場", TextShape::single(200), true);
const THEME: TextRule = TextRule::new("theme", "テーマ", TextShape::multi(2000), false);
const LECTURER: TextRule = TextRule::new("lecturer", "講師", TextShape::single(200), false);
const TARGET_AUDIENCE: TextRule = TextRule::new("target_audience", "対象者", TextShape::multi(2000), false);
const CONTACT: TextRule = TextRule::new("contact", "お問い合わせ先", TextShape::multi(1000), false);
const ZOOM_URL: TextRule = TextRule::new("zoom_url", "ZoomのURL", TextShape::single(500), false);
const ZOOM_MEETING_ID: TextRule = TextRule::new("zoom_meeting_id", "ミーティングID", TextShape::single(20), false);
const ZOOM_PASSCODE: TextRule = TextRule::new("zoom_passcode", "パスコード", TextShape::single(50), false);
const SCHEDULE_LABEL: TextRule = TextRule::new("label", "日程名", TextShape::single(100), true);

/// Trims every text field of a plan as staff typed it (line breaks folded to `\n` where
/// several lines are allowed; Zoom's meeting ID and passcode in half-width; an empty
/// optional Zoom field becomes `None`) and reports every field that breaks its rule:
/// required, too long, or holding a control character.
pub fn normalise_text(plan: &mut TrainingPlan) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let mut apply = |rule: &TextRule, value: &mut String, field: &str| match rule.apply(value, field) {
        Ok(text) => *value = text,
        Err(issue) => issues.push(issue),
    };
    for (rule, value) in [
        (&TITLE, &mut plan.title),
        (&PURPOSE, &mut plan.purpose),
        (&ORGANISER, &mut plan.organiser),
        (&VENUE, &mut plan.venue),
        (&THEME, &mut plan.theme),
        (&LECTURER, &mut plan.lecturer),
        (&TARGET_AUDIENCE, &mut plan.target_audience),
        (&CONTACT, &mut plan.contact),
    ] {
        apply(rule, value, rule.field);
    }
    for (rule, value) in [
        (&ZOOM_URL, &mut plan.zoom_url),
        (&ZOOM_MEETING_ID, &mut plan.zoom_meeting_id),
        (&ZOOM_PASSCODE, &mut plan.zoom_passcode),
    ] {
        if let Some(text) = value {
            apply(rule, text, rule.field);
        }
        *value = value.take().filter(|text| !text.is_empty());
    }
    // Stored as typed, minus full-width digits: people copy them from Zoom's invitation.
    for value in [&mut plan.zoom_meeting_id, &mut plan.zoom_passcode].into_iter().flatten() {
        *value = to_ascii_width(value);
    }
    for (i, schedule) in plan.exercise_schedules.iter_mut().enumerate() {
        apply(&SCHEDULE_LABEL, &mut schedule.label, &format!("exercise_schedules[{i}].label"));
    }
    issues
}

/// The longest a single training may run: beyond this a typo in a date is likelier.
const MAX_TRAINING_SPAN: Duration = Duration::days(31);

/// Rules across fields of a plan; every broken rule is reported, not just the first.
/// Every date lies in [`Years::TRAINING`].
pub fn check_plan(plan: &TrainingPlan) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let mut moments = vec![
        (plan.starts_at, "starts_at".to_owned(), "開始日時"),
        (plan.ends_at, "ends_at".to_owned(), "終了日時"),
        (plan.application_opens_at, "application_opens_at".to_owned(), "受付開始"),
        (plan.application_closes_at, "application_closes_at".to_owned(), "受付締切"),
    ];
    for (i, schedule) in plan.exercise_schedules.iter().enumerate() {
        moments.push((schedule.starts_at, format!("exercise_schedules[{i}].starts_at"), "演習の開始日時"));
        moments.push((schedule.ends_at, format!("exercise_schedules[{i}].ends_at"), "演習の終了日時"));
    }
    issues
        .extend(moments.into_iter().filter_map(|(at, field, label)| Years::TRAINING.check_at(at, &field, label).err()));
    if plan.ends_at <= plan.starts_at {
        issues.push(FieldIssue::new("ends_at", "before_start", "終了日時は開始日時より後にしてください"));
    } else if plan.ends_at - plan.starts_at > MAX_TRAINING_SPAN {
        issues.push(FieldIssue::new("ends_at", "too_long", "開催期間は31日以内にしてください"));
    }
    if plan.application_closes_at <= plan.application_opens_at {
        issues.push(FieldIssue::new("application_closes_at", "before_start", "受付締切は受付開始より後にしてください"));
    } else if plan.application_closes_at > plan.ends_at {
        issues.push(FieldIssue::new(
            "application_closes_at",
            "after_end",
            "受付締切は研修の終了日時までにしてください",
        ));
    }
    if plan.format.uses_zoom() {
        match plan.zoom_url.as_deref() {
            None | Some("") => issues.push(FieldIssue::new(
                "zoom_url",
                "required",
                "オンライン・ハイブリッド開催ではZoomのURLを入力してください",
            )),
            Some(url) if !url.starts_with("https://") => issues.push(FieldIssue::new(
                "zoom_url",
                "invalid",
                "ZoomのURLは https:// で始まるURLを入力してください",
            )),
            Some(_) => {}
        }
        match plan.zoom_meeting_id.as_deref().map(digits_only) {
            None => issues.push(FieldIssue::new(
                "zoom_meeting_id",
                "required",
                "オンライン・ハイブリッド開催ではミーティングIDを入力してください",
            )),
            Some(id) if !(9..=11).contains(&id.len()) => issues.push(FieldIssue::new(
                "zoom_meeting_id",
                "invalid",
                "ミーティングIDは9〜11桁の数字で入力してください",
            )),
            Some(_) => {}
        }
    }
    match plan.form_kind {
        FormKind::Simple if !plan.exercise_schedules.is_empty() => issues.push(FieldIssue::new(
            "exercise_schedules",
            "not_allowed",
            "演習日程は北海道実践研修の様式でのみ設定できます",
        )),
        FormKind::Practical if plan.exercise_schedules.is_empty() => issues.push(FieldIssue::new(
            "exercise_schedules",
            "required",
            "北海道実践研修では演習日程を1つ以上設定してください",
        )),
        _ => {}
    }
    for (i, schedule) in plan.exercise_schedules.iter().enumerate() {
        if schedule.ends_at <= schedule.starts_at {
            issues.push(FieldIssue::new(
                format!("exercise_schedules[{i}].ends_at"),
                "before_start",
                "演習の終了日時は開始日時より後にしてください",
            ));
        }
        let duplicate = plan.exercise_schedules[..i].iter().any(|s| s.label == schedule.label);
        if duplicate {
            issues.push(FieldIssue::new(
                format!("exercise_schedules[{i}].label"),
                "duplicate",
                "同じ名前の演習日程があります",
            ));
        }
    }
    issues
}

/// A stored training's capacity may not drop below the seats already taken.
pub fn check_capacity(capacity: i32, seats_taken: i32) -> Option<FieldIssue> {
    (capacity < seats_taken).then(|| {
        FieldIssue::new("capacity", "below_taken", format!("定員は申込済みの人数({seats_taken}名)より少なくできません"))
    })
}

#[cfg(test)]
mod waiting_list_label_tests {
    use super::Availability;

    #[test]
    fn a_full_training_with_a_waiting_list_still_takes_applicants() {
        assert_eq!(Availability::Full.label_for(true), "キャンセル待ち受付中");
        assert_eq!(Availability::Full.label_for(false), "満員");
        assert_eq!(Availability::Open.label_for(true), "受付中");
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use time::macros::datetime;

    pub(crate) fn plan() -> TrainingPlan {
        TrainingPlan {
            title: "令和8年度第3回ケアマネ資質向上研修会".into(),
            purpose: "目的".into(),
            organiser: "主催".into(),
            starts_at: datetime!(2026-12-17 18:30 +09:00),
            ends_at: datetime!(2026-12-17 20:00 +09:00),
            venue: "会場".into(),
            theme: "テーマ".into(),
            lecturer: "講師".into(),
            target_audience: "対象者".into(),
            fee_yen: 0,
            capacity: 100,
            format: Format::InPerson,
            zoom_url: None,
            zoom_meeting_id: None,
            zoom_passcode: None,
            room_opens_minutes_before: 30,
            application_opens_at: datetime!(2026-11-01 09:00 +09:00),
            application_closes_at: datetime!(2026-12-10 17:00 +09:00),
            check_in_opens_minutes_before: 30,
            check_in_grace_minutes: 5,
            check_out_window_minutes: 30,
            issues_certificate: true,
            checklist_required: false,
            form_kind: FormKind::Simple,
            waiting_list: false,
            contact: String::new(),
            exercise_schedules: vec![],
        }
    }

    /// An exercise schedule on `day` January 2027, 09:00–17:00, 40 places.
    fn schedule(label: &str, day: u8) -> ExerciseSchedulePlan {
        ExerciseSchedulePlan {
            id: None,
            label: label.into(),
            starts_at: datetime!(2027-01-01 09:00 +09:00).replace_day(day).unwrap(),
            ends_at: datetime!(2027-01-01 17:00 +09:00).replace_day(day).unwrap(),
            capacity: 40,
        }
    }

    fn training(status: TrainingStatus, capacity: i32, taken: i32) -> Training {
        Training {
            id: 1,
            status,
            plan: TrainingPlan { capacity, ..plan() },
            seats_taken: taken,
            day: TrainingDay::default(),
            created_at: datetime!(2026-10-01 00:00 UTC),
            updated_at: datetime!(2026-10-01 00:00 UTC),
        }
    }

    #[test]
    fn availability_follows_status_window_and_seats() {
        use Availability as A;
        use TrainingStatus::*;
        let before_window = datetime!(2026-10-31 23:59 +09:00);
        let in_window = datetime!(2026-11-24 12:00 +09:00);
        let after_window = datetime!(2026-12-10 17:00 +09:00);
        let cases = [
            (Published, 100, 0, in_window, A::Open),
            (Published, 100, 99, in_window, A::Open),
            (Published, 100, 100, in_window, A::Full),
            (Published, 100, 120, in_window, A::Full),
            (Published, 100, 0, before_window, A::Upcoming),
            (Published, 100, 0, after_window, A::Closed),
            (Published, 100, 100, after_window, A::Closed),
            (Closed, 100, 0, in_window, A::Closed),
            (Finished, 100, 0, in_window, A::Closed),
            (Cancelled, 100, 0, in_window, A::Closed),
            (Draft, 100, 0, in_window, A::Upcoming),
        ];
        for (status, capacity, taken, now, expected) in cases {
            let t = training(status, capacity, taken);
            assert_eq!(availability(&t, now), expected, "{status:?} {capacity}/{taken} at {now}");
        }
    }

    #[test]
    fn seats_left_never_goes_negative() {
        assert_eq!(seats_left(100, 0), 100);
        assert_eq!(seats_left(100, 37), 63);
        assert_eq!(seats_left(100, 100), 0);
        assert_eq!(seats_left(5, 7), 0);
    }

    #[test]
    fn the_lifecycle_allows_only_its_steps() {
        use StatusAction::*;
        use TrainingStatus::*;
        let plan = plan();
        let before = datetime!(2026-12-01 00:00 +09:00);
        let after = datetime!(2026-12-17 20:00 +09:00);
        assert_eq!(transition(Draft, Publish, &plan, before), Ok(Published));
        assert_eq!(transition(Published, Close, &plan, before), Ok(Closed));
        assert_eq!(transition(Closed, Publish, &plan, before), Ok(Published));
        assert_eq!(transition(Closed, Reopen, &plan, before), Ok(Published));
        assert_eq!(transition(Closed, Finish, &plan, after), Ok(Finished));
        assert_eq!(transition(Draft, Cancel, &plan, before), Ok(Cancelled));
        assert_eq!(transition(Published, Cancel, &plan, before), Ok(Cancelled));
        for (from, action) in [
            (Draft, Close),
            (Draft, Finish),
            (Draft, Reopen),
            (Published, Publish),
            (Published, Reopen),
            (Finished, Publish),
            (Finished, Cancel),
            (Cancelled, Publish),
            (Cancelled, Cancel),
        ] {
            assert!(
                matches!(transition(from, action, &plan, after), Err(TransitionError::NotAllowed { .. })),
                "{from:?} {action:?}"
            );
        }
    }

    #[test]
    fn finishing_waits_for_the_end_and_reopening_for_nothing_past_the_start() {
        use StatusAction::*;
        use TrainingStatus::*;
        let plan = plan();
        let during = datetime!(2026-12-17 19:00 +09:00);
        for now in [datetime!(2026-12-01 00:00 +09:00), during, datetime!(2026-12-17 19:59 +09:00)] {
            let err = transition(Closed, Finish, &plan, now).unwrap_err();
            assert_eq!(err.code(), ErrorCode::TrainingNotHeldYet);
            assert_eq!(err.to_string(), "研修の終了日時（令和8年12月17日(木) 20:00）を過ぎてから終了にしてください");
        }
        for action in [Reopen, Publish] {
            let err = transition(Closed, action, &plan, plan.starts_at).unwrap_err();
            assert_eq!(err.code(), ErrorCode::ReopenAfterStart);
            assert!(err.to_string().contains("受付を再開できません"));
        }
        assert_eq!(allowed_actions(Closed, &plan, datetime!(2026-12-01 00:00 +09:00)), [Reopen, Cancel]);
        assert_eq!(allowed_actions(Closed, &plan, during), [Cancel]);
        assert_eq!(allowed_actions(Published, &plan, plan.ends_at), [Close, Finish, Cancel]);
        assert_eq!(allowed_actions(Draft, &plan, during), [Publish, Cancel]);
        assert!(allowed_actions(Finished, &plan, plan.ends_at).is_empty());
    }

    #[test]
    fn a_valid_plan_has_no_issues() {
        assert_eq!(check_plan(&plan()), vec![]);
    }

    #[test]
    fn every_broken_rule_is_reported_at_once() {
        let bad = TrainingPlan {
            ends_at: datetime!(2026-12-17 18:00 +09:00),
            application_closes_at: datetime!(2026-10-01 00:00 +09:00),
            format: Format::Online,
            zoom_url: Some("http://zoom.example/j/1".into()),
            zoom_meeting_id: Some("１２３".into()),
            exercise_schedules: vec![schedule("第1日程", 20)],
            ..plan()
        };
        let fields: Vec<_> = check_plan(&bad).into_iter().map(|i| (i.field, i.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("ends_at".to_string(), "before_start"),
                ("application_closes_at".to_string(), "before_start"),
                ("zoom_url".to_string(), "invalid"),
                ("zoom_meeting_id".to_string(), "invalid"),
                ("exercise_schedules".to_string(), "not_allowed"),
            ]
        );
    }

    #[test]
    fn online_trainings_need_zoom_data() {
        let online = TrainingPlan { format: Format::Online, ..plan() };
        let codes: Vec<_> = check_plan(&online).into_iter().map(|i| i.field).collect();
        assert_eq!(codes, ["zoom_url", "zoom_meeting_id"]);
        let ok = TrainingPlan {
            format: Format::Hybrid,
            zoom_url: Some("https://us02web.zoom.us/j/87320701848".into()),
            zoom_meeting_id: Some("873 2070 1848".into()),
            ..plan()
        };
        assert_eq!(check_plan(&ok), vec![]);
    }

    #[test]
    fn text_is_trimmed_and_control_characters_are_refused_per_field() {
        let mut typed = TrainingPlan {
            title: "  研修会 ".into(),
            purpose: "目的\r\n二行目".into(),
            venue: "会場\n".into(),
            lecturer: "講師\0".into(),
            contact: "住所\t電話".into(),
            zoom_meeting_id: Some("８７３ ２０７０ １８４８".into()),
            zoom_passcode: Some("  ".into()),
            exercise_schedules: vec![schedule("第1日程\u{85}", 10)],
            ..plan()
        };
        let issues = normalise_text(&mut typed);
        let fields: Vec<(&str, &str)> = issues.iter().map(|i| (i.field.as_str(), i.code)).collect();
        assert_eq!(
            fields,
            [
                ("venue", "control_character"),
                ("lecturer", "control_character"),
                ("contact", "control_character"),
                ("exercise_schedules[0].label", "control_character"),
            ]
        );
        assert_eq!(issues[0].message, "会場に使用できない文字（制御文字）が含まれています");
        assert_eq!((typed.title.as_str(), typed.purpose.as_str()), ("研修会", "目的\n二行目"));
        assert_eq!(typed.zoom_meeting_id.as_deref(), Some("873 2070 1848"));
        assert_eq!(typed.zoom_passcode, None);
    }

    #[test]
    fn required_text_says_both_bounds() {
        let mut blank = TrainingPlan { title: "  ".into(), lecturer: "あ".repeat(201), ..plan() };
        let issues = normalise_text(&mut blank);
        assert_eq!(issues[0].message, "研修名は1〜200文字で入力してください");
        assert_eq!(issues[1].message, "講師は200文字以内で入力してください");
    }

    #[test]
    fn dates_outside_2000_to_2100_are_refused_per_field() {
        let far = TrainingPlan {
            starts_at: datetime!(9999-12-31 10:00 +09:00),
            application_opens_at: datetime!(1999-12-31 23:59 +09:00),
            ..plan()
        };
        let fields: Vec<(String, &str)> = check_plan(&far).into_iter().map(|i| (i.field, i.code)).collect();
        assert!(fields.contains(&("starts_at".into(), "date_out_of_range")), "{fields:?}");
        assert!(fields.contains(&("application_opens_at".into(), "date_out_of_range")), "{fields:?}");
        let edge = TrainingPlan {
            application_opens_at: datetime!(2000-01-01 00:00 +09:00),
            starts_at: datetime!(2100-12-31 10:00 +09:00),
            ends_at: datetime!(2100-12-31 12:00 +09:00),
            application_closes_at: datetime!(2100-12-30 12:00 +09:00),
            ..plan()
        };
        assert_eq!(check_plan(&edge), vec![]);
    }

    #[test]
    fn capacity_cannot_drop_below_seats_taken() {
        assert_eq!(check_capacity(10, 10), None);
        assert_eq!(check_capacity(10, 11).map(|i| i.code), Some("below_taken"));
    }

    #[test]
    fn practical_trainings_need_distinct_valid_schedules() {
        let none = TrainingPlan { form_kind: FormKind::Practical, ..plan() };
        assert_eq!(check_plan(&none)[0].code, "required");
        let twice = TrainingPlan {
            form_kind: FormKind::Practical,
            exercise_schedules: vec![schedule("第1日程", 10), schedule("第1日程", 11)],
            ..plan()
        };
        assert_eq!(check_plan(&twice)[0].field, "exercise_schedules[1].label");
    }
}
