//! 実践研修の申込 (seed 003): the form as JSON, with one optional attachment when sent as
//! `multipart/form-data`.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest};
use futures_util::StreamExt;
use kenshu_domain::practical_form::PracticalForm;
use utoipa::ToSchema;

use crate::error::{AppError, Problem};
use crate::extract::{parse_json, unsupported_media_type, JSON_LIMIT};
use crate::routes::Created;
use crate::state::AppState;
use crate::usecases::practical::{self as usecase, PracticalReceived, Upload, ATTACHMENT_LIMIT};
use kenshu_domain::ErrorCode;

/// The form with its attachment (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PracticalUpload {
    /// The form, as JSON (the same document `application/json` takes).
    #[schema(value_type = PracticalForm)]
    application: String,
    /// 修了証書の写し: one PDF or image (JPEG, PNG, HEIF), at most 10MB; checked by content.
    #[schema(value_type = Option<String>, format = Binary)]
    attachment: Option<Vec<u8>>,
}

/// Past the limit, an attachment is read on (and dropped) up to this size so that its size
/// is reported with the other fields; beyond it the request stops with 413.
const DRAIN_LIMIT: usize = 32 * 1024 * 1024;

fn bad_form(err: actix_multipart::MultipartError) -> AppError {
    AppError::new(ErrorCode::MalformedForm).with_detail(err.to_string())
}

async fn read_multipart(mut form: Multipart) -> Result<(Vec<u8>, Option<Upload>), AppError> {
    let mut json = None;
    let mut upload = None;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(bad_form)?;
        let name = field.name().unwrap_or("").to_owned();
        let filename = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).chars().filter(|c| !c.is_control()).take(200).collect());
        let keep = if name == "attachment" { ATTACHMENT_LIMIT } else { JSON_LIMIT };
        let mut bytes = Vec::new();
        let mut size = 0usize;
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad_form)?;
            size += chunk.len();
            if size > DRAIN_LIMIT || (name != "attachment" && size > JSON_LIMIT) {
                return Err(AppError::payload_too_large(if name == "attachment" { DRAIN_LIMIT } else { JSON_LIMIT }));
            }
            if size <= keep {
                bytes.extend_from_slice(&chunk);
            }
        }
        match name.as_str() {
            "application" => json = Some(bytes),
            "attachment" if size > 0 => {
                let filename: String = filename.unwrap_or_default();
                let filename = if filename.trim().is_empty() { "attachment".to_owned() } else { filename };
                upload = Some(Upload { filename, bytes, size });
            }
            _ => {}
        }
    }
    let json = json.ok_or_else(|| {
        AppError::validation(vec![kenshu_domain::FieldIssue::new(
            "application",
            "required",
            "申込内容（application）を送信してください",
        )])
    })?;
    Ok((json, upload))
}

/// 実践研修に申し込む
///
/// Takes the whole seed 003 form. Every missing or wrong field is reported at once (422,
/// `errors[]` by field path, in Japanese) and nothing is stored. The address must not be
/// used by another person in a training whose period overlaps (`email_used_by_another`).
/// Sent as `application/json` (no attachment) or as `multipart/form-data` with the parts
/// `application` (the JSON) and `attachment` (a copy of certificates). Answers with the
/// eligibility verdict kept with the application; an acknowledgement mail is queued.
#[utoipa::path(tag = "practical", params(("id" = i32, Path, description = "Training id")),
    request_body(content(
        (PracticalForm = "application/json"),
        (PracticalUpload = "multipart/form-data"),
    )),
    responses(
        (status = 201, body = PracticalReceived),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/trainings/{id}/practical-applications")]
pub async fn create_practical_application(
    id: web::Path<i32>,
    req: HttpRequest,
    payload: web::Payload,
    st: web::Data<AppState>,
) -> Result<Created<PracticalReceived>, AppError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    let (json, upload) = match content_type.as_str() {
        "multipart/form-data" => read_multipart(Multipart::new(req.headers(), payload)).await?,
        "application/json" => {
            let mut payload = payload;
            let mut body = Vec::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| AppError::new(ErrorCode::UnreadableBody).with_detail(e.to_string()))?;
                if body.len() + chunk.len() > JSON_LIMIT {
                    return Err(AppError::payload_too_large(JSON_LIMIT));
                }
                body.extend_from_slice(&chunk);
            }
            (body, None)
        }
        _ => return Err(unsupported_media_type("application/json または multipart/form-data")),
    };
    let form: PracticalForm = parse_json(&json)?;
    let training_id = id.into_inner();
    let received = usecase::submit(&st.db, &st.config, training_id, form, upload, st.clock.now()).await?;
    Ok(Created { location: format!("/api/v1/admin/practical-applications/{}", received.id), body: received })
}
