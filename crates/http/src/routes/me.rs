//! マイページ: what an applicant sees through the key in their mail.

use actix_web::{get, post, web};
use kenshu_domain::application::{can_cancel, Application, ApplicationStatus, Membership};
use kenshu_domain::file::TrainingFile;
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::{Format, Training};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::{applications, training_files};
use serde::Serialize;
use time::{Duration, OffsetDateTime};
use utoipa::ToSchema;

use crate::error::{AppError, Problem};
use crate::routes::trainings::dto::PublicFile;
use crate::routes::trainings::files::file_download;
use crate::state::AppState;
use crate::transport::{Download, Privacy};
use crate::usecases::cancel::{self, open};

#[derive(Debug, Serialize, ToSchema)]
pub struct MyPage {
    pub status: ApplicationStatus,
    /// Place on the waiting list, from 1.
    pub waitlist_position: Option<u64>,
    #[serde(with = "time::serde::rfc3339")]
    pub applied_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub cancelled_at: Option<OffsetDateTime>,
    /// Whether the cancellation page may cancel (until the training starts).
    pub can_cancel: bool,
    pub applicant: MyApplicant,
    pub training: MyTraining,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyApplicant {
    pub full_name: String,
    pub workplace: String,
    pub member: Membership,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyTraining {
    pub id: i32,
    pub title: String,
    pub organiser: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    pub venue: String,
    pub format: Format,
    pub issues_certificate: bool,
    /// Only for confirmed applicants of online and hybrid trainings.
    pub zoom: Option<ZoomInfo>,
    /// 研修資料, Zoom操作方法, システム操作方法 …
    pub files: Vec<PublicFile>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ZoomInfo {
    pub url: String,
    pub meeting_id: Option<String>,
    pub passcode: Option<String>,
    /// When the room opens.
    #[serde(with = "time::serde::rfc3339")]
    pub room_opens_at: OffsetDateTime,
}

fn my_page(
    key: &str,
    application: &Application,
    training: &Training,
    files: &[TrainingFile],
    position: Option<u64>,
    now: OffsetDateTime,
) -> MyPage {
    let plan = &training.plan;
    let zoom = match (application.status, plan.format.uses_zoom(), &plan.zoom_url) {
        (ApplicationStatus::Confirmed, true, Some(url)) => Some(ZoomInfo {
            url: url.clone(),
            meeting_id: plan.zoom_meeting_id.clone(),
            passcode: plan.zoom_passcode.clone(),
            room_opens_at: to_jst(plan.starts_at - Duration::minutes(i64::from(plan.room_opens_minutes_before))),
        }),
        _ => None,
    };
    MyPage {
        status: application.status,
        waitlist_position: position,
        applied_at: to_jst(application.created_at),
        cancelled_at: application.cancelled_at.map(to_jst),
        can_cancel: can_cancel(application.status, training, now),
        applicant: MyApplicant {
            full_name: application.full_name.clone(),
            workplace: application.workplace.clone(),
            member: application.member,
        },
        training: MyTraining {
            id: training.id,
            title: plan.title.clone(),
            organiser: plan.organiser.clone(),
            starts_at: to_jst(plan.starts_at),
            ends_at: to_jst(plan.ends_at),
            venue: plan.venue.clone(),
            format: plan.format,
            issues_certificate: plan.issues_certificate,
            zoom,
            files: match application.status {
                ApplicationStatus::Cancelled => vec![],
                _ => files.iter().map(|f| PublicFile::linked(f, format!("/api/v1/me/{key}/files/{}", f.id))).collect(),
            },
        },
    }
}

async fn load(st: &AppState, key: &str) -> Result<MyPage, AppError> {
    let (application, training) = open(&st.db, key).await?;
    let files = training_files::list(&st.db, &[training.id], None).await?;
    let position = applications::waitlist_position(&st.db, &application).await?;
    Ok(my_page(key, &application, &training, &files, position, st.clock.now()))
}

/// マイページ
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")), responses(
    (status = 200, body = MyPage),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/{key}")]
pub async fn get_my_page(key: web::Path<String>, st: web::Data<AppState>) -> Result<web::Json<MyPage>, AppError> {
    Ok(web::Json(load(&st, &key).await?))
}

/// 申込をキャンセルする
///
/// Only this POST cancels: the link in the mail opens a confirmation page first, because
/// mail scanners follow links.
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")), responses(
    (status = 200, body = MyPage),
    (status = 409, description = "already_cancelled, cancel_closed", body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[post("/me/{key}/cancel")]
pub async fn cancel_application(
    key: web::Path<String>,
    st: web::Data<AppState>,
) -> Result<web::Json<MyPage>, AppError> {
    cancel::cancel(&st.db, &st.config, &key, st.clock.now()).await?;
    Ok(web::Json(load(&st, &key).await?))
}

/// 研修資料をダウンロードする（参加者）
#[utoipa::path(tag = "my_page",
    params(("key" = String, Path, description = "The key from the mail"), ("file_id" = i32, Path, description = "File id")),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/me/{key}/files/{file_id}")]
pub async fn download_my_file(path: web::Path<(String, i32)>, st: web::Data<AppState>) -> Result<Download, AppError> {
    let (key, file_id) = path.into_inner();
    let (application, training) = open(&st.db, &key).await?;
    if application.status == ApplicationStatus::Cancelled {
        return Err(AppError::new(ErrorCode::FileNotFound));
    }
    let (file, bytes) = training_files::find_content(&st.db, training.id, file_id, None)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::FileNotFound))?;
    // The path holds the key: no cache keeps it, whatever the file.
    Ok(Download { privacy: Privacy::Personal, ..file_download(&file, bytes) })
}
