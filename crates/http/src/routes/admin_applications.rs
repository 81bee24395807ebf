//! Staff views of a training's applications and its checklist distribution.

use actix_web::{get, web};
use kenshu_domain::application::{Application, ApplicationStatus, Membership};
use kenshu_domain::attendance_by_hand::StaffNote;
use kenshu_domain::checklist::{Band, SECTIONS, VERSION};
use kenshu_domain::office::EntryChannel;
use kenshu_domain::text::search::{matches, search_key};
use kenshu_domain::time_jp::to_jst;
use kenshu_persistence::repos::{applications, staff_users};
use kenshu_persistence::Db;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use crate::auth::Viewer;
use crate::error::{AppError, Problem};
use crate::extract::PageQuery;
use crate::state::AppState;
use crate::usecases::trainings as usecase;

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffApplication {
    pub id: i32,
    pub status: ApplicationStatus,
    pub member: Membership,
    pub full_name: String,
    /// 資格・職名, printed before the name on the 受講証明書.
    pub job_title: Option<String>,
    pub workplace: String,
    pub phone: String,
    pub email: String,
    pub checklist: Option<ChecklistResult>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub cancelled_at: Option<OffsetDateTime>,
    /// ふりがな, when staff took it down.
    pub furigana: Option<String>,
    /// 住所, when staff took it down.
    pub address: Option<String>,
    /// Set when staff entered the application on someone's behalf.
    pub entered_by_staff: Option<StaffEntryInfo>,
    /// Why staff cancelled it.
    pub cancel_reason: Option<String>,
    /// 出席確認時間・受講確認時間, and which of them staff recorded by hand.
    pub attendance: StaffAttendance,
}

/// The two times of the day as staff see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffAttendance {
    /// 出席確認時間 (Japan time): the start code, or staff's record.
    #[serde(with = "time::serde::rfc3339::option")]
    pub checked_in_at: Option<OffsetDateTime>,
    /// 受講確認時間 (Japan time): the end code, or staff's record.
    #[serde(with = "time::serde::rfc3339::option")]
    pub checked_out_at: Option<OffsetDateTime>,
    /// Set when staff recorded 出席確認時間 by hand (事務局が記録); null for the code.
    pub checked_in_by_staff: Option<StaffAttendanceNote>,
    /// Set when staff recorded 受講確認時間 by hand; null for the code.
    pub checked_out_by_staff: Option<StaffAttendanceNote>,
}

/// Who recorded a time by hand, and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffAttendanceNote {
    /// 記録の理由
    pub reason: String,
    /// The staff account's email (null if unknown).
    pub staff_email: Option<String>,
}

/// Who entered an application for the applicant, and how it came.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffEntryInfo {
    pub channel: EntryChannel,
    /// 電話 / FAX / 窓口 / その他
    pub channel_label: &'static str,
    /// The staff account's email (null if the account is gone).
    pub staff_email: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistResult {
    pub yes_count: u8,
    pub band: Band,
    pub band_label: &'static str,
    /// はい per section, in the order of the form's five sections.
    pub section_yes: Vec<u8>,
}

impl StaffApplication {
    /// One application, naming the staff account that entered it.
    pub async fn shown(db: &Db, a: Application) -> Result<Self, AppError> {
        let ids = staff_ids(std::slice::from_ref(&a));
        let staff = staff_users::emails(db, &ids).await?;
        Ok(Self::new(a, &staff))
    }

    fn new(a: Application, staff: &HashMap<i32, String>) -> Self {
        let office = a.office;
        let note = |n: Option<StaffNote>| {
            n.map(|n| StaffAttendanceNote {
                staff_email: n.by.and_then(|id| staff.get(&id).cloned()),
                reason: n.reason,
            })
        };
        let day = a.day;
        let attendance = StaffAttendance {
            checked_in_at: day.attendance.checked_in_at.map(to_jst),
            checked_out_at: day.attendance.checked_out_at.map(to_jst),
            checked_in_by_staff: note(day.by_staff.checked_in),
            checked_out_by_staff: note(day.by_staff.checked_out),
        };
        Self {
            attendance,
            furigana: office.furigana,
            address: office.address,
            entered_by_staff: office.entry_channel.map(|channel| StaffEntryInfo {
                channel,
                channel_label: channel.label(),
                staff_email: office.entered_by.and_then(|id| staff.get(&id).cloned()),
            }),
            cancel_reason: office.cancel_reason,
            id: a.id,
            status: a.status,
            member: a.member,
            checklist: a.checklist.map(|c| ChecklistResult {
                yes_count: c.score.yes_count,
                band: c.score.band,
                band_label: c.score.band.label(),
                section_yes: c.score.section_yes.to_vec(),
            }),
            full_name: a.full_name,
            job_title: a.job_title,
            workplace: a.workplace,
            phone: a.phone,
            email: a.email,
            created_at: to_jst(a.created_at),
            cancelled_at: a.cancelled_at.map(to_jst),
        }
    }
}

