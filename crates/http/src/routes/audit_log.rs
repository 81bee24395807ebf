//! The audit log, for admins: who did what, when, to which training, from where.

use actix_web::{get, web};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::FieldIssue;
use kenshu_persistence::repos::audit_log::{self, AuditEntry, AuditFilter};
use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};
use utoipa::{IntoParams, ToSchema};

use crate::auth::AdminUser;
use crate::error::{AppError, Problem};
use crate::extract::PageQuery;
use crate::state::AppState;

/// One recorded action. It names accounts, routes and ids, never a person's data.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryResponse {
    pub id: i32,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// `staff` (a signed-in account) or `token` (an integration's API token).
    #[schema(example = "staff")]
    pub actor_kind: String,
    /// The account or token id; absent for a failed sign-in.
    pub actor_id: Option<i32>,
    #[schema(example = "admin")]
    pub role: Option<String>,
    /// Method and route pattern.
    #[schema(example = "POST /api/v1/admin/trainings/{id}/close")]
    pub action: String,
    pub training_id: Option<i32>,
    /// Other numeric path parameters, e.g. `id=12` (an application) or `file_id=3`.
    pub target: Option<String>,
    /// The HTTP status answered.
    pub status: i32,
    /// The client's address (as `KENSHU_TRUSTED_PROXIES` reads it).
    pub client: Option<String>,
}

impl From<AuditEntry> for AuditEntryResponse {
    fn from(e: AuditEntry) -> Self {
        Self {
            id: e.id,
            at: to_jst(e.at),
            actor_kind: e.actor_kind,
            actor_id: e.actor_id,
            role: e.role,
            action: e.action,
            training_id: e.training_id,
            target: e.target,
            status: e.status,
            client: e.client,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditLogResponse {
    pub items: Vec<AuditEntryResponse>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

/// staff / token
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ActorKindFilter {
    Staff,
    Token,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditLogQuery {
    /// Only this kind of actor.
    #[param(inline)]
    pub actor_kind: Option<ActorKindFilter>,
    /// Only this account or token (with `actor_kind`).
    pub actor_id: Option<i32>,
    pub training_id: Option<i32>,
    /// Part of the action, e.g. `close` or `certificates.zip`.
    pub action: Option<String>,
    /// First day (JST), `YYYY-MM-DD`; empty is no limit.
    #[param(example = "2026-12-01", pattern = r"^\s*([0-9]{4}-[0-9]{2}-[0-9]{2})?\s*$")]
    pub from: Option<String>,
    /// Last day (JST, included), `YYYY-MM-DD`, not before `from`; empty is no limit.
    #[param(example = "2026-12-31", pattern = r"^\s*([0-9]{4}-[0-9]{2}-[0-9]{2})?\s*$")]
    pub to: Option<String>,
}

/// 監査ログ
///
/// Newest first, filtered by actor, training, action and a range of days (JST). Admins only.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(PageQuery, AuditLogQuery), responses(
    (status = 200, body = AuditLogResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/audit-log")]
pub async fn list_audit_log(
    _admin: AdminUser,
    page: web::Query<PageQuery>,
    query: web::Query<AuditLogQuery>,
    st: web::Data<AppState>,
) -> Result<web::Json<AuditLogResponse>, AppError> {
    let page = page.page()?;
    let filter = filter(&query)?;
    let (items, total) = audit_log::list(&st.db, &filter, page).await?;
    Ok(web::Json(AuditLogResponse {
        items: items.into_iter().map(Into::into).collect(),
        page: page.page,
        per_page: page.per_page,
        total,
    }))
}

fn filter(query: &AuditLogQuery) -> Result<AuditFilter, AppError> {
    let mut issues = Vec::new();
    let mut day = |field: &str, label: &str, text: &Option<String>| match text.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => parse_day(text).or_else(|| {
            issues.push(FieldIssue::new(field, "date", format!("{label}はYYYY-MM-DDの形式で入力してください")));
            None
        }),
    };
    let from = day("from", "開始日", &query.from);
    let to = day("to", "終了日", &query.to);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            issues.push(FieldIssue::new("to", "range", "終了日は開始日以降の日付を入力してください"));
        }
    }
    if !issues.is_empty() {
        return Err(AppError::validation(issues));
    }
    let jst = UtcOffset::from_hms(9, 0, 0).expect("JST");
    let start = |d: Date| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_offset(jst);
    Ok(AuditFilter {
        actor_kind: query.actor_kind.map(|k| if k == ActorKindFilter::Staff { "staff" } else { "token" }.to_owned()),
        actor_id: query.actor_id,
        training_id: query.training_id,
        action: query.action.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned),
        from: from.map(start),
        until: to.map(|d| start(d) + Duration::days(1)),
    })
}

/// `2026-12-01` → that date.
fn parse_day(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}
