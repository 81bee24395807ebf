//! 関連ファイル: upload (checked by content, size-limited), download, delete.

use actix_multipart::Multipart;
use actix_web::http::header::{self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use kenshu_domain::file::{accepted_content_type, FileVisibility, TrainingFile};
use kenshu_domain::FieldIssue;
use kenshu_persistence::repos::training_files::{self, NewFile};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::dto::StaffFile;
use crate::auth::{StaffUser, Viewer};
use crate::error::{AppError, Problem};
use crate::extract::unsupported_media_type;
use crate::routes::Created;
use crate::state::AppState;
use crate::usecases::trainings as usecase;
use kenshu_domain::ErrorCode;

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

struct Upload {
    filename: Option<String>,
    content: Option<Vec<u8>>,
    title: Option<String>,
    visibility: Option<String>,
}

/// Reads the form, stopping with 413 as soon as a part grows past its limit.
async fn read_form(mut form: Multipart) -> Result<Upload, AppError> {
    let mut upload = Upload { filename: None, content: None, title: None, visibility: None };
    while let Some(field) = form.next().await {
        let mut field = field.map_err(bad_form)?;
        let name = field.name().unwrap_or("").to_owned();
        let limit = if name == "file" { FILE_LIMIT } else { TEXT_FIELD_LIMIT };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad_form)?;
            if bytes.len() + chunk.len() > limit {
                return Err(AppError::payload_too_large(limit));
            }
            bytes.extend_from_slice(&chunk);
        }
        let text = || String::from_utf8(bytes.clone()).ok().map(|s| s.trim().to_owned());
        match name.as_str() {
            "file" => {
                upload.filename = field.content_disposition().and_then(|cd| cd.get_filename()).map(clean_filename);
                upload.content = Some(bytes);
            }
            "title" => upload.title = text(),
            "visibility" => upload.visibility = text(),
            _ => {}
        }
    }
    Ok(upload)
}

fn bad_form(err: actix_multipart::MultipartError) -> AppError {
    AppError::new(ErrorCode::MalformedForm).with_detail(err.to_string())
}

/// The last path segment, without control characters, at most 200 characters.
fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if cleaned.trim().is_empty() {
        "file".to_owned()
    } else {
        cleaned.trim().to_owned()
    }
}

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
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        return Err(unsupported_media_type("multipart/form-data"));
    }
    let training = usecase::get(&st.db, id.into_inner()).await?;
    let upload = read_form(Multipart::new(req.headers(), payload)).await?;

    let mut issues = Vec::new();
    let visibility = match upload.visibility.as_deref().map(FileVisibility::parse) {
        Some(Some(v)) => Some(v),
        Some(None) => {
            issues.push(FieldIssue::new(
                "visibility",
                "invalid_choice",
                "公開範囲は public か participants を選んでください",
            ));
            None
        }
        None => {
            issues.push(FieldIssue::new("visibility", "required", "公開範囲を選んでください"));
            None
        }
    };
    let title = upload.title.filter(|t| !t.is_empty()).or_else(|| upload.filename.clone()).unwrap_or_default();
    if title.chars().count() > 200 {
        issues.push(FieldIssue::new("title", "length", "表示名は200文字以内で入力してください"));
    }
    let content = match upload.content.filter(|c| !c.is_empty()) {
        Some(c) => Some(c),
        None => {
            issues.push(FieldIssue::new("file", "required", "ファイルを選んでください"));
            None
        }
    };
    let (Some(visibility), Some(content), true) = (visibility, content, issues.is_empty()) else {
        return Err(AppError::validation(issues));
    };
    let content_type =
        infer::get(&content).and_then(|kind| accepted_content_type(kind.mime_type())).ok_or_else(|| {
            AppError::new(ErrorCode::UnsupportedFileType)
                .with_detail("PDF・画像（PNG・JPEG）・Word・Excel・PowerPoint のファイルを選んでください")
        })?;
    let sha256 = format!("{:x}", Sha256::digest(&content));
    let filename = upload.filename.unwrap_or_else(|| "file".to_owned());
    let file = training_files::insert(
        &st.db,
        NewFile {
            training_id: training.id,
            visibility,
            title: &title,
            filename: &filename,
            content_type,
            sha256: &sha256,
            content,
        },
        st.clock.now(),
    )
    .await?;
    Ok(Created {
        location: format!("/api/v1/admin/trainings/{}/files/{}", training.id, file.id),
        body: StaffFile::new(&file),
    })
}

/// 関連ファイルをダウンロードする（事務局）
#[utoipa::path(tag = "admin", security(("bearer" = [])),
    params(("id" = i32, Path, description = "Training id"), ("file_id" = i32, Path, description = "File id")),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/files/{file_id}")]
pub async fn download_training_file(
    _user: Viewer,
    path: web::Path<(i32, i32)>,
    st: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (id, file_id) = path.into_inner();
    let (file, bytes) = training_files::find_content(&st.db, id, file_id, None)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::FileNotFound))?;
    Ok(file_response(&file, bytes))
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

/// The bytes as an attachment, named in UTF-8 (RFC 6266), never sniffed by the browser.
pub fn file_response(file: &TrainingFile, bytes: Vec<u8>) -> HttpResponse {
    let ascii_fallback: String =
        file.filename.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii_fallback),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".to_owned()),
                language_tag: None,
                value: file.filename.as_bytes().to_vec(),
            }),
        ],
    };
    HttpResponse::Ok()
        .content_type(file.content_type.as_str())
        .insert_header(disposition)
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::ETAG, format!("\"{}\"", file.sha256)))
        .body(bytes)
}