/// The staff accounts an application names: who entered it, who recorded its times.
fn staff_ids(items: &[Application]) -> Vec<i32> {
    let by_staff = |a: &Application| {
        let marks = &a.day.by_staff;
        [marks.checked_in.as_ref(), marks.checked_out.as_ref()]
            .into_iter()
            .flatten()
            .filter_map(|n| n.by)
            .collect::<Vec<_>>()
    };
    items.iter().flat_map(|a| a.office.entered_by.into_iter().chain(by_staff(a))).collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffApplicationListResponse {
    pub items: Vec<StaffApplication>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationFilter {
    /// Only applications in this status.
    pub status: Option<ApplicationStatus>,
    /// 検索: part of the name, ふりがな, address or phone. Width, katakana/hiragana, spaces
    /// and hyphens do not matter (ｻｯﾎﾟﾛ finds さっぽろ, 0123456789 finds 0123-45-6789).
    pub q: Option<String>,
}

/// 申込者一覧
///
/// In the order applications arrived, paged; `q` searches by name, ふりがな, address or phone.
#[utoipa::path(tag = "admin", security(("bearer" = [])),
    params(("id" = i32, Path, description = "Training id"), PageQuery, ApplicationFilter),
    responses(
        (status = 200, body = StaffApplicationListResponse),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/applications")]
pub async fn list_applications(
    _user: Viewer,
    id: web::Path<i32>,
    query: web::Query<PageQuery>,
    filter: web::Query<ApplicationFilter>,
    st: web::Data<AppState>,
) -> Result<web::Json<StaffApplicationListResponse>, AppError> {
    let page = query.page()?;
    let training = usecase::get(&st.db, id.into_inner()).await?;
    let query = filter.q.as_deref().map(search_key).filter(|q| !q.is_empty());
    let (items, total) = match query {
        None => applications::list(&st.db, training.id, filter.status, page).await?,
        Some(q) => {
            let found: Vec<Application> = applications::list_all(&st.db, training.id)
                .await?
                .into_iter()
                .filter(|a| filter.status.is_none_or(|s| a.status == s))
                .filter(|a| {
                    let office = &a.office;
                    let fields = [Some(a.full_name.as_str()), office.furigana.as_deref(), office.address.as_deref()];
                    matches(&q, fields.into_iter().flatten().chain([a.phone.as_str()]))
                })
                .collect();
            let total = found.len() as u64;
            (found.into_iter().skip(page.offset() as usize).take(page.per_page as usize).collect(), total)
        }
    };
    tracing::info!(training.id = training.id, count = items.len(), "staff read applications");
    let staff = staff_users::emails(&st.db, &staff_ids(&items)).await?;
    Ok(web::Json(StaffApplicationListResponse {
        items: items.into_iter().map(|a| StaffApplication::new(a, &staff)).collect(),
        page: page.page,
        per_page: page.per_page,
        total,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistSummary {
    pub version: &'static str,
    /// Live applications that answered the checklist.
    pub respondents: u64,
    pub bands: Vec<BandCount>,
    pub sections: Vec<SectionRate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BandCount {
    pub band: Band,
    pub label: &'static str,
    pub count: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SectionRate {
    pub title: &'static str,
    pub question_count: u8,
    /// Share of はい over all respondents' answers in the section, 0–1.
    pub yes_rate: f64,
}

impl ChecklistSummary {
    /// How many answered, per band, and the share of はい per section.
    fn of(scores: &[(Band, Vec<u8>)]) -> Self {
        let respondents = scores.len() as u64;
        let bands = Band::ALL
            .iter()
            .map(|band| BandCount {
                band: *band,
                label: band.label(),
                count: scores.iter().filter(|(b, _)| b == band).count() as u64,
            })
            .collect();
        let sections = SECTIONS
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let question_count = s.last - s.first + 1;
                let yes: u64 = scores.iter().map(|(_, per)| u64::from(per.get(i).copied().unwrap_or(0))).sum();
                let asked = respondents * u64::from(question_count);
                SectionRate {
                    title: s.title,
                    question_count,
                    yes_rate: if asked == 0 { 0.0 } else { yes as f64 / asked as f64 },
                }
            })
            .collect();
        ChecklistSummary { version: VERSION, respondents, bands, sections }
    }
}

/// チェック表の集計
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, body = ChecklistSummary),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/checklist-summary")]
pub async fn checklist_summary(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<ChecklistSummary>, AppError> {
    let training = usecase::get(&st.db, id.into_inner()).await?;
    let scores = applications::checklist_scores(&st.db, training.id).await?;
    Ok(web::Json(ChecklistSummary::of(&scores)))
}
