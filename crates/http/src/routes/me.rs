//! マイページ: what an applicant sees through the key in their mail.

use actix_web::{get, post, web};
use kenshu_domain::application::{can_cancel, Application, ApplicationStatus, Membership};
use kenshu_domain::attendance::{certificate_state, CertificateState};
use kenshu_domain::day_codes::{self, CodeKind, Minutes, Screen, WindowState};
use kenshu_domain::file::TrainingFile;
use kenshu_domain::survey::{survey_state, SurveyState};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::{Format, Training};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::{applications, survey, training_files};
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
    /// The day of the training: codes, times and the certificate.
    pub day: MyDay,
}

/// What My Page shows on the day (seed 000 sections 3–5).
#[derive(Debug, Serialize, ToSchema)]
pub struct MyDay {
    /// Which screen: A before_check_in, B check_in, C waiting, D check_out, E done.
    pub screen: Screen,
    /// 開始番号
    pub check_in: CodeField,
    /// 終了番号
    pub check_out: CodeField,
    /// 出席確認時間 (Japan time)
    #[serde(with = "time::serde::rfc3339::option")]
    pub checked_in_at: Option<OffsetDateTime>,
    /// 受講確認時間 (Japan time)
    #[serde(with = "time::serde::rfc3339::option")]
    pub checked_out_at: Option<OffsetDateTime>,
    /// Where the 受講証明書 stands.
    pub certificate: CertificateState,
    /// The download, only once the certificate is ready.
    pub certificate_url: Option<String>,
    /// The Webアンケート (SPEC §8): open after the end code, answered once.
    pub survey: SurveyState,
}

/// One code field: its window, and why it is closed now.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeField {
    pub window: WindowState,
    #[serde(with = "time::serde::rfc3339")]
    pub opens_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub closes_at: OffsetDateTime,
    /// Whether the code may be entered now.
    pub open: bool,
    /// Why it cannot, with the training's own minutes (開始番号4ケタを入力できません。…);
    /// `null` when open or already entered.
    pub closed_reason: Option<String>,
}

fn code_field(kind: CodeKind, application: &Application, training: &Training, now: OffsetDateTime) -> CodeField {
    let window = day_codes::window(kind, &training.plan);
    let state = window.state(now);
    let attendance = &application.day.attendance;
    let open = day_codes::may_enter(kind, application.status, attendance, training, now).is_ok();
    let entered = match kind {
        CodeKind::Start => attendance.checked_in_at.is_some(),
        CodeKind::End => attendance.checked_out_at.is_some(),
    };
    let closed_reason = match () {
        _ if open || entered || application.status != ApplicationStatus::Confirmed => None,
        _ if kind == CodeKind::End && attendance.checked_in_at.is_none() && state != WindowState::NotYet => {
            Some("開始番号が入力されていないため、終了番号は入力できません。事務局にお問い合わせください。".into())
        }
        _ if state == WindowState::Open => {
            day_codes::may_enter(kind, application.status, attendance, training, now).err().map(|e| e.to_string())
        }
        _ => Some(day_codes::closed_reason(kind, &Minutes::of(&training.plan), state)),
    };
    CodeField {
        window: state,
        opens_at: to_jst(window.opens_at),
        closes_at: to_jst(window.closes_at),
        open,
        closed_reason,
    }
}

fn my_day(key: &str, application: &Application, training: &Training, has_survey: bool, now: OffsetDateTime) -> MyDay {
    let attendance = &application.day.attendance;
    let certificate = certificate_state(training.certificate_policy(), application.status, &application.day);
    MyDay {
        screen: day_codes::screen(application.status, attendance, &training.plan, now),
        check_in: code_field(CodeKind::Start, application, training, now),
        check_out: code_field(CodeKind::End, application, training, now),
        checked_in_at: attendance.checked_in_at.map(to_jst),
        checked_out_at: attendance.checked_out_at.map(to_jst),
        survey: survey_state(application.status, &application.day, has_survey),
        certificate_url: (certificate == CertificateState::Ready).then(|| format!("/api/v1/me/{key}/certificate.pdf")),
        certificate,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyApplicant {
    pub full_name: String,
    /// 資格・職名, as it will print on the 受講証明書.
    pub job_title: Option<String>,
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
    has_survey: bool,
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
        day: my_day(key, application, training, has_survey, now),
        applicant: MyApplicant {
            full_name: application.full_name.clone(),
            job_title: application.job_title.clone(),
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

pub async fn load(st: &AppState, key: &str) -> Result<MyPage, AppError> {
    let (application, training) = open(&st.db, key).await?;
    let files = training_files::list(&st.db, &[training.id], None).await?;
    let position = applications::waitlist_position(&st.db, &application).await?;
    let has_survey = survey::has_questions(&st.db, training.id).await?;
    Ok(my_page(key, &application, &training, &files, position, has_survey, st.clock.now()))
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
    cancel::cancel(&st.db, &st.config, &key, st.clock.now(), st.sold_out.hold_until_ms()).await?;
    st.sold_out.forget_all();
    Ok(web::Json(load(&st, &key).await?))
}

/// 研修資料をダウンロードする（参加者）
#[utoipa::path(tag = "my_page",
    params(("key" = String, Path, description = "The key from the mail"), ("file_id" = i32, Path, description = "File id")),
    responses(
        (status = 200, description = "The file, with the type its content was recognised as at upload (PDF, PNG, JPEG, DOCX, XLSX, PPTX)", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "image/png"),
            (Vec<u8> = "image/jpeg"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        )),
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
