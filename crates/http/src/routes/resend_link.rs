//! マイページURLの再送 on the training's public page.

use actix_web::{post, web, HttpResponse};
use kenshu_domain::text::contact::Email;
use kenshu_domain::FieldIssue;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::transport::ClientAddress;
use crate::usecases::{resend_link, trainings};

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"email": "hanako@example.jp"}))]
pub struct ResendRequest {
    /// The address the application was made with.
    pub email: String,
}

/// The same answer whether or not the address applied.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResendAnswer {
    pub message: &'static str,
}

pub const RESEND_ANSWER: &str =
    "このメールアドレスでお申込みがある場合、新しいマイページURLを記載したメールをお送りしました。\
     以前のマイページURLは使えなくなります。メールが届かない場合は、お問い合わせ先へご連絡ください。";

/// マイページURLの再送
///
/// 202 with the same body whether or not the address holds a live application (then the
/// old links stop working and a mail with new ones is queued). Limited per client address
/// and per address asked about (429 with Retry-After).
#[utoipa::path(tag = "applications", params(("id" = i32, Path, description = "Training id")),
    request_body = ResendRequest, responses(
    (status = 202, body = ResendAnswer),
    (status = 422, body = Problem, content_type = "application/problem+json"),
    (status = 429, body = Problem, content_type = "application/problem+json"),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/trainings/{id}/my-page-link")]
pub async fn resend_my_page_link(
    id: web::Path<i32>,
    client: ClientAddress,
    body: JsonBody<ResendRequest>,
    st: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let email = Email::parse(&body.0.email)
        .map_err(|message| AppError::validation(vec![FieldIssue::new("email", "invalid_email", message)]))?;
    let training = trainings::get_public(&st.db, id.into_inner()).await?;
    st.resend_limiter.check(client.0, training.id, email.normalized()).map_err(AppError::too_many_requests)?;
    resend_link::resend(&st.db, &st.config, training.id, email.normalized(), st.clock.now()).await?;
    Ok(HttpResponse::Accepted().json(ResendAnswer { message: RESEND_ANSWER }))
}
