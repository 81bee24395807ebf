//! The public list and detail pages. Zoom data and participants-only files never appear here.

use actix_web::{get, web};
use kenshu_domain::file::FileVisibility;
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::{training_files, trainings};

use super::dto::{TrainingDetail, TrainingListResponse, TrainingSummary};
use super::files::file_download;
use crate::error::{AppError, Problem};
use crate::extract::PageQuery;
use crate::state::AppState;
use crate::transport::Download;
use crate::usecases::trainings as usecase;

/// 研修一覧
///
/// Published trainings that have not ended, soonest first, with 受付中 / 満員 / 受付終了 / 受付前
/// and the seats left.
#[utoipa::path(tag = "trainings", params(PageQuery), responses(
    (status = 200, body = TrainingListResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/trainings")]
pub async fn list_trainings(
    query: web::Query<PageQuery>,
    st: web::Data<AppState>,
) -> Result<web::Json<TrainingListResponse>, AppError> {
    let page = query.page()?;
    let now = st.clock.now();
    let (items, total) = trainings::list_public(&st.db, now, page).await?;
    let counts = usecase::practical_counts(&st.db, &items).await?;
    Ok(web::Json(TrainingListResponse {
        items: items.iter().map(|t| TrainingSummary::new(t, now).counted(&counts)).collect(),
        page: page.page,
        per_page: page.per_page,
        total,
    }))
}

/// 研修の詳細
#[utoipa::path(tag = "trainings", params(("id" = i32, Path, description = "Training id")), responses(
    (status = 200, body = TrainingDetail),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/trainings/{id}")]
pub async fn get_training(id: web::Path<i32>, st: web::Data<AppState>) -> Result<web::Json<TrainingDetail>, AppError> {
    let training = usecase::get_public(&st.db, id.into_inner()).await?;
    let files = usecase::files(&st.db, training.id, Some(FileVisibility::Public)).await?;
    let counts = usecase::practical_counts(&st.db, std::slice::from_ref(&training)).await?;
    Ok(web::Json(TrainingDetail::new(&training, &files, &counts, st.clock.now())))
}

/// 関連ファイルをダウンロードする
#[utoipa::path(tag = "trainings",
    params(("id" = i32, Path, description = "Training id"), ("file_id" = i32, Path, description = "File id")),
    responses(
        (status = 200, description = "The file, with the type its content was recognised as at upload (PDF, PNG, JPEG, DOCX, XLSX, PPTX)", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "image/png"),
            (Vec<u8> = "image/jpeg"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        )),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/trainings/{id}/files/{file_id}")]
pub async fn download_public_file(path: web::Path<(i32, i32)>, st: web::Data<AppState>) -> Result<Download, AppError> {
    let (id, file_id) = path.into_inner();
    let training = usecase::get_public(&st.db, id).await?;
    let (file, bytes) = training_files::find_content(&st.db, training.id, file_id, Some(FileVisibility::Public))
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::FileNotFound))?;
    Ok(file_download(&file, bytes))
}
