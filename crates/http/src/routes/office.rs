//! The office's daily work on a training's applications (issue 12, item 2): entering one
//! on someone's behalf, correcting its contact, cancelling it with a reason, and the
//! training's numbers at a glance.

use actix_web::{get, patch, post, put, web};
use kenshu_domain::application::{ApplicationForm, Membership};
use kenshu_domain::attendance_by_hand::{AttendanceChange, TimeChange};
use kenshu_domain::office::{check_reason, ContactChange, EntryChannel};
use kenshu_persistence::repos::applications;
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::auth::{StaffUser, Viewer};
use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::routes::admin_applications::StaffApplication;
use crate::state::AppState;
use crate::transport::IdempotencyKey;
use crate::usecases::apply::{self, OfficeForm};
use crate::usecases::cancel::{self, StaffNote};
use crate::usecases::idempotency::Answer;
use crate::usecases::{office, trainings as training_usecase};

/// An application staff enter for someone who called, faxed or came to the counter: the
/// public form's fields, how it came, and optionally the ふりがな and address taken down.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "channel": "phone", "member": "non_member", "full_name": "札幌 花子", "job_title": "主任介護支援専門員", "furigana": "さっぽろ はなこ",
    "workplace": "有限会社谷川企画", "phone": "0123-45-6789", "address": "札幌市中央区北1条西1丁目",
    "email": "hanako@example.jp", "email_confirmation": "hanako@example.jp",
    "privacy_consent": true, "checklist_answers": null
}))]
pub struct StaffApplicationRequest {
    /// 受付方法: 電話 (phone), FAX, 窓口 (counter) or その他 (other).
    pub channel: EntryChannel,
    #[serde(default)]
    pub member: Option<Membership>,
    pub full_name: String,
    /// 資格・職名 (may be empty; at most 40 characters), printed before the name on the
    /// 受講証明書.
    #[serde(default)]
    #[schema(max_length = 40)]
    pub job_title: Option<String>,
    /// ふりがな (hiragana; may be empty)
    #[serde(default)]
    pub furigana: Option<String>,
    pub workplace: String,
    pub phone: String,
    /// 住所 (may be empty)
    #[serde(default)]
    pub address: Option<String>,
    pub email: String,
    pub email_confirmation: String,
    /// The applicant agreed to the privacy policy (staff confirm it on the phone).
    pub privacy_consent: bool,
    #[serde(default)]
    pub checklist_answers: Option<Vec<Option<bool>>>,
}

impl StaffApplicationRequest {
    fn split(self, entered_by: i32) -> (ApplicationForm, OfficeForm) {
        let form = ApplicationForm {
            member: self.member,
            full_name: self.full_name,
            job_title: self.job_title,
            workplace: self.workplace,
            phone: self.phone,
            email: self.email,
            email_confirmation: self.email_confirmation,
            privacy_consent: self.privacy_consent,
            checklist_answers: self.checklist_answers,
        };
        let office = OfficeForm {
            entered_by: Some(entered_by),
            channel: self.channel,
            furigana: self.furigana,
            address: self.address,
        };
        (form, office)
    }
}

