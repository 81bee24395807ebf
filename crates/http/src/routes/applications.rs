//! 研修に申し込む (the simple form of seed 000).

use actix_web::{post, web};
use kenshu_domain::application::{ApplicationForm, Membership};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::transport::IdempotencyKey;
use crate::usecases::apply::{self, ApplicationCreated};
use crate::usecases::idempotency::Answer;

/// The application form. Every field is checked and every problem reported at once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "member": "non_member", "full_name": "札幌 花子", "workplace": "有限会社谷川企画",
    "phone": "0123-45-6789", "email": "hanako@example.jp", "email_confirmation": "hanako@example.jp",
    "privacy_consent": true, "checklist_answers": null
}))]
pub struct ApplyRequest {
    /// 会員/非会員 (required; null is reported with the other fields)
    #[serde(default)]
    pub member: Option<Membership>,
    /// 氏名 (any characters, e.g. 髙橋 𠮷子)
    pub full_name: String,
    /// 勤務先
    pub workplace: String,
    /// 個人電話番号; full-width digits are accepted and normalised.
    pub phone: String,
    pub email: String,
    /// Must equal `email`.
    pub email_confirmation: String,
    /// 個人情報保護方針への同意 (must be true)
    pub privacy_consent: bool,
    /// The 34 answers of the checklist (index 0 = question 1; true = はい), required when
    /// the training's `checklist_required` is true.
    #[serde(default)]
    pub checklist_answers: Option<Vec<Option<bool>>>,
}

/// 研修に申し込む
///
/// Confirms a seat (201, `status: confirmed`), or a place on the waiting list where the
/// training keeps one (`status: waitlisted`). The acknowledgement mail with the My Page and
/// cancellation links is queued in the same transaction; the links are never in this
/// response. Send an `Idempotency-Key` header to make retries safe: the same key and body
/// return the first answer; the same key with another body is a 422.
#[utoipa::path(tag = "applications", params(
        ("id" = i32, Path, description = "Training id"),
        ("Idempotency-Key" = Option<String>, Header, description = "A unique key per form submission, e.g. a UUID"),
    ),
    request_body = ApplyRequest,
    responses(
        (status = 201, body = ApplicationCreated),
        (status = 409, description = "training_full, already_applied, applications_not_open, applications_closed", body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/trainings/{id}/applications")]
pub async fn create_application(
    id: web::Path<i32>,
    key: IdempotencyKey,
    body: JsonBody<ApplyRequest>,
    st: web::Data<AppState>,
) -> Result<Answer, AppError> {
    let body = body.0;
    let key = key.with_request(&[&serde_json::to_vec(&body).map_err(AppError::internal)?]);
    let form = ApplicationForm {
        member: body.member,
        full_name: body.full_name,
        workplace: body.workplace,
        phone: body.phone,
        email: body.email,
        email_confirmation: body.email_confirmation,
        privacy_consent: body.privacy_consent,
        checklist_answers: body.checklist_answers,
    };
    apply::apply(&st.db, &st.config, &st.seats, id.into_inner(), form, key, st.clock.now()).await
}
