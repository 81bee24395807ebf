//! 受講証明書 and verification (SPEC §7): the participant's download on My Page, staff's
//! download of a whole training (ZIP or one PDF), the public verification and revocation.

use std::io::Write;

use actix_web::{get, post, web};
use kenshu_domain::certificate::CertificateKind;
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::certificates::{self as repo, CertificateRecord};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::ToSchema;

use crate::auth::{StaffUser, Viewer};
use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::routes::admin_practical::render_pdf;
use crate::state::AppState;
use crate::transport::Download;
use crate::usecases::cancel::open;
use crate::usecases::certificates as usecase;
use crate::usecases::trainings::get;

/// 受講証明書をダウンロードする: the first download issues it (numbered), later ones give the
/// same document.
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")), responses(
    (status = 200, description = "The certificate", content_type = "application/pdf"),
    (status = 409, description = "certificate_not_offered, certificate_not_ready, certificate_withheld, certificate_revoked", body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/{key}/certificate.pdf")]
pub async fn download_my_certificate(key: web::Path<String>, st: web::Data<AppState>) -> Result<Download, AppError> {
    let (application, training) = open(&st.db, &key).await?;
    let record = usecase::issue(&st.db, &st.certificate_desk, &application, &training, st.clock.now()).await?;
    let document = usecase::document(&st.db, &st.config.public_url, &record, &st.seal_images).await?;
    let pdf = render_pdf(&st, move |font| kenshu_pdf::attendance_certificate(&document, font)).await?;
    Ok(Download::personal("application/pdf", format!("受講証明書_No{}.pdf", record.number.unwrap_or_default()), pdf))
}

/// One issued certificate as staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffCertificate {
    pub id: i32,
    pub kind: CertificateKind,
    /// The 受講証明書's No.; none for a 修了証書 (it prints its own number).
    pub number: Option<i32>,
    pub fiscal_year: i32,
    pub holder_name: String,
    pub verification_code: String,
    #[serde(with = "time::serde::rfc3339")]
    pub issued_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    pub revoked_reason: Option<String>,
}

impl From<CertificateRecord> for StaffCertificate {
    fn from(r: CertificateRecord) -> Self {
        StaffCertificate {
            id: r.id,
            kind: r.kind,
            number: r.number,
            fiscal_year: r.fiscal_year,
            holder_name: r.holder_name,
            verification_code: r.code.grouped(),
            issued_at: to_jst(r.issued_at),
            revoked_at: r.revocation.as_ref().map(|v| to_jst(v.at)),
            revoked_reason: r.revocation.map(|v| v.reason),
        }
    }
}

