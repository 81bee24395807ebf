//! 発行者の設定: the issuer, representative and seal every 受講証明書 prints.

use actix_web::{get, put, web, HttpRequest};
use kenshu_domain::certificate::{VerificationCode, SEAL_MAX_BYTES};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::organiser::{self as repo, Organiser};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::auth::{AdminUser, StaffUser, Viewer};
use crate::error::{AppError, Problem};
use crate::routes::admin_practical::render_pdf;
use crate::state::AppState;
use crate::transport::{Download, PartLimit, Parts};
use crate::usecases::organiser::{self as usecase, SettingsInput};

/// The organiser's settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganiserView {
    /// 発行者 (一般社団法人札幌市介護支援専門員連絡協議会)
    pub issuer: String,
    /// 代表者 (会長 由井 康博)
    pub representative: String,
    pub seal: Option<SealView>,
    /// When they were last saved; none before.
    #[serde(with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SealView {
    pub content_type: String,
    pub size_bytes: i32,
    /// Where staff fetch the image (with their token).
    pub url: String,
}

impl From<Organiser> for OrganiserView {
    fn from(o: Organiser) -> Self {
        OrganiserView {
            issuer: o.settings.issuer,
            representative: o.settings.representative,
            seal: o.seal.map(|s| SealView {
                content_type: s.content_type,
                size_bytes: s.size_bytes,
                url: format!("/api/v1/admin/organiser/seal?v={}", s.id),
            }),
            updated_at: o.updated_at.map(kenshu_domain::time_jp::to_jst),
        }
    }
}

/// The settings form (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct OrganiserForm {
    /// 発行者, one line, at most 100 characters.
    issuer: String,
    /// 代表者, one line, at most 60 characters.
    representative: String,
    /// 印影: PNG or JPEG, at most 1MB, recognised by content; the current one is kept when
    /// none is sent.
    #[schema(value_type = Option<String>, format = Binary)]
    seal: Option<Vec<u8>>,
    /// `true` removes the current seal.
    remove_seal: Option<bool>,
}

const TEXT_LIMIT: usize = 4 * 1024;
const PARTS: [PartLimit; 4] = [
    // Read a little past the limit so that a larger seal is reported, not cut.
    PartLimit { name: "seal", keep: SEAL_MAX_BYTES + 1, max: SEAL_MAX_BYTES + 1 },
    PartLimit::up_to("issuer", TEXT_LIMIT),
    PartLimit::up_to("representative", TEXT_LIMIT),
    PartLimit::up_to("remove_seal", 16),
];
const REQUEST_LIMIT: usize = SEAL_MAX_BYTES + 1 + 3 * TEXT_LIMIT + 64 * 1024;

/// 発行者の設定を見る
#[utoipa::path(tag = "admin", security(("bearer" = [])), responses(
    (status = 200, body = OrganiserView),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/organiser")]
pub async fn get_organiser(_user: Viewer, st: web::Data<AppState>) -> Result<web::Json<OrganiserView>, AppError> {
    Ok(web::Json(repo::get(&st.db).await?.into()))
}

/// 発行者の設定を保存する（管理者のみ）
#[utoipa::path(tag = "admin", security(("bearer" = [])),
    request_body(content = OrganiserForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, body = OrganiserView),
        (status = 413, description = "payload_too_large: a seal over 1MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "unsupported_file_type: not a PNG or JPEG", body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/admin/organiser")]
pub async fn put_organiser(
    _user: AdminUser,
    req: HttpRequest,
    payload: web::Payload,
    st: web::Data<AppState>,
) -> Result<web::Json<OrganiserView>, AppError> {
    let mut parts = Parts::read(&req, payload, &PARTS, REQUEST_LIMIT).await?;
    let mut text = |name| parts.take(name).and_then(|p| p.text()).unwrap_or_default();
    let (issuer, representative, remove) = (text("issuer"), text("representative"), text("remove_seal"));
    let seal = parts.take("seal").map(|p| p.bytes);
    let input = SettingsInput { issuer, representative, seal, remove_seal: remove == "true" };
    Ok(web::Json(usecase::save(&st.db, input, st.clock.now()).await?.into()))
}

/// 印影の画像
#[utoipa::path(tag = "admin", security(("bearer" = [])), responses(
    (status = 200, description = "The seal image, PNG or JPEG as uploaded", content((Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"))),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/organiser/seal")]
pub async fn download_seal(_user: Viewer, st: web::Data<AppState>) -> Result<Download, AppError> {
    let not_found = || AppError::new(ErrorCode::FileNotFound).with_detail("印影が登録されていません");
    let seal = repo::get(&st.db).await?.seal.ok_or_else(not_found)?;
    let (content_type, bytes) = repo::seal(&st.db, seal.id).await?.ok_or_else(not_found)?;
    let extension = if content_type == "image/png" { "png" } else { "jpg" };
    Ok(Download::personal(content_type, format!("印影.{extension}"), bytes))
}

/// 受講証明書の見本（PDF）: a sample with the current settings, for checking the layout
#[utoipa::path(tag = "admin", security(("bearer" = [])), responses(
    (status = 200, description = "A sample certificate", content_type = "application/pdf"),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
    (status = 503, body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/organiser/preview.pdf")]
pub async fn preview_certificate(_user: StaffUser, st: web::Data<AppState>) -> Result<Download, AppError> {
    let organiser = repo::get(&st.db).await?;
    let mut sample = kenshu_pdf::samples::attendance_certificate();
    sample.issuer = organiser.settings.issuer;
    sample.representative = organiser.settings.representative;
    sample.seal = st.seal_images.get(&st.db, organiser.seal.map(|seal| seal.id)).await?;
    let code = VerificationCode::parse("0000000000000000000A").map_err(AppError::internal)?;
    sample.verification = kenshu_pdf::Verification { code: code.grouped(), url: code.url(&st.config.public_url) };
    let pdf = render_pdf(&st, move |font| kenshu_pdf::attendance_certificate(&sample, font)).await?;
    Ok(Download::personal("application/pdf", "受講証明書_見本.pdf", pdf))
}
