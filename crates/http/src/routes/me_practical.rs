//! マイページ of a practical-training applicant (issue 10): the key from the
//! acknowledgement mail opens the status, the 受講可否通知 once sent, the 修了証書 once
//! completed, and cancellation (POST only, after a confirmation page).

use actix_web::{get, post, web};
use kenshu_domain::selection::{requirement_line, training_period, ApplicantStatus, NoticeGround};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::wareki::format_span;
use kenshu_domain::ErrorCode;
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::error::{AppError, Problem};
use crate::routes::admin_practical::render_pdf;
use crate::state::AppState;
use crate::transport::Download;
use crate::usecases::practical_my_page as usecase;

/// What the applicant sees.
#[derive(Debug, Serialize, ToSchema)]
pub struct PracticalMyPage {
    /// 受付番号
    pub receipt_number: i32,
    pub status: ApplicantStatus,
    /// 受付済み / 選考中 / 受講決定 / キャンセル待ち / 受講不可 / 修了 / キャンセル済み
    pub status_label: String,
    pub full_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
    /// The exercise schedule of an acceptance: 第1日程（令和9年6月7日(月) 9:30〜16:30）.
    pub schedule: Option<String>,
    /// The place on the waiting list.
    pub waitlist_position: Option<u32>,
    /// Why not: 申込多数のため, or the requirements not met, one line each.
    pub reasons: Vec<String>,
    /// The 受講可否通知 (PDF) once it has been sent.
    pub notice_url: Option<String>,
    /// The 修了証書 (PDF) once completed.
    pub certificate_url: Option<String>,
    pub can_cancel: bool,
    pub training: PracticalMyTraining,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticalMyTraining {
    pub id: i32,
    pub title: String,
    pub organiser: String,
    /// 講義日程 as printed.
    pub lectures: String,
    pub period_start: time::Date,
    pub period_end: time::Date,
    pub venue: String,
    pub contact: String,
}

fn page(key: &str, v: usecase::View) -> PracticalMyPage {
    let a = &v.record.application;
    let plan = &v.training.plan;
    let status = ApplicantStatus::of(a.state);
    let base = format!("/api/v1/me/practical/{key}");
    let (period_start, period_end) = training_period(&v.training);
    let (waitlist_position, reasons) = match &v.ground {
        Some(NoticeGround::Waitlisted { position }) => (*position, vec![]),
        Some(NoticeGround::Oversubscribed) => (None, vec!["申込多数のため".to_owned()]),
        Some(NoticeGround::NotEligible { failed }) => {
            let mut lines = vec!["受講要件を満たしていないため".to_owned()];
            lines.extend(failed.iter().map(requirement_line));
            (None, lines)
        }
        _ => (None, vec![]),
    };
    let notified = matches!(
        status,
        ApplicantStatus::Accepted
            | ApplicantStatus::Waitlisted
            | ApplicantStatus::Rejected
            | ApplicantStatus::Completed
    );
    PracticalMyPage {
        receipt_number: a.id,
        status,
        status_label: status.label().to_owned(),
        full_name: a.form.applicant.full_name.clone(),
        submitted_at: to_jst(a.submitted_at),
        schedule: match status {
            ApplicantStatus::Accepted | ApplicantStatus::Completed => plan
                .exercise_schedules
                .iter()
                .find(|s| s.id.is_some() && s.id == a.schedule_id)
                .map(crate::mail::practical::schedule_line),
            _ => None,
        },
        waitlist_position,
        reasons,
        notice_url: notified.then(|| format!("{base}/notice.pdf")),
        certificate_url: (status == ApplicantStatus::Completed).then(|| format!("{base}/certificate.pdf")),
        can_cancel: status.can_cancel(),
        training: PracticalMyTraining {
            id: v.training.id,
            title: plan.title.clone(),
            organiser: plan.organiser.clone(),
            lectures: format_span(plan.starts_at, plan.ends_at),
            period_start,
            period_end,
            venue: plan.venue.clone(),
            contact: plan.contact.clone(),
        },
    }
}

/// 実践研修のマイページ
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")), responses(
    (status = 200, body = PracticalMyPage),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/practical/{key}")]
pub async fn get_practical_my_page(
    key: web::Path<String>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalMyPage>, AppError> {
    Ok(web::Json(page(&key, usecase::view(&st.db, &key).await?)))
}

/// 実践研修の申込をキャンセルする
///
/// Only this POST cancels (the page asks first). A freed place goes to the next waiting
/// applicant, as when the office cancels.
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")), responses(
    (status = 200, body = PracticalMyPage),
    (status = 409, description = "already_cancelled, invalid_selection_transition", body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[post("/me/practical/{key}/cancel")]
pub async fn cancel_practical_my_application(
    key: web::Path<String>,
    st: web::Data<AppState>,
) -> Result<web::Json<PracticalMyPage>, AppError> {
    usecase::cancel(&st.db, &key, st.clock.now()).await?;
    Ok(web::Json(page(&key, usecase::view(&st.db, &key).await?)))
}

/// 受講可否通知（PDF）, once sent
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")), responses(
    (status = 200, description = "The letter", content_type = "application/pdf"),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/practical/{key}/notice.pdf")]
pub async fn download_my_practical_notice(
    key: web::Path<String>,
    st: web::Data<AppState>,
) -> Result<Download, AppError> {
    let v = usecase::view(&st.db, &key).await?;
    if v.ground.is_none() {
        return Err(AppError::new(ErrorCode::NotDecided));
    }
    let id = v.record.application.id;
    let letter = crate::usecases::practical_documents::notice_letter(&st.db, id, st.clock.now()).await?;
    let pdf = render_pdf(&st, move |font| kenshu_pdf::notice_letter(&letter, font)).await?;
    Ok(Download::personal("application/pdf", format!("受講可否通知_{id}.pdf"), pdf))
}

/// 修了証書（PDF）, once completed
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")), responses(
    (status = 200, description = "The certificate", content_type = "application/pdf"),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/practical/{key}/certificate.pdf")]
pub async fn download_my_practical_certificate(
    key: web::Path<String>,
    st: web::Data<AppState>,
) -> Result<Download, AppError> {
    let id = usecase::view(&st.db, &key).await?.record.application.id;
    let certificate =
        crate::usecases::practical_documents::completion_certificate(&st.db, id, &st.config.public_url).await?;
    let pdf = render_pdf(&st, move |font| kenshu_pdf::completion_certificate(&certificate, font)).await?;
    Ok(Download::personal("application/pdf", format!("修了証書_{id}.pdf"), pdf))
}