/// 発行済みの証明書（研修ごと）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, body = Vec<StaffCertificate>),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/certificates")]
pub async fn list_certificates(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<Vec<StaffCertificate>>, AppError> {
    let training = get(&st.db, id.into_inner()).await?;
    let mut all = repo::list_for_training(&st.db, training.id, CertificateKind::Attendance).await?;
    all.extend(repo::list_for_training(&st.db, training.id, CertificateKind::Completion).await?);
    Ok(web::Json(all.into_iter().map(StaffCertificate::from).collect()))
}

async fn training_documents(
    st: &AppState,
    id: i32,
) -> Result<Vec<(CertificateRecord, kenshu_pdf::AttendanceCertificate)>, AppError> {
    let training = get(&st.db, id).await?;
    if !training.plan.issues_certificate {
        return Err(AppError::new(ErrorCode::CertificateNotOffered).with_detail("この研修は受講証明書を発行しません"));
    }
    let documents = usecase::for_training(
        &st.db,
        &st.certificate_desk,
        &st.seal_images,
        &st.config.public_url,
        &training,
        st.clock.now(),
    )
    .await?;
    if documents.is_empty() {
        return Err(AppError::new(ErrorCode::CertificateNotReady).with_detail("発行できる受講証明書がまだありません"));
    }
    Ok(documents)
}

/// 受講証明書を一括ダウンロードする（ZIP）: one PDF per participant; issues the missing ones
/// of those who are due.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, description = "A ZIP of PDFs", content_type = "application/zip"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/certificates.zip")]
pub async fn download_certificates_zip(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<Download, AppError> {
    let id = id.into_inner();
    let documents = training_documents(&st, id).await?;
    let zip = render_pdf(&st, move |font| zip_of(&documents, font)).await?;
    Ok(Download::personal("application/zip", format!("受講証明書_研修{id}.zip"), zip))
}

fn zip_of(
    documents: &[(CertificateRecord, kenshu_pdf::AttendanceCertificate)],
    font: &kenshu_pdf::Font,
) -> Result<Vec<u8>, kenshu_pdf::PdfError> {
    let failed = |e: &dyn std::fmt::Display| kenshu_pdf::PdfError::Write(format!("zip: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (record, document) in documents {
        let pdf = kenshu_pdf::attendance_certificate(document, font)?;
        let name: String = record.holder_name.chars().filter(|c| !"/\\:*?\"<>|".contains(*c)).collect();
        let filename = format!("受講証明書_No{:04}_{}.pdf", record.number.unwrap_or_default(), name.replace(' ', "_"));
        zip.start_file(filename, options).map_err(|e| failed(&e))?;
        zip.write_all(&pdf).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}

/// 受講証明書を一括ダウンロードする（印刷用PDF）: one page per participant, in number order.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, description = "One PDF, a page each", content_type = "application/pdf"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/certificates.pdf")]
pub async fn download_certificates_pdf(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<Download, AppError> {
    let id = id.into_inner();
    let documents: Vec<_> = training_documents(&st, id).await?.into_iter().map(|(_, d)| d).collect();
    let pdf = render_pdf(&st, move |font| kenshu_pdf::attendance_certificates(&documents, font)).await?;
    Ok(Download::personal("application/pdf", format!("受講証明書_研修{id}.pdf"), pdf))
}

/// Whether a certificate is genuine.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    /// Issued by Kenshu and in force.
    Genuine,
    /// Issued, then revoked by the office.
    Revoked,
}

/// What the verification page says, and nothing more: genuine or not, and for whom.
#[derive(Debug, Serialize, ToSchema)]
pub struct Verification {
    pub validity: Validity,
    pub kind: CertificateKind,
    /// 受講証明書 / 修了証書
    pub document: String,
    pub holder_name: String,
    pub training_title: String,
    /// 令和2年11月06日(金) 09:30～10:00, or the period of a 修了証書.
    pub held: String,
    /// 30分, 2時間 …; none for a 修了証書.
    pub hours: Option<String>,
    /// The day it was revoked.
    pub revoked_on: Option<Date>,
}

/// 証明書の真偽を確認する（公開）
#[utoipa::path(tag = "certificates", params(("code" = String, Path, description = "The verification code printed on the certificate: 20 characters of Crockford base 32 (no I, L, O, U; either case), hyphens and spaces ignored", pattern = r"^[- ]*(?:[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z][- ]*){20}$")),
    responses(
        (status = 200, body = Verification),
        (status = 404, description = "certificate_not_found", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "invalid_verification_code", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/certificates/verify/{code}")]
pub async fn verify_certificate(
    code: web::Path<String>,
    st: web::Data<AppState>,
) -> Result<web::Json<Verification>, AppError> {
    let r = usecase::verify(&st.db, &code).await?;
    Ok(web::Json(Verification {
        validity: if r.revocation.is_some() { Validity::Revoked } else { Validity::Genuine },
        kind: r.kind,
        document: r.kind.label().to_owned(),
        holder_name: r.holder_name,
        training_title: r.training_title,
        held: r.held,
        hours: r.hours,
        revoked_on: r.revocation.map(|v| to_jst(v.at).date()),
    }))
}

/// A revocation.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RevokeBody {
    /// Why (kept and shown to staff; the public page only says it was revoked).
    #[serde(default)]
    pub reason: String,
}

/// 証明書を取り消す（理由が必要）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Certificate id")),
    request_body = RevokeBody,
    responses(
        (status = 200, body = StaffCertificate),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/admin/certificates/{id}/revoke")]
pub async fn revoke_certificate(
    user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<RevokeBody>,
    st: web::Data<AppState>,
) -> Result<web::Json<StaffCertificate>, AppError> {
    let record = usecase::revoke(&st.db, id.into_inner(), &body.0.reason, user.0.user_id, st.clock.now()).await?;
    Ok(web::Json(record.into()))
}
