//! 実践研修の申込 (seed 003): the form as JSON, with one optional attachment when sent as
//! `multipart/form-data`.

use actix_web::{post, web, HttpRequest};
use kenshu_domain::practical_form::PracticalForm;
use kenshu_domain::FieldIssue;
use utoipa::ToSchema;

use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::extract::{parse_json, JSON_LIMIT};
use crate::state::AppState;
use crate::transport::body::check_declared_length;
use crate::transport::{mime_of, read_body, unsupported_media_type, IdempotencyKey, PartLimit, Parts};
use crate::usecases::idempotency::Answer;
use crate::usecases::practical::{self as usecase, PracticalReceived, PracticalValidation, Upload, ATTACHMENT_LIMIT};

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

/// The parts taken, and the whole request: both parts at their largest, and the framing.
const PARTS: [PartLimit; 2] = [
    PartLimit::up_to("application", JSON_LIMIT),
    PartLimit { name: "attachment", keep: ATTACHMENT_LIMIT, max: DRAIN_LIMIT },
];
const REQUEST_LIMIT: usize = DRAIN_LIMIT + JSON_LIMIT + 64 * 1024;

/// The form's JSON and its attachment, from either content type.
async fn read_submission(req: &HttpRequest, payload: web::Payload) -> Result<(Vec<u8>, Option<Upload>), AppError> {
    match mime_of(req).as_str() {
        "application/json" => {
            check_declared_length(req, JSON_LIMIT)?;
            Ok((read_body(payload, JSON_LIMIT).await?.to_vec(), None))
        }
        "multipart/form-data" => {
            let mut parts = Parts::read(req, payload, &PARTS, REQUEST_LIMIT).await?;
            let json = parts.take("application").ok_or_else(|| {
                AppError::validation(vec![FieldIssue::new(
                    "application",
                    "required",
                    "申込内容（application）を送信してください",
                )])
            })?;
            let upload = parts.take("attachment").filter(|p| p.size > 0).map(|p| Upload {
                filename: p.filename.filter(|n| !n.is_empty()).unwrap_or_else(|| "attachment".to_owned()),
                bytes: p.bytes,
                size: p.size,
            });
            Ok((json.bytes, upload))
        }
        _ => Err(unsupported_media_type("application/json または multipart/form-data")),
    }
}

/// 実践研修に申し込む
///
/// Takes the whole seed 003 form. Every missing or wrong field is reported at once (422,
/// `errors[]` by field path, in Japanese) and nothing is stored. The address must not be
/// used by another person in a training whose period overlaps (`email_used_by_another`).
/// Sent as `application/json` (no attachment) or as `multipart/form-data` with the parts
/// `application` (the JSON) and `attachment` (a copy of certificates). Answers with the
/// eligibility verdict kept with the application; an acknowledgement mail is queued.
/// With an `Idempotency-Key`, a retry gets the first answer again
/// (`Idempotency-Replayed: true`) and another submission under the same key is a 422.
/// The whole request is limited as well as each part (413).
#[utoipa::path(tag = "practical", params(
        ("id" = i32, Path, description = "Training id"),
        ("Idempotency-Key" = Option<String>, Header, description = "A unique key per form submission, e.g. a UUID: 1–200 printable ASCII characters (0x21–0x7E), else 400 invalid_idempotency_key", min_length = 1, max_length = 200, pattern = "^[!-~]{1,200}$"),
    ),
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
    key: IdempotencyKey,
    req: HttpRequest,
    payload: web::Payload,
    st: web::Data<AppState>,
) -> Result<Answer, AppError> {
    let (json, upload) = read_submission(&req, payload).await?;
    let form: PracticalForm = parse_json(&json)?;
    let attachment = upload.as_ref().map(|u| (u.filename.as_bytes(), u.bytes.as_slice()));
    let (name, bytes) = attachment.unwrap_or_default();
    let key = key.with_request(&[&json, name, bytes]);
    usecase::submit(&st.db, &st.config, id.into_inner(), form, upload, key, st.clock.now()).await
}

/// Whether the real submission will carry an attachment.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ValidateQuery {
    /// A copy of certificates will be attached (the rules that ask for one are then met).
    #[serde(default)]
    pub attachment: bool,
}

/// 送信前に確認する（保存しない）
///
/// Runs every rule of the submission, the server-only ones included (事業所番号, an address
/// used by another person in an overlapping training, one application per address), and
/// stores nothing. 200 with the notes that do not stop a submission (e.g. no service types
/// listed) and the verdict; otherwise the same problem as the submission would get.
#[utoipa::path(tag = "practical", params(("id" = i32, Path, description = "Training id"), ValidateQuery),
    request_body = PracticalForm,
    responses(
        (status = 200, body = PracticalValidation),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/trainings/{id}/practical-applications/validate")]
pub async fn validate_practical_application(
    id: web::Path<i32>,
    query: web::Query<ValidateQuery>,
    body: JsonBody<PracticalForm>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalValidation>, AppError> {
    let now = st.clock.now();
    Ok(web::Json(usecase::validate(&st.db, id.into_inner(), body.0, query.attachment, now).await?))
}
