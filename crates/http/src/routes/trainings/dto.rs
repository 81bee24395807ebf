//! What the training endpoints read and write. Times go out in Tokyo time (+09:00).

use std::collections::HashMap;

use kenshu_domain::file::{FileVisibility, TrainingFile};
use kenshu_domain::selection::PracticalCounts;
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::{
    allowed_actions, availability, check_plan, normalise_text, seats_left, Availability, ExerciseSchedulePlan,
    FormKind, Format, StatusAction, Training, TrainingPlan, TrainingStatus,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use validator::Validate;

use crate::error::{field_issues, AppError};

/// A training as staff write it (create and edit).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "title": "令和8年度第3回ケアマネ資質向上研修会",
    "purpose": "福祉に従事する方に必要な知識・技術・資質の維持・向上を目的とする。",
    "organiser": "一般社団法人札幌市介護支援専門員連絡協議会",
    "starts_at": "2026-12-17T18:30:00+09:00", "ends_at": "2026-12-17T20:00:00+09:00",
    "venue": "オンライン（Zoom）", "theme": "「自立をどのように考えるか」", "lecturer": "研修委員長 尾崎 哲",
    "target_audience": "主任介護支援専門員", "fee_yen": 0, "capacity": 100, "format": "online",
    "zoom_url": "https://us02web.zoom.us/j/87320701848", "zoom_meeting_id": "873 2070 1848", "zoom_passcode": "548733",
    "room_opens_minutes_before": 30,
    "application_opens_at": "2026-11-01T09:00:00+09:00", "application_closes_at": "2026-12-10T17:00:00+09:00",
    "check_in_opens_minutes_before": 30, "check_in_grace_minutes": 5, "check_out_window_minutes": 30,
    "issues_certificate": true, "checklist_required": true, "form_kind": "simple", "waiting_list": false,
    "exercise_schedules": []
}))]
pub struct TrainingInput {
    /// 研修名
    pub title: String,
    /// 目的
    #[serde(default)]
    pub purpose: String,
    /// 主催
    pub organiser: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    /// 会場
    pub venue: String,
    /// テーマ
    #[serde(default)]
    pub theme: String,
    /// 講師
    #[serde(default)]
    pub lecturer: String,
    /// 対象者
    #[serde(default)]
    pub target_audience: String,
    /// 参加費 (yen; 0 = 無料)
    #[validate(range(min = 0, max = 1_000_000, message = "参加費は0〜1,000,000円で入力してください"))]
    pub fee_yen: i32,
    /// 定員
    #[validate(range(min = 1, max = 10_000, message = "定員は1〜10000の範囲で入力してください"))]
    pub capacity: i32,
    pub format: Format,
    #[serde(default)]
    pub zoom_url: Option<String>,
    #[serde(default)]
    pub zoom_meeting_id: Option<String>,
    #[serde(default)]
    pub zoom_passcode: Option<String>,
    /// Minutes before the start when the Zoom room opens (default 30).
    #[serde(default = "default_thirty")]
    #[validate(range(min = 0, max = 180, message = "入室開始は0〜180分前で入力してください"))]
    pub room_opens_minutes_before: i32,
    /// 受付開始
    #[serde(with = "time::serde::rfc3339")]
    pub application_opens_at: OffsetDateTime,
    /// 受付締切
    #[serde(with = "time::serde::rfc3339")]
    pub application_closes_at: OffsetDateTime,
    /// The start code can be entered from this many minutes before the start (default 30).
    #[serde(default = "default_thirty")]
    #[validate(range(min = 0, max = 180, message = "開始番号の入力開始は0〜180分前で入力してください"))]
    pub check_in_opens_minutes_before: i32,
    /// … until this many minutes after the start (default 5).
    #[serde(default = "default_five")]
    #[validate(range(min = 0, max = 60, message = "猶予は0〜60分で入力してください"))]
    pub check_in_grace_minutes: i32,
    /// The end code can be entered for this many minutes after the end (default 30).
    #[serde(default = "default_thirty")]
    #[validate(range(min = 1, max = 180, message = "終了番号の入力時間は1〜180分で入力してください"))]
    pub check_out_window_minutes: i32,
    /// 受講証明書の発行
    pub issues_certificate: bool,
    /// チェック表の回答を必須にする
    pub checklist_required: bool,
    pub form_kind: FormKind,
    /// キャンセル待ちを受け付ける
    #[serde(default)]
    pub waiting_list: bool,
    /// お問い合わせ先: the organiser's contact block (address, phone, mail), printed in mails.
    #[serde(default)]
    pub contact: String,
    /// 演習日程 (practical form only)
    #[serde(default)]
    #[validate(nested, length(max = 20, message = "演習日程は20件までです"))]
    pub exercise_schedules: Vec<ExerciseScheduleInput>,
}

