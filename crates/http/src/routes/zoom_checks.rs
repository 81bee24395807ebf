//! Zoom checks of online and hybrid trainings (seed 000 6(5)): the grid staff tick, bulk
//! approval, 会場参加, and a withheld certificate with its reason.

use actix_web::{get, post, put, web};
use kenshu_domain::application::Application;
use kenshu_domain::attendance::{certificate_state, CertificateState, ZoomChecks, ZoomReview};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::{Format, Training};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::auth::{StaffUser, Viewer};
use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::usecases::zoom_checks::{self as usecase, Step};

/// Staff's decision on a participant.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ZoomDecision {
    /// 確認中
    Pending,
    /// ①–④ approved
    Approved,
    /// 会場参加 (hybrid)
    InPerson,
    /// 発行見送り
    Withheld,
}

/// One participant's row of the grid.
#[derive(Debug, Serialize, ToSchema)]
pub struct ZoomParticipant {
    pub application_id: i32,
    pub full_name: String,
    pub workplace: String,
    /// ①–④ as ticked.
    pub checks: ZoomChecks,
    /// ⑤: when the start and end codes were entered, or staff recorded the time (read-only
    /// here).
    #[serde(with = "time::serde::rfc3339::option")]
    pub checked_in_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub checked_out_at: Option<OffsetDateTime>,
    /// Staff recorded one of the two times by hand (事務局が記録), not the participant's code.
    pub attendance_by_staff: bool,
    pub decision: ZoomDecision,
    pub withheld_reason: Option<String>,
    /// Where the 受講証明書 stands (what My Page shows).
    pub certificate: CertificateState,
}

/// The grid of one training.
#[derive(Debug, Serialize, ToSchema)]
pub struct ZoomCheckList {
    pub training_id: i32,
    pub title: String,
    pub format: Format,
    pub participants: Vec<ZoomParticipant>,
}

fn participant(training: &Training, a: Application) -> ZoomParticipant {
    let certificate = certificate_state(training.certificate_policy(), a.status, &a.day);
    let day = a.day;
    let (decision, withheld_reason) = match day.zoom_review {
        ZoomReview::Pending => (ZoomDecision::Pending, None),
        ZoomReview::Approved => (ZoomDecision::Approved, None),
        ZoomReview::InPerson => (ZoomDecision::InPerson, None),
        ZoomReview::Withheld { reason } => (ZoomDecision::Withheld, Some(reason)),
    };
    ZoomParticipant {
        application_id: a.id,
        full_name: a.full_name,
        workplace: a.workplace,
        checks: day.zoom_checks,
        checked_in_at: day.attendance.checked_in_at.map(to_jst),
        checked_out_at: day.attendance.checked_out_at.map(to_jst),
        attendance_by_staff: day.by_staff.checked_in.is_some() || day.by_staff.checked_out.is_some(),
        decision,
        withheld_reason,
        certificate,
    }
}

async fn list(st: &AppState, training_id: i32) -> Result<web::Json<ZoomCheckList>, AppError> {
    let (training, participants) = usecase::load(&st.db, training_id).await?;
    Ok(web::Json(ZoomCheckList {
        training_id,
        title: training.plan.title.clone(),
        format: training.plan.format,
        participants: participants.into_iter().map(|a| participant(&training, a)).collect(),
    }))
}

/// Zoom受講確認の一覧
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, body = ZoomCheckList),
        (status = "4XX", description = "zoom_checks_not_applicable for in-person trainings", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/zoom-checks")]
pub async fn list_zoom_checks(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<ZoomCheckList>, AppError> {
    list(&st, id.into_inner()).await
}

/// One participant's ticks.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ZoomTick {
    pub application_id: i32,
    /// ① 顔
    pub face: bool,
    /// ② 表示名
    pub display_name: bool,
    /// ③ ブレイクアウトルーム
    pub breakout_room: bool,
    /// ④ 開始・中間・終了時の①②
    pub throughout: bool,
}

impl ZoomTick {
    fn checks(&self) -> (i32, ZoomChecks) {
        let checks = ZoomChecks {
            face: self.face,
            display_name: self.display_name,
            breakout_room: self.breakout_room,
            throughout: self.throughout,
        };
        (self.application_id, checks)
    }
}

/// The ticks of many participants.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ZoomTicks {
    pub items: Vec<ZoomTick>,
}

