//! Staff operations on trainings: list, create, edit and the lifecycle.

use actix_web::{get, post, put, web};
use kenshu_domain::training::{StatusAction, Training};
use kenshu_persistence::repos::{training_files, trainings};
use serde::Deserialize;
use time::OffsetDateTime;
use utoipa::IntoParams;

use super::dto::{AdminTraining, AdminTrainingListResponse, TrainingInput};
use crate::auth::{StaffUser, Viewer};
use crate::error::{AppError, Problem};
use crate::extract::{JsonBody, PageQuery};
use crate::routes::Created;
use crate::state::AppState;
use crate::usecases::trainings as usecase;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusFilter {
    /// Only trainings in this status.
    pub status: Option<kenshu_domain::training::TrainingStatus>,
}

/// 研修一覧（事務局）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(PageQuery, StatusFilter), responses(
    (status = 200, body = AdminTrainingListResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/trainings")]
pub async fn list_admin_trainings(
    _user: Viewer,
    query: web::Query<PageQuery>,
    filter: web::Query<StatusFilter>,
    st: web::Data<AppState>,
) -> Result<web::Json<AdminTrainingListResponse>, AppError> {
    let page = query.page()?;
    let (items, total) = trainings::list_all(&st.db, filter.status, page).await?;
    let ids: Vec<i32> = items.iter().map(|t| t.id).collect();
    let files = training_files::list(&st.db, &ids, None).await?;
    let now = st.clock.now();
    let counts = usecase::practical_counts(&st.db, &items).await?;
    Ok(web::Json(AdminTrainingListResponse {
        items: items.iter().map(|t| AdminTraining::new(t, &files, now).counted(&counts)).collect(),
        page: page.page,
        per_page: page.per_page,
        total,
    }))
}

/// 研修を作成する（下書き）
#[utoipa::path(tag = "admin", security(("bearer" = [])), request_body = TrainingInput, responses(
    (status = 201, body = AdminTraining),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/trainings")]
pub async fn create_training(
    _user: StaffUser,
    body: JsonBody<TrainingInput>,
    st: web::Data<AppState>,
) -> Result<Created<AdminTraining>, AppError> {
    let plan = body.0.into_plan()?;
    let now = st.clock.now();
    let training = usecase::create(&st.db, plan, now).await?;
    Ok(Created {
        location: format!("/api/v1/admin/trainings/{}", training.id),
        body: AdminTraining::new(&training, &[], now),
    })
}

/// 研修の詳細（事務局）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")), responses(
    (status = 200, body = AdminTraining),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/trainings/{id}")]
pub async fn get_admin_training(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<AdminTraining>, AppError> {
    let training = usecase::get(&st.db, id.into_inner()).await?;
    Ok(web::Json(shown(&st, &training, st.clock.now()).await?))
}

/// 研修を編集する
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    request_body = TrainingInput, responses(
    (status = 200, body = AdminTraining),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[put("/admin/trainings/{id}")]
pub async fn update_training(
    _user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<TrainingInput>,
    st: web::Data<AppState>,
) -> Result<web::Json<AdminTraining>, AppError> {
    let plan = body.0.into_plan()?;
    let now = st.clock.now();
    let training = usecase::update(&st.db, id.into_inner(), plan, now, st.sold_out.hold_until_ms()).await?;
    st.sold_out.forget_all();
    Ok(web::Json(shown(&st, &training, now).await?))
}

/// A training as staff see it: its files and, for a practical training, its counts.
async fn shown(st: &AppState, training: &Training, now: OffsetDateTime) -> Result<AdminTraining, AppError> {
    let files = usecase::files(&st.db, training.id, None).await?;
    let counts = usecase::practical_counts(&st.db, std::slice::from_ref(training)).await?;
    Ok(AdminTraining::new(training, &files, now).counted(&counts))
}

async fn change_status(id: i32, action: StatusAction, st: &AppState) -> Result<web::Json<AdminTraining>, AppError> {
    let now = st.clock.now();
    let training = usecase::change_status(&st.db, id, action, now, st.sold_out.hold_until_ms()).await?;
    st.sold_out.forget_all();
    Ok(web::Json(shown(st, &training, now).await?))
}

/// 研修を公開する（締切後の再開も）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")), responses(
    (status = 200, body = AdminTraining),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/trainings/{id}/publish")]
pub async fn publish_training(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<AdminTraining>, AppError> {
    change_status(id.into_inner(), StatusAction::Publish, &st).await
}

/// 受付を締め切る
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")), responses(
    (status = 200, body = AdminTraining),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/trainings/{id}/close")]
pub async fn close_training(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<AdminTraining>, AppError> {
    change_status(id.into_inner(), StatusAction::Close, &st).await
}

/// 受付を再開する（締切後、開始前のみ）
///
/// A closed (締切) training takes applications again; after its start this is a 409
/// `reopen_after_start` and nothing changes.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")), responses(
    (status = 200, body = AdminTraining),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/trainings/{id}/reopen")]
pub async fn reopen_training(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<AdminTraining>, AppError> {
    change_status(id.into_inner(), StatusAction::Reopen, &st).await
}

/// 研修を終了にする（終了日時の後のみ）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")), responses(
    (status = 200, body = AdminTraining),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/trainings/{id}/finish")]
pub async fn finish_training(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<AdminTraining>, AppError> {
    change_status(id.into_inner(), StatusAction::Finish, &st).await
}

/// 研修を中止する
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")), responses(
    (status = 200, body = AdminTraining),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/trainings/{id}/cancel")]
pub async fn cancel_training(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<AdminTraining>, AppError> {
    change_status(id.into_inner(), StatusAction::Cancel, &st).await
}
