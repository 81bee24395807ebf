//! Staff review and selection of practical-training applications (SPEC §5.4): the proposed
//! order and allocation, decisions with kept reasons, notices, cancellation with promotion,
//! attendance and completion.

use actix_web::{get, post, web};
use kenshu_domain::eligibility::{Outcome, Verdict};
use kenshu_domain::practical::{lecture_start, PlanCategory, PracticalKind};
use kenshu_domain::practical_form::{warnings, PracticalForm};
use kenshu_domain::selection::{
    letter_number, tally, BulkAction, Decision, DecisionRequest, PracticalApplication, PracticalCounts,
    PracticalStatus, Progress, Proposal, Selection, SelectionEventKind,
};
use kenshu_domain::time_jp::to_jst as jst;
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::practical::{self as repo, PracticalEvent};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::auth::{StaffUser, Viewer};
use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::transport::Download;
use crate::usecases::practical::FormWarning;
use crate::usecases::practical_documents as documents;
use crate::usecases::practical_selection::{self as usecase, Review};

/// What the product proposes for an application.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalView {
    /// 1-based order; null for cancelled or ineligible applications.
    pub rank: Option<u32>,
    /// The sort keys in words (減算中・不足2名・事業所内順位1・11/24 10:03受付).
    pub reason: String,
    pub decision: Option<Decision>,
    pub schedule_id: Option<i32>,
}

/// One application in the selection list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PracticalRow {
    pub id: i32,
    pub full_name: String,
    pub furigana: String,
    pub kind: Option<PracticalKind>,
    /// 配置する事業所 (name, or corporation when no name is known yet).
    pub office: String,
    pub office_number: String,
    pub plan_category: Option<PlanCategory>,
    /// 配置の必要数 − 修了数
    pub shortage: u32,
    pub office_priority: Option<u32>,
    pub wants_waitlist: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
    pub status: PracticalStatus,
    pub decision: Option<Decision>,
    /// 受講決定（未通知）, キャンセル待ち …
    pub state_label: String,
    /// The eligibility outcome the application was submitted with …
    pub submitted_outcome: Outcome,
    /// … and today's, from the same engine.
    pub current_outcome: Outcome,
    pub preferred_schedule_id: Option<i32>,
    /// A reason was given why no other schedule is possible.
    pub binding_preference: bool,
    pub schedule_id: Option<i32>,
    pub proposal: ProposalView,
}

/// An exercise schedule and the places taken in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleLoad {
    pub id: i32,
    pub label: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    pub capacity: i32,
    /// Accepted (not cancelled) applications placed in it.
    pub accepted: i32,
    /// Accepted as proposed, counting the proposal for undecided applications.
    pub proposed: i32,
}

/// The selection screen of one training.
#[derive(Debug, Serialize, ToSchema)]
pub struct PracticalSelection {
    pub training_id: i32,
    pub title: String,
    pub lecture_start: time::Date,
    pub waiting_list: bool,
    pub schedules: Vec<ScheduleLoad>,
    /// Applications, acceptances and seats left, in all and per schedule.
    pub counts: PracticalCounts,
    /// In the proposed order; cancelled and ineligible applications last.
    pub applications: Vec<PracticalRow>,
}

/// A staff step kept with its reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct PracticalEventView {
    pub action: SelectionEventKind,
    pub from_status: PracticalStatus,
    pub to_status: PracticalStatus,
    /// The decision after the step.
    pub decision: Option<Decision>,
    pub schedule_id: Option<i32>,
    /// The step departed from the proposal (or a capacity or binding preference).
    pub is_override: bool,
    pub reason: String,
    pub staff_user_id: Option<i32>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentView {
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub url: String,
}

/// One application in full, for review.
#[derive(Debug, Serialize, ToSchema)]
pub struct PracticalDetail {
    #[serde(flatten)]
    pub row: PracticalRow,
    pub training_id: i32,
    pub form: PracticalForm,
    /// The verdict stored at submission.
    pub submitted_verdict: Verdict,
    /// The verdict of the same entries today.
    pub current_verdict: Verdict,
    /// Notes for staff that did not stop the submission (e.g. no service types listed).
    pub warnings: Vec<FormWarning>,
    pub attachment: Option<AttachmentView>,
    pub certificate_number: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub notified_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub completed_at: Option<OffsetDateTime>,
    /// 文書番号 of the latest 受講可否通知, e.g. 実践研修第12-3号.
    pub letter_number: Option<String>,
    /// The day attendance was recorded for.
    pub attended_on: Option<time::Date>,
    /// The day of completion, printed on the 修了証書.
    pub completed_on: Option<time::Date>,
    pub events: Vec<PracticalEventView>,
}