/// ①〜④のチェックをまとめて保存する
///
/// An approved participant whose ticks no longer hold all four goes back to 確認中.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    request_body = ZoomTicks,
    responses(
        (status = 200, body = ZoomCheckList),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/admin/trainings/{id}/zoom-checks")]
pub async fn save_zoom_checks(
    _user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<ZoomTicks>,
    st: web::Data<AppState>,
) -> Result<web::Json<ZoomCheckList>, AppError> {
    let ticks: Vec<(i32, ZoomChecks)> = body.0.items.iter().map(ZoomTick::checks).collect();
    usecase::save_ticks(&st.db, *id, &ticks, st.clock.now()).await?;
    list(&st, id.into_inner()).await
}

/// Whom to approve.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ZoomApproval {
    /// The participants to approve (all or none); omitted or null: every participant under
    /// review whose ①–④ are ticked.
    #[serde(default)]
    pub application_ids: Option<Vec<i32>>,
}

/// まとめて承認する（①〜④がすべて確認済みの受講者）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    request_body = ZoomApproval,
    responses(
        (status = 200, body = ZoomCheckList),
        (status = 409, description = "zoom_checks_incomplete: errors[] names each participant", body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/trainings/{id}/zoom-checks/approve")]
pub async fn approve_zoom_checks(
    _user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<ZoomApproval>,
    st: web::Data<AppState>,
) -> Result<web::Json<ZoomCheckList>, AppError> {
    usecase::approve(&st.db, *id, body.0.application_ids.as_deref(), st.clock.now()).await?;
    list(&st, id.into_inner()).await
}

/// Why the certificate is withheld.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ZoomWithhold {
    /// Shown on the participant's My Page.
    pub reason: String,
}

/// 受講証明書の発行を見送る（理由は必須、マイページに表示）
#[utoipa::path(tag = "admin", security(("bearer" = [])),
    params(("id" = i32, Path, description = "Training id"), ("application_id" = i32, Path, description = "Application id")),
    request_body = ZoomWithhold,
    responses(
        (status = 200, body = ZoomCheckList),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/trainings/{id}/zoom-checks/{application_id}/withhold")]
pub async fn withhold_zoom_certificate(
    _user: StaffUser,
    path: web::Path<(i32, i32)>,
    body: JsonBody<ZoomWithhold>,
    st: web::Data<AppState>,
) -> Result<web::Json<ZoomCheckList>, AppError> {
    let (id, application_id) = path.into_inner();
    usecase::decide(&st.db, id, application_id, Step::Withhold(&body.0.reason), st.clock.now()).await?;
    list(&st, id).await
}

/// 会場参加にする（会場・オンライン併用の研修のみ）
#[utoipa::path(tag = "admin", security(("bearer" = [])),
    params(("id" = i32, Path, description = "Training id"), ("application_id" = i32, Path, description = "Application id")),
    responses(
        (status = 200, body = ZoomCheckList),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/trainings/{id}/zoom-checks/{application_id}/in-person")]
pub async fn mark_zoom_in_person(
    _user: StaffUser,
    path: web::Path<(i32, i32)>,
    st: web::Data<AppState>,
) -> Result<web::Json<ZoomCheckList>, AppError> {
    let (id, application_id) = path.into_inner();
    usecase::decide(&st.db, id, application_id, Step::InPerson, st.clock.now()).await?;
    list(&st, id).await
}

/// 判定を取り消して確認中に戻す
#[utoipa::path(tag = "admin", security(("bearer" = [])),
    params(("id" = i32, Path, description = "Training id"), ("application_id" = i32, Path, description = "Application id")),
    responses(
        (status = 200, body = ZoomCheckList),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/trainings/{id}/zoom-checks/{application_id}/reopen")]
pub async fn reopen_zoom_check(
    _user: StaffUser,
    path: web::Path<(i32, i32)>,
    st: web::Data<AppState>,
) -> Result<web::Json<ZoomCheckList>, AppError> {
    let (id, application_id) = path.into_inner();
    usecase::decide(&st.db, id, application_id, Step::Reopen, st.clock.now()).await?;
    list(&st, id).await
}