fn default_thirty() -> i32 {
    30
}

fn default_five() -> i32 {
    5
}

/// 演習日程 as staff write it. Send `id` to keep an existing schedule.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
pub struct ExerciseScheduleInput {
    #[serde(default)]
    pub id: Option<i32>,
    /// e.g. 第1日程
    pub label: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    #[validate(range(min = 1, max = 10_000, message = "演習の定員は1〜10000の範囲で入力してください"))]
    pub capacity: i32,
}

impl TrainingInput {
    /// Checks every field and every cross-field rule (text and dates in the domain), and
    /// reports them together; the plan comes back normalised.
    pub fn into_plan(self) -> Result<TrainingPlan, AppError> {
        let input = self;
        let mut issues = match input.validate() {
            Ok(()) => vec![],
            Err(errors) => field_issues(&errors),
        };
        let mut plan = TrainingPlan {
            title: input.title,
            purpose: input.purpose,
            organiser: input.organiser,
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            venue: input.venue,
            theme: input.theme,
            lecturer: input.lecturer,
            target_audience: input.target_audience,
            fee_yen: input.fee_yen,
            capacity: input.capacity,
            format: input.format,
            zoom_url: input.zoom_url,
            zoom_meeting_id: input.zoom_meeting_id,
            zoom_passcode: input.zoom_passcode,
            room_opens_minutes_before: input.room_opens_minutes_before,
            application_opens_at: input.application_opens_at,
            application_closes_at: input.application_closes_at,
            check_in_opens_minutes_before: input.check_in_opens_minutes_before,
            check_in_grace_minutes: input.check_in_grace_minutes,
            check_out_window_minutes: input.check_out_window_minutes,
            issues_certificate: input.issues_certificate,
            checklist_required: input.checklist_required,
            form_kind: input.form_kind,
            waiting_list: input.waiting_list,
            contact: input.contact,
            exercise_schedules: input
                .exercise_schedules
                .into_iter()
                .map(|s| ExerciseSchedulePlan {
                    id: s.id,
                    label: s.label,
                    starts_at: s.starts_at,
                    ends_at: s.ends_at,
                    capacity: s.capacity,
                })
                .collect(),
        };
        issues.extend(normalise_text(&mut plan));
        issues.extend(check_plan(&plan));
        if issues.is_empty() {
            Ok(plan)
        } else {
            Err(AppError::validation(issues))
        }
    }
}

/// A training in the public list.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingSummary {
    pub id: i32,
    pub title: String,
    pub organiser: String,
    pub venue: String,
    pub lecturer: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    pub format: Format,
    /// 参加費 in yen; 0 = 無料.
    pub fee_yen: i32,
    pub capacity: i32,
    /// For a practical training: the capacity less the acceptances.
    pub seats_left: i32,
    /// A practical training's applications, acceptances and seats left, in all and per
    /// exercise schedule (its seats are given by selection, not taken on submission).
    pub practical_counts: Option<PracticalCounts>,
    pub availability: Availability,
    /// 受付中 / 満員 / 受付終了 / 受付前
    #[schema(example = "受付中")]
    pub availability_label: String,
    #[serde(with = "time::serde::rfc3339")]
    pub application_opens_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub application_closes_at: OffsetDateTime,
}