/// 申込を代理入力する（電話・FAX など）
///
/// The same rules, seat desk, waiting list and acknowledgement mail as the public form;
/// the application records who entered it and how it came. Staff may enter one while the
/// training is published or 締切 until it starts — also before the window opens and after
/// the public deadline (a late call is the office's decision); capacity holds as always.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(
        ("id" = i32, Path, description = "Training id"),
        ("Idempotency-Key" = Option<String>, Header, description = "A unique key per form submission, e.g. a UUID: 1–200 printable ASCII characters (0x21–0x7E), else 400 invalid_idempotency_key", min_length = 1, max_length = 200, pattern = "^[!-~]{1,200}$"),
    ),
    request_body = StaffApplicationRequest,
    responses(
        (status = 201, body = crate::usecases::apply::ApplicationCreated),
        (status = 409, description = "training_full, already_applied, staff_entry_closed, applications_not_open", body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/trainings/{id}/applications")]
pub async fn create_staff_application(
    user: StaffUser,
    id: web::Path<i32>,
    key: IdempotencyKey,
    body: JsonBody<StaffApplicationRequest>,
    st: web::Data<AppState>,
) -> Result<Answer, AppError> {
    let request = body.0;
    let key = key.with_request(&[&serde_json::to_vec(&request).map_err(AppError::internal)?]);
    let (form, office) = request.split(user.0.user_id);
    apply::apply_for(&st.db, &st.config, &st.seats, id.into_inner(), form, office, key, st.clock.now()).await
}

/// 申込者の連絡先を修正する
///
/// Email, phone and address, and the 資格・職名 when it is sent, checked by the same rules as
/// the form. A certificate already issued keeps what it was issued with. A cancelled
/// application is not changed (409 `already_cancelled`).
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    request_body = ContactChange,
    responses(
        (status = 200, body = StaffApplication),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/admin/applications/{id}")]
pub async fn update_application_contact(
    _user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<ContactChange>,
    st: web::Data<AppState>,
) -> Result<web::Json<StaffApplication>, AppError> {
    let updated = office::update_contact(&st.db, id.into_inner(), &body.0, st.clock.now()).await?;
    Ok(web::Json(StaffApplication::shown(&st.db, updated).await?))
}

/// Why staff cancel an application.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"reason": "ご本人から電話で取り消しの連絡あり"}))]
pub struct StaffCancelRequest {
    /// キャンセルの理由 (kept for the office; not sent to the applicant)
    pub reason: String,
}

/// 申込を事務局がキャンセルする
///
/// With a reason. The applicant gets the cancellation mail; a freed seat goes to the first
/// applicant waiting, who is mailed, as when the applicant cancels on My Page. Also after
/// the start, while the training is published or 締切.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    request_body = StaffCancelRequest,
    responses(
        (status = 200, body = StaffApplication),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/applications/{id}/cancel")]
pub async fn cancel_application_as_staff(
    user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<StaffCancelRequest>,
    st: web::Data<AppState>,
) -> Result<web::Json<StaffApplication>, AppError> {
    let reason = check_reason(&body.0.reason).map_err(AppError::validation)?;
    let note = StaffNote { reason: &reason, by: Some(user.0.user_id) };
    let hold = st.sold_out.hold_until_ms();
    let cancelled = cancel::cancel_by_staff(&st.db, &st.config, id.into_inner(), note, st.clock.now(), hold).await?;
    st.sold_out.forget_all();
    Ok(web::Json(StaffApplication::shown(&st.db, cancelled).await?))
}

/// What a reset of the code attempts did.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeAttemptsReset {
    pub application_id: i32,
    /// Wrong codes forgiven (開始番号 and 終了番号 together); 0 when none were held.
    pub cleared: u64,
}

/// 番号の入力回数制限を解除する
///
/// After five wrong 開始番号 or 終了番号 a participant can no longer enter the code
/// (`code_attempts_exhausted`) and is sent to reception. Staff lift the lock here: the
/// wrong codes held against the application are forgotten, so the right code is taken
/// again. Recorded in the audit log as every staff write is. A cancelled application is
/// refused (409 `already_cancelled`).
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    responses(
        (status = 200, body = CodeAttemptsReset),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/applications/{id}/code-attempts/reset")]
pub async fn reset_code_attempts(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<CodeAttemptsReset>, AppError> {
    let application_id = id.into_inner();
    let cleared = office::reset_code_attempts(&st.db, application_id).await?;
    Ok(web::Json(CodeAttemptsReset { application_id, cleared }))
}

/// 出席・受講確認の手入力: the times staff record for a participant and why. A time left out
/// stays as it is; `null` clears it (only a time staff recorded).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "checked_in_at": "2026-12-05T13:02:00+09:00", "checked_out_at": "2026-12-05T16:40:00+09:00",
    "reason": "スマートフォンの電池切れのため、受付で本人確認のうえ記録"
}))]
pub struct AttendanceRecordRequest {
    /// 出席確認時間 (RFC 3339; shown in Japan time): a moment of one of the training's days
    /// in Japan (from its start date to its end date), not later than now. Left out: kept;
    /// `null`: cleared, only when staff recorded it (a time the participant entered with the
    /// start code may be corrected, not cleared), no 受講確認時間 remains and no 受講証明書
    /// in force was issued on it (revoke the certificate first).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub checked_in_at: Option<Option<OffsetDateTime>>,
    /// 受講確認時間: as `checked_in_at`, and not before 出席確認時間 (the same minute is
    /// fine); it needs a 出席確認時間, stored or sent.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub checked_out_at: Option<Option<OffsetDateTime>>,
    /// 記録の理由 (required): one line, 1–200 characters after trimming; half-width katakana
    /// are widened and full-width letters and digits narrowed. Shown to staff beside each
    /// time recorded, never to the participant.
    #[schema(min_length = 1, max_length = 200)]
    pub reason: String,
}

/// A member that is sent, `null` included, as opposed to one left out (`None`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<OffsetDateTime>>, D::Error> {
    time::serde::rfc3339::option::deserialize(d).map(Some)
}

