//! 研修に申し込む (the simple form of seed 000).

use actix_web::{post, web};
use kenshu_domain::application::ApplicationForm;

use crate::error::{AppError, Problem};
use crate::extract::JsonBytes;
use crate::state::AppState;
use crate::transport::IdempotencyKey;
use crate::usecases::apply::{self, ApplicationCreated};
use crate::usecases::idempotency::Answer;

/// 研修に申し込む
///
/// Confirms a seat (201, `status: confirmed`), or a place on the waiting list where the
/// training keeps one (`status: waitlisted`). The acknowledgement mail with the My Page and
/// cancellation links is queued in the same transaction; the links are never in this
/// response. Send an `Idempotency-Key` header to make retries safe: the same key and body
/// return the first answer; the same key with another body is a 422.
#[utoipa::path(tag = "applications", params(
        ("id" = i32, Path, description = "Training id"),
        ("Idempotency-Key" = Option<String>, Header, description = "A unique key per form submission, e.g. a UUID: 1–200 printable ASCII characters (0x21–0x7E), else 400 invalid_idempotency_key", min_length = 1, max_length = 200, pattern = "^[!-~]{1,200}$"),
    ),
    request_body = ApplicationForm,
    responses(
        (status = 201, body = ApplicationCreated),
        (status = 409, description = "training_full, already_applied, applications_not_open, applications_closed", body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/trainings/{id}/applications")]
pub async fn create_application(
    id: web::Path<i32>,
    key: IdempotencyKey,
    body: JsonBytes,
    st: web::Data<AppState>,
) -> Result<Answer, AppError> {
    let (training_id, now) = (id.into_inner(), st.clock.now());
    // Before the body is parsed: after a sell-out most applicants are answered here.
    if let Some(refusal) = apply::refused_from_memory(&st.db, &st.sold_out, training_id, key.as_str(), &body, now) {
        return Err(refusal);
    }
    let form: ApplicationForm = body.parse()?;
    let key = key.with_request(&[&serde_json::to_vec(&form).map_err(AppError::internal)?]);
    // Boxed: held inline, the database path's future made this handler's several kilobytes,
    // copied on every request when actix boxes it, refusals from memory included.
    Box::pin(apply::apply(&st.db, &st.config, &st.seats, &st.sold_out, training_id, form, key, now)).await
}