impl TrainingSummary {
    pub fn new(t: &Training, now: OffsetDateTime) -> Self {
        let p = &t.plan;
        let available = availability(t, now);
        Self {
            id: t.id,
            title: p.title.clone(),
            organiser: p.organiser.clone(),
            venue: p.venue.clone(),
            lecturer: p.lecturer.clone(),
            starts_at: to_jst(p.starts_at),
            ends_at: to_jst(p.ends_at),
            format: p.format,
            fee_yen: p.fee_yen,
            capacity: p.capacity,
            seats_left: seats_left(p.capacity, t.seats_taken),
            practical_counts: None,
            availability: available,
            availability_label: available.label_for(t.plan.waiting_list).to_owned(),
            application_opens_at: to_jst(p.application_opens_at),
            application_closes_at: to_jst(p.application_closes_at),
        }
    }

    /// With the counts of a practical training (see [`counts_of`]).
    pub fn counted(mut self, counts: &Counts) -> Self {
        if let Some(c) = counts.get(&self.id) {
            self.seats_left = c.total.seats_left as i32;
            self.practical_counts = Some(c.clone());
        }
        self
    }
}

/// The counts of the practical trainings among a page of trainings, by id.
pub type Counts = HashMap<i32, PracticalCounts>;

/// One page of the public list.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingListResponse {
    pub items: Vec<TrainingSummary>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

/// 演習日程
#[derive(Debug, Serialize, ToSchema)]
pub struct ExerciseScheduleResponse {
    pub id: i32,
    pub label: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    pub capacity: i32,
}

fn schedules(t: &Training) -> Vec<ExerciseScheduleResponse> {
    t.plan
        .exercise_schedules
        .iter()
        .map(|s| ExerciseScheduleResponse {
            id: s.id.unwrap_or_default(),
            label: s.label.clone(),
            starts_at: to_jst(s.starts_at),
            ends_at: to_jst(s.ends_at),
            capacity: s.capacity,
        })
        .collect()
}

/// 関連ファイル as applicants see them (detail page, My Page).
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicFile {
    pub id: i32,
    pub title: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i32,
    /// Download address, relative to the site.
    pub url: String,
}

impl PublicFile {
    /// The file as the detail page links it.
    fn new(f: &TrainingFile) -> Self {
        Self::linked(f, format!("/api/v1/trainings/{}/files/{}", f.training_id, f.id))
    }

    /// The file with a download address of the caller's choosing (My Page links through its key).
    pub fn linked(f: &TrainingFile, url: String) -> Self {
        Self {
            id: f.id,
            title: f.title.clone(),
            filename: f.filename.clone(),
            content_type: f.content_type.clone(),
            size_bytes: f.size_bytes,
            url,
        }
    }
}

/// The public detail page: everything but the Zoom data and participants-only files.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingDetail {
    #[serde(flatten)]
    pub summary: TrainingSummary,
    /// 目的
    pub purpose: String,
    /// テーマ
    pub theme: String,
    /// 対象者
    pub target_audience: String,
    pub form_kind: FormKind,
    /// 受講証明書の発行 有/無
    pub issues_certificate: bool,
    pub checklist_required: bool,
    pub waiting_list: bool,
    /// お問い合わせ先
    pub contact: String,
    pub exercise_schedules: Vec<ExerciseScheduleResponse>,
    /// Public files only.
    pub files: Vec<PublicFile>,
}

impl TrainingDetail {
    pub fn new(t: &Training, files: &[TrainingFile], counts: &Counts, now: OffsetDateTime) -> Self {
        Self {
            summary: TrainingSummary::new(t, now).counted(counts),
            purpose: t.plan.purpose.clone(),
            theme: t.plan.theme.clone(),
            target_audience: t.plan.target_audience.clone(),
            form_kind: t.plan.form_kind,
            issues_certificate: t.plan.issues_certificate,
            checklist_required: t.plan.checklist_required,
            waiting_list: t.plan.waiting_list,
            contact: t.plan.contact.clone(),
            exercise_schedules: schedules(t),
            files: files.iter().filter(|f| f.visibility == FileVisibility::Public).map(PublicFile::new).collect(),
        }
    }
}

/// A file as staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffFile {
    pub id: i32,
    pub title: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub visibility: FileVisibility,
    /// Staff download address, relative to the site.
    pub url: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl StaffFile {
    pub fn new(f: &TrainingFile) -> Self {
        Self {
            id: f.id,
            title: f.title.clone(),
            filename: f.filename.clone(),
            content_type: f.content_type.clone(),
            size_bytes: f.size_bytes,
            visibility: f.visibility,
            url: format!("/api/v1/admin/trainings/{}/files/{}", f.training_id, f.id),
            created_at: to_jst(f.created_at),
        }
    }
}

