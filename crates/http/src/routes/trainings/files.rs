//! 関連ファイル: upload (checked by content, size-limited), download, delete.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use kenshu_domain::file::{FileVisibility, TrainingFile, UploadFields};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::training_files;
use utoipa::ToSchema;

use super::dto::StaffFile;
use crate::auth::{StaffUser, Viewer};
use crate::error::{AppError, Problem};
use crate::routes::Created;
use crate::state::AppState;
use crate::transport::{Download, Part, PartLimit, Parts, Privacy};
use crate::usecases::trainings as usecase;

/// The largest file staff can attach.
pub const FILE_LIMIT: usize = 10 * 1024 * 1024;
/// Text fields of the form are short.
const TEXT_FIELD_LIMIT: usize = 4 * 1024;

/// The upload form (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FileUploadForm {
    /// PDF, PNG, JPEG, Word, Excel or PowerPoint, at most 10MB; recognised by content.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// Shown to people (e.g. 研修資料); defaults to the file name.
    title: Option<String>,
    /// `public` (detail page) or `participants` (My Page only).
    visibility: FileVisibility,
}

/// The parts taken: the file, and two short text fields.
const PARTS: [PartLimit; 3] = [
    PartLimit::up_to("file", FILE_LIMIT),
    PartLimit::up_to("title", TEXT_FIELD_LIMIT),
    PartLimit::up_to("visibility", TEXT_FIELD_LIMIT),
];
const REQUEST_LIMIT: usize = FILE_LIMIT + 2 * TEXT_FIELD_LIMIT + 64 * 1024;

/// 関連ファイルを追加する
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    request_body(content = FileUploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = StaffFile),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/trainings/{id}/files")]
pub async fn upload_training_file(
    _user: StaffUser,
    id: web::Path<i32>,
    req: HttpRequest,
    payload: web::Payload,
    st: web::Data<AppState>,
) -> Result<Created<StaffFile>, AppError> {
    let training = usecase::get(&st.db, id.into_inner()).await?;
    let mut parts = Parts::read(&req, payload, &PARTS, REQUEST_LIMIT).await?;
    let text = |part: Option<Part>| part.and_then(|p| p.text());
    let (visibility, title, file) = (text(parts.take("visibility")), text(parts.take("title")), parts.take("file"));
    let (filename, content) = file.map(|f| (f.filename, f.bytes)).unwrap_or_default();
    let fields = UploadFields { visibility, title, filename, has_content: !content.is_empty() };
    let file = usecase::add_file(&st.db, training.id, &fields, content, st.clock.now()).await?;
    Ok(Created {
        location: format!("/api/v1/admin/trainings/{}/files/{}", training.id, file.id),
        body: StaffFile::new(&file),
    })
}

/// 関連ファイルをダウンロードする（事務局）
#[utoipa::path(tag = "admin", security(("bearer" = [])),
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
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/files/{file_id}")]
pub async fn download_training_file(
    _user: Viewer,
    path: web::Path<(i32, i32)>,
    st: web::Data<AppState>,
) -> Result<Download, AppError> {
    let (id, file_id) = path.into_inner();
    let (file, bytes) = training_files::find_content(&st.db, id, file_id, None)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::FileNotFound))?;
    Ok(file_download(&file, bytes))
}

/// 関連ファイルを削除する
#[utoipa::path(tag = "admin", security(("bearer" = [])),
    params(("id" = i32, Path, description = "Training id"), ("file_id" = i32, Path, description = "File id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/admin/trainings/{id}/files/{file_id}")]
pub async fn delete_training_file(
    _user: StaffUser,
    path: web::Path<(i32, i32)>,
    st: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (id, file_id) = path.into_inner();
    training_files::delete(&st.db, id, file_id).await.map_err(|e| match e {
        kenshu_persistence::RepoError::NotFound => AppError::new(ErrorCode::FileNotFound),
        other => other.into(),
    })?;
    Ok(HttpResponse::NoContent().finish())
}

/// A training's file as a download; `Personal` unless it is on the public page.
pub fn file_download(file: &TrainingFile, bytes: Vec<u8>) -> Download {
    Download {
        content_type: file.content_type.clone(),
        filename: file.filename.clone(),
        bytes,
        privacy: if file.visibility == FileVisibility::Public { Privacy::Public } else { Privacy::Personal },
        etag: Some(file.sha256.clone()),
    }
}