fn row(a: &PracticalApplication, p: &Proposal) -> PracticalRow {
    let f = &a.form;
    let need = &f.placement_need;
    PracticalRow {
        id: a.id,
        full_name: f.applicant.full_name.clone(),
        furigana: f.applicant.furigana.clone(),
        kind: f.kind,
        office: if f.placement.office.is_empty() {
            f.placement.corporation.clone()
        } else {
            f.placement.office.clone()
        },
        office_number: f.placement.office_number.clone(),
        plan_category: need.plan_category,
        shortage: a.shortage(),
        office_priority: need.office_priority,
        wants_waitlist: need.wants_waitlist,
        submitted_at: jst(a.submitted_at),
        status: a.state.status(),
        decision: a.state.decision(),
        state_label: a.state.label().to_owned(),
        submitted_outcome: a.submitted_outcome,
        current_outcome: p.outcome,
        preferred_schedule_id: f.preferred_schedule_id,
        binding_preference: f.binding_preference(),
        schedule_id: a.schedule_id,
        proposal: ProposalView {
            rank: p.rank,
            reason: p.reason.clone(),
            decision: p.decision,
            schedule_id: p.schedule_id,
        },
    }
}

impl From<&Selection> for PracticalSelection {
    fn from(s: &Selection) -> Self {
        let training = s.training();
        PracticalSelection {
            training_id: training.id,
            title: training.plan.title.clone(),
            lecture_start: lecture_start(training),
            waiting_list: training.plan.waiting_list,
            schedules: s
                .schedule_loads()
                .into_iter()
                .map(|load| ScheduleLoad {
                    id: load.id,
                    label: load.schedule.label.clone(),
                    starts_at: jst(load.schedule.starts_at),
                    ends_at: jst(load.schedule.ends_at),
                    capacity: load.schedule.capacity,
                    accepted: load.accepted as i32,
                    proposed: load.proposed as i32,
                })
                .collect(),
            counts: tally(training, s.applications()),
            applications: s.in_proposed_order().into_iter().map(|(a, p)| row(a, p)).collect(),
        }
    }
}