/// A training as staff see it: every setting, the Zoom data and all files.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminTraining {
    pub id: i32,
    pub status: TrainingStatus,
    pub title: String,
    pub purpose: String,
    pub organiser: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    pub venue: String,
    pub theme: String,
    pub lecturer: String,
    pub target_audience: String,
    pub fee_yen: i32,
    pub capacity: i32,
    /// Seats taken by the simple form; for a practical training, its acceptances.
    pub seats_taken: i32,
    pub seats_left: i32,
    /// A practical training's applications, acceptances and seats left, in all and per
    /// exercise schedule.
    pub practical_counts: Option<PracticalCounts>,
    pub availability: Availability,
    pub availability_label: String,
    pub format: Format,
    pub zoom_url: Option<String>,
    pub zoom_meeting_id: Option<String>,
    pub zoom_passcode: Option<String>,
    pub room_opens_minutes_before: i32,
    #[serde(with = "time::serde::rfc3339")]
    pub application_opens_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub application_closes_at: OffsetDateTime,
    pub check_in_opens_minutes_before: i32,
    pub check_in_grace_minutes: i32,
    pub check_out_window_minutes: i32,
    pub issues_certificate: bool,
    pub checklist_required: bool,
    pub form_kind: FormKind,
    pub waiting_list: bool,
    pub contact: String,
    pub exercise_schedules: Vec<ExerciseScheduleResponse>,
    pub files: Vec<StaffFile>,
    /// The status changes that fit now (the buttons staff are offered).
    pub actions: Vec<StatusAction>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl AdminTraining {
    /// With the counts of a practical training: seats taken are its acceptances.
    pub fn counted(mut self, counts: &Counts) -> Self {
        if let Some(c) = counts.get(&self.id) {
            self.seats_taken = c.total.accepted as i32;
            self.seats_left = c.total.seats_left as i32;
            self.practical_counts = Some(c.clone());
        }
        self
    }

    pub fn new(t: &Training, files: &[TrainingFile], now: OffsetDateTime) -> Self {
        let p = &t.plan;
        let available = availability(t, now);
        Self {
            id: t.id,
            status: t.status,
            title: p.title.clone(),
            purpose: p.purpose.clone(),
            organiser: p.organiser.clone(),
            starts_at: to_jst(p.starts_at),
            ends_at: to_jst(p.ends_at),
            venue: p.venue.clone(),
            theme: p.theme.clone(),
            lecturer: p.lecturer.clone(),
            target_audience: p.target_audience.clone(),
            fee_yen: p.fee_yen,
            capacity: p.capacity,
            seats_taken: t.seats_taken,
            seats_left: seats_left(p.capacity, t.seats_taken),
            practical_counts: None,
            availability: available,
            availability_label: available.label_for(t.plan.waiting_list).to_owned(),
            format: p.format,
            zoom_url: p.zoom_url.clone(),
            zoom_meeting_id: p.zoom_meeting_id.clone(),
            zoom_passcode: p.zoom_passcode.clone(),
            room_opens_minutes_before: p.room_opens_minutes_before,
            application_opens_at: to_jst(p.application_opens_at),
            application_closes_at: to_jst(p.application_closes_at),
            check_in_opens_minutes_before: p.check_in_opens_minutes_before,
            check_in_grace_minutes: p.check_in_grace_minutes,
            check_out_window_minutes: p.check_out_window_minutes,
            issues_certificate: p.issues_certificate,
            checklist_required: p.checklist_required,
            form_kind: p.form_kind,
            waiting_list: p.waiting_list,
            contact: p.contact.clone(),
            exercise_schedules: schedules(t),
            files: files.iter().filter(|f| f.training_id == t.id).map(StaffFile::new).collect(),
            actions: allowed_actions(t.status, p, now),
            created_at: to_jst(t.created_at),
            updated_at: to_jst(t.updated_at),
        }
    }
}

/// One page of the staff list.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminTrainingListResponse {
    pub items: Vec<AdminTraining>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}