fn time_change(sent: Option<Option<OffsetDateTime>>) -> TimeChange {
    match sent {
        None => TimeChange::Keep,
        Some(None) => TimeChange::Clear,
        Some(Some(at)) => TimeChange::Set(at),
    }
}

/// 出席・受講確認時間を事務局が記録する
///
/// For a participant who could not enter the 開始番号 or 終了番号 (a dead phone, no
/// smartphone, the network, reception after the window): staff set or correct 出席確認時間
/// and 受講確認時間, with a reason, and may clear a time only staff recorded and only while
/// no 受講証明書 issued on it is in force (422 `certificate_issued` on the field). Only an
/// application holding a seat (409 `not_confirmed_for_day`) of a training not cancelled
/// (409 `invalid_status_transition`); every bad field is named at once (422) and nothing is
/// stored. The staff list shows each time staff recorded with its reason (事務局が記録); My
/// Page shows the times as usual. When this completes attendance the `attendance.completed`
/// webhook is sent, once, as for the codes. Audited like every staff write.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    request_body = AttendanceRecordRequest,
    responses(
        (status = 200, body = StaffApplication),
        (status = 409, description = "not_confirmed_for_day, invalid_status_transition", body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/admin/applications/{id}/attendance")]
pub async fn record_attendance_by_hand(
    user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<AttendanceRecordRequest>,
    st: web::Data<AppState>,
) -> Result<web::Json<StaffApplication>, AppError> {
    let body = body.0;
    let change = AttendanceChange {
        checked_in_at: time_change(body.checked_in_at),
        checked_out_at: time_change(body.checked_out_at),
        reason: &body.reason,
        by: Some(user.0.user_id),
    };
    let updated = office::record_attendance(&st.db, id.into_inner(), &change, st.clock.now()).await?;
    Ok(web::Json(StaffApplication::shown(&st.db, updated).await?))
}

/// A training's numbers at a glance.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingDashboard {
    pub training_id: i32,
    pub capacity: i32,
    /// 申込 (every application, cancelled ones included)
    pub applied: u64,
    /// 確定
    pub confirmed: u64,
    /// キャンセル待ち
    pub waiting: u64,
    /// キャンセル
    pub cancelled: u64,
    /// 出席: 出席確認時間 is in (the start code, or recorded by staff)
    pub checked_in: u64,
    /// 受講完了: 受講確認時間 is in (the end code, or recorded by staff)
    pub checked_out: u64,
    /// 受講証明書の発行済み（取り消しを除く）
    pub certified: u64,
}

/// 研修の集計（ダッシュボード）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, body = TrainingDashboard),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/dashboard")]
pub async fn get_training_dashboard(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<TrainingDashboard>, AppError> {
    let training = training_usecase::get(&st.db, id.into_inner()).await?;
    let t = applications::tally(&st.db, training.id).await?;
    Ok(web::Json(TrainingDashboard {
        training_id: training.id,
        capacity: training.plan.capacity,
        applied: t.applied,
        confirmed: t.confirmed,
        waiting: t.waitlisted,
        cancelled: t.cancelled,
        checked_in: t.checked_in,
        checked_out: t.checked_out,
        certified: t.certified,
    }))
}