/// 選考一覧: every application with the proposed order and allocation
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, body = PracticalSelection),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/practical-applications")]
pub async fn list_practical_applications(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalSelection>, AppError> {
    let selection = usecase::selection(&st.db, id.into_inner()).await?;
    Ok(web::Json(PracticalSelection::from(&selection)))
}

impl From<PracticalEvent> for PracticalEventView {
    fn from(e: PracticalEvent) -> Self {
        PracticalEventView {
            action: e.kind,
            from_status: e.from_status,
            to_status: e.to_status,
            decision: e.decision,
            schedule_id: e.schedule_id,
            is_override: e.is_override,
            reason: e.reason,
            staff_user_id: e.staff_user_id,
            created_at: jst(e.created_at),
        }
    }
}

impl From<Review> for PracticalDetail {
    fn from(r: Review) -> Self {
        let record = r.record;
        let id = record.application.id;
        PracticalDetail {
            row: row(&record.application, &r.proposal),
            training_id: record.training_id,
            current_verdict: r.current_verdict,
            submitted_verdict: record.submitted_verdict,
            attachment: record.attachment.map(|a| AttachmentView {
                filename: a.filename,
                content_type: a.content_type,
                size_bytes: a.size_bytes,
                url: format!("/api/v1/admin/practical-applications/{id}/attachment"),
            }),
            certificate_number: record.certificate_number,
            notified_at: record.notified_at.map(jst),
            completed_at: record.completed_at.map(jst),
            letter_number: record.notice_number.map(|n| letter_number(record.training_id, n)),
            warnings: warnings(&record.application.form).into_iter().map(FormWarning::from).collect(),
            attended_on: record.attended_on,
            completed_on: record.completed_on,
            form: record.application.form,
            events: r.events.into_iter().map(PracticalEventView::from).collect(),
        }
    }
}

/// 申込の詳細: the form, the verdict it was submitted with and today's, and the history
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    responses(
        (status = 200, body = PracticalDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/practical-applications/{id}")]
pub async fn get_practical_application(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalDetail>, AppError> {
    Ok(web::Json(usecase::get_review(&st.db, id.into_inner()).await?.into()))
}

/// 添付された修了証書の写し
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    responses(
        (status = 200, description = "The file as uploaded", content_type = "application/octet-stream"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/practical-applications/{id}/attachment")]
pub async fn download_practical_attachment(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<Download, AppError> {
    let (info, bytes) =
        repo::attachment(&st.db, id.into_inner()).await?.ok_or_else(|| AppError::new(ErrorCode::AttachmentNotFound))?;
    Ok(Download::personal(info.content_type, info.filename, bytes))
}

/// A decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionBody {
    /// accepted (受講決定) / waitlisted (キャンセル待ち) / rejected (受講不可)
    pub decision: Decision,
    /// The exercise schedule of an acceptance; the proposed one when omitted.
    pub schedule_id: Option<i32>,
    /// Required when the decision departs from the proposal, fills a schedule past its
    /// capacity or moves a binding preference; kept with the decision.
    #[serde(default)]
    pub reason: String,
}

/// 受講可否を決める（提案と異なる場合は理由が必要）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    request_body = DecisionBody,
    responses(
        (status = 200, body = PracticalDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/practical-applications/{id}/decision")]
pub async fn decide_practical_application(
    user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<DecisionBody>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalDetail>, AppError> {
    let body = body.0;
    let request = DecisionRequest { decision: body.decision, schedule_id: body.schedule_id, reason: body.reason };
    let review = usecase::decide(&st.db, user.0.user_id, id.into_inner(), request, st.clock.now()).await?;
    Ok(web::Json(review.into()))
}

/// How many applications a bulk step changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkResult {
    pub count: u32,
}

/// 提案どおりに決定する: decides every undecided application as proposed
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, body = BulkResult),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/trainings/{id}/practical-selection/apply-proposal")]
pub async fn apply_practical_proposal(
    user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<BulkResult>, AppError> {
    let count = usecase::apply_proposal(&st.db, user.0.user_id, id.into_inner(), st.clock.now()).await?;
    Ok(web::Json(BulkResult { count }))
}

/// 受講可否通知を送る: one mail per decision not notified yet
///
/// The printed letters are at `/admin/practical-applications/{id}/notice.pdf`.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, body = BulkResult),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/trainings/{id}/practical-notices")]
pub async fn send_practical_notices(
    user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<BulkResult>, AppError> {
    let count = usecase::send_notices(&st.db, &st.config, user.0.user_id, id.into_inner(), st.clock.now()).await?;
    Ok(web::Json(BulkResult { count }))
}

/// Why an application is cancelled.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CancelBody {
    pub reason: String,
}

/// What a cancellation did.
#[derive(Debug, Serialize, ToSchema)]
pub struct CancelResult {
    /// The application promoted from the waiting list into the freed place, if any (its
    /// notice is due).
    pub promoted_id: Option<i32>,
}

/// 申込をキャンセルする（受講決定者なら、キャンセル待ちの上位者を繰り上げる）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    request_body = CancelBody,
    responses(
        (status = 200, body = CancelResult),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/practical-applications/{id}/cancel")]
pub async fn cancel_practical_application(
    user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<CancelBody>,
    st: web::Data<AppState>,
) -> Result<web::Json<CancelResult>, AppError> {
    let promoted_id =
        usecase::cancel(&st.db, Some(user.0.user_id), id.into_inner(), &body.0.reason, st.clock.now()).await?;
    Ok(web::Json(CancelResult { promoted_id }))
}

/// 出席を記録する（研修の初日から、本日の日付で）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    responses(
        (status = 200, body = PracticalDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/practical-applications/{id}/attendance")]
pub async fn record_practical_attendance(
    user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalDetail>, AppError> {
    let review =
        usecase::advance(&st.db, user.0.user_id, id.into_inner(), Progress::Attend, None, st.clock.now()).await?;
    Ok(web::Json(review.into()))
}

/// 修了を記録する（研修の最終日以降、本日の日付で。修了証書番号を付ける）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    responses(
        (status = 200, body = PracticalDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/practical-applications/{id}/completion")]
pub async fn record_practical_completion(
    user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalDetail>, AppError> {
    let review =
        usecase::advance(&st.db, user.0.user_id, id.into_inner(), Progress::Complete, None, st.clock.now()).await?;
    Ok(web::Json(review.into()))
}

/// Why an attendance or a completion is taken back.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UndoBody {
    pub reason: String,
}

/// 出席の記録を取り消す（理由は履歴に残る）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    request_body = UndoBody,
    responses(
        (status = 200, body = PracticalDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/practical-applications/{id}/attendance/undo")]
pub async fn undo_practical_attendance(
    user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<UndoBody>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalDetail>, AppError> {
    let (id, now) = (id.into_inner(), st.clock.now());
    let review = usecase::undo(&st.db, user.0.user_id, id, Progress::Attend, &body.0.reason, now).await?;
    Ok(web::Json(review.into()))
}

/// 修了の記録を取り消す（修了証書は出せなくなる。番号は再度の修了で同じものを使う）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    request_body = UndoBody,
    responses(
        (status = 200, body = PracticalDetail),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/practical-applications/{id}/completion/undo")]
pub async fn undo_practical_completion(
    user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<UndoBody>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalDetail>, AppError> {
    let (id, now) = (id.into_inner(), st.clock.now());
    let review = usecase::undo(&st.db, user.0.user_id, id, Progress::Complete, &body.0.reason, now).await?;
    Ok(web::Json(review.into()))
}

/// Renders off the async threads: a page takes milliseconds of CPU.
pub(crate) async fn render_pdf(
    st: &AppState,
    render: impl FnOnce(&kenshu_pdf::Font) -> Result<Vec<u8>, kenshu_pdf::PdfError> + Send + 'static,
) -> Result<Vec<u8>, AppError> {
    let font = st.font.clone().map_err(|why| AppError::new(ErrorCode::PdfUnavailable).with_detail(why))?;
    web::block(move || render(&font)).await.map_err(AppError::internal)?.map_err(|e| match e {
        kenshu_pdf::PdfError::MissingGlyph { ch } => AppError::new(ErrorCode::PdfMissingGlyph)
            .with_detail(format!("「{ch}」(U+{:04X}) はフォントにありません", u32::from(ch))),
        other => AppError::internal(anyhow::anyhow!("pdf rendering failed: {}", other.code())),
    })
}

/// 受講可否通知（PDF）: the letter of the current decision, to the notification address
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    responses(
        (status = 200, description = "The letter", content_type = "application/pdf"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/practical-applications/{id}/notice.pdf")]
pub async fn download_practical_notice(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<Download, AppError> {
    let id = id.into_inner();
    let letter = documents::notice_letter(&st.db, id, st.clock.now()).await?;
    let pdf = render_pdf(&st, move |font| kenshu_pdf::notice_letter(&letter, font)).await?;
    Ok(Download::personal("application/pdf", format!("受講可否通知_{id}.pdf"), pdf))
}

/// 修了証書（PDF）: name and birth date exactly as entered, with the renewal deadline
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")),
    responses(
        (status = 200, description = "The certificate", content_type = "application/pdf"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/practical-applications/{id}/certificate.pdf")]
pub async fn download_practical_certificate(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<Download, AppError> {
    let id = id.into_inner();
    let certificate = documents::completion_certificate(&st.db, id, &st.config.public_url).await?;
    let pdf = render_pdf(&st, move |font| kenshu_pdf::completion_certificate(&certificate, font)).await?;
    Ok(Download::personal("application/pdf", format!("修了証書_{id}.pdf"), pdf))
}

/// A step on many applications of the training at once.
#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkStepBody {
    /// decide_as_proposed (提案どおりに決定) / attend (出席を記録) / complete (修了を記録)
    pub action: BulkAction,
    /// The applications, all of this training; at least one.
    #[schema(min_items = 1)]
    pub application_ids: Vec<i32>,
}

/// 選択した申込に一括操作（提案どおりに決定・出席・修了）: all or nothing
///
/// Every step is written to its application's history. When one application cannot take
/// the step (decided already, not notified …), nothing is changed and `errors[]` names each
/// one (`application_ids[i]`) with why; ids of another training are refused by number.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    request_body = BulkStepBody,
    responses(
        (status = 200, body = BulkResult),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/trainings/{id}/practical-applications/bulk")]
pub async fn bulk_practical_step(
    user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<BulkStepBody>,
    st: web::Data<AppState>,
) -> Result<web::Json<BulkResult>, AppError> {
    let BulkStepBody { action, application_ids } = body.0;
    let count =
        usecase::bulk(&st.db, user.0.user_id, id.into_inner(), action, &application_ids, st.clock.now()).await?;
    Ok(web::Json(BulkResult { count }))
}
