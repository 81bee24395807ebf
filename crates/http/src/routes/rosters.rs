//! Rosters and their export (SPEC §9): 受講者名簿, 演習時の受講者名簿, 修了者名簿, 選考一覧 and
//! アンケート回答, per training or across a fiscal year, as CSV (UTF-8 with BOM or CP932) or
//! XLSX, with the columns picked in the order picked. Read by admin, staff and the prefecture.

use actix_web::{get, web};
use kenshu_domain::roster::{Column, ExportFormat, RosterKind, Substitution};
use kenshu_domain::time_jp::to_jst;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use crate::auth::Viewer;
use crate::error::{AppError, Problem};
use crate::state::AppState;
use crate::transport::export::{cp932_substitutions, Export};
use crate::usecases::rosters as usecase;

/// `?format=csv&columns=full_name,furigana`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// csv (UTF-8 with BOM, the default), csv-cp932 (older Excel) or xlsx.
    #[param(value_type = Option<RosterFormat>, inline, example = "csv")]
    pub format: Option<String>,
    /// Column keys separated by commas, in the order wanted; the defaults when absent.
    #[param(example = "no,full_name,furigana")]
    pub columns: Option<String>,
    /// 演習時の受講者名簿 only: one 演習日程.
    pub schedule_id: Option<i32>,
}

/// How a roster file is written.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
pub enum RosterFormat {
    Csv,
    CsvCp932,
    Xlsx,
}

/// The rosters that can be taken across trainings (アンケート回答 is per training).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum RosterKindAcross {
    Participants,
    Exercise,
    Completers,
    Selection,
}

/// `?columns=full_name,furigana`: the columns a CP932 export would hold.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// Column keys separated by commas; the defaults when absent.
    #[param(example = "no,full_name,furigana")]
    pub columns: Option<String>,
    /// 演習時の受講者名簿 only: one 演習日程.
    pub schedule_id: Option<i32>,
}

fn format(value: Option<&str>) -> Result<ExportFormat, AppError> {
    ExportFormat::parse(value.unwrap_or("csv")).map_err(|issue| AppError::validation(vec![issue]))
}

/// A roster's columns: what `columns=` may name.
#[derive(Debug, Serialize, ToSchema)]
pub struct RosterColumns {
    pub kind: RosterKind,
    /// 受講者名簿
    pub label: String,
    /// Every column in the default order; `default` ones are ticked when none is picked.
    pub columns: Vec<Column>,
}

/// 名簿を出力する（CSV / CP932 CSV / Excel）
#[utoipa::path(tag = "rosters", security(("bearer" = [])),
    params(("id" = i32, Path, description = "Training id"),
        ("kind" = RosterKind, Path, description = "participants, exercise, completers, selection or survey"), ExportQuery),
    responses(
        (status = 200, description = "An attachment, streamed. CP932: characters it cannot hold are replaced (𠮷→吉, otherwise 〓) and listed at the end of the file", content(
            (Vec<u8> = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/rosters/{kind}")]
pub async fn export_roster(
    _user: Viewer,
    path: web::Path<(i32, String)>,
    query: web::Query<ExportQuery>,
    st: web::Data<AppState>,
) -> Result<Export, AppError> {
    let (id, kind) = path.into_inner();
    let kind = usecase::kind(&kind)?;
    let format = format(query.format.as_deref())?;
    let roster = usecase::for_training(&st.db, id, kind, query.columns.as_deref(), query.schedule_id).await?;
    tracing::info!(training.id = id, roster = kind.as_str(), "staff exported a roster");
    Ok(Export { roster, format })
}

/// 名簿の列一覧
#[utoipa::path(tag = "rosters", security(("bearer" = [])),
    params(("id" = i32, Path, description = "Training id"), ("kind" = RosterKind, Path, description = "Roster kind")),
    responses(
        (status = 200, body = RosterColumns),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/rosters/{kind}/columns")]
pub async fn list_roster_columns(
    _user: Viewer,
    path: web::Path<(i32, String)>,
    st: web::Data<AppState>,
) -> Result<web::Json<RosterColumns>, AppError> {
    let (id, kind) = path.into_inner();
    let kind = usecase::kind(&kind)?;
    let catalogue = usecase::catalogue(&st.db, id, kind).await?;
    Ok(web::Json(RosterColumns { kind, label: kind.label().to_owned(), columns: catalogue.columns }))
}

/// What a CP932 export would change.
#[derive(Debug, Serialize, ToSchema)]
pub struct Cp932Report {
    /// How many characters would be replaced.
    pub count: usize,
    /// Each one with its row (the header is row 1) and column.
    pub substitutions: Vec<Substitution>,
}

/// CP932で出力すると置き換わる文字の一覧
#[utoipa::path(tag = "rosters", security(("bearer" = [])),
    params(("id" = i32, Path, description = "Training id"), ("kind" = RosterKind, Path, description = "Roster kind"), ReportQuery),
    responses(
        (status = 200, body = Cp932Report),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/rosters/{kind}/cp932-report")]
pub async fn get_roster_cp932_report(
    _user: Viewer,
    path: web::Path<(i32, String)>,
    query: web::Query<ReportQuery>,
    st: web::Data<AppState>,
) -> Result<web::Json<Cp932Report>, AppError> {
    let (id, kind) = path.into_inner();
    let kind = usecase::kind(&kind)?;
    let roster = usecase::for_training(&st.db, id, kind, query.columns.as_deref(), query.schedule_id).await?;
    tracing::info!(training.id = id, roster = kind.as_str(), "staff read a roster's CP932 report");
    let substitutions = cp932_substitutions(roster.columns, roster.pages).await?;
    Ok(web::Json(Cp932Report { count: substitutions.len(), substitutions }))
}

/// `?fiscal_year=2026&kind=completers&format=xlsx`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiscalYearQuery {
    /// 年度: April to the next March, Japan time; 2000–2100.
    #[param(required = true, minimum = 2000, maximum = 2100, example = 2026)]
    pub fiscal_year: Option<i32>,
    /// participants (the default), exercise, completers or selection.
    #[param(value_type = Option<RosterKindAcross>, inline)]
    pub kind: Option<String>,
    /// csv (the default), csv-cp932 or xlsx.
    #[param(value_type = Option<RosterFormat>, inline)]
    pub format: Option<String>,
    /// Column keys separated by commas.
    pub columns: Option<String>,
}

impl FiscalYearQuery {
    fn kind(&self) -> Result<RosterKind, AppError> {
        usecase::kind(self.kind.as_deref().unwrap_or("participants"))
    }
}

/// `?kind=completers`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AcrossKindQuery {
    /// participants (the default), exercise, completers or selection.
    #[param(value_type = Option<RosterKindAcross>, inline)]
    pub kind: Option<String>,
}

/// `?fiscal_year=2026`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiscalYearOnly {
    /// 年度: April to the next March, Japan time; 2000–2100.
    #[param(required = true, minimum = 2000, maximum = 2100, example = 2026)]
    pub fiscal_year: Option<i32>,
}

/// 年度の名簿を出力する（研修をまたいで）
#[utoipa::path(tag = "rosters", security(("bearer" = [])), params(FiscalYearQuery),
    responses(
        (status = 200, description = "An attachment, streamed, one row per person per training", content(
            (Vec<u8> = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/rosters")]
pub async fn export_fiscal_year_roster(
    _user: Viewer,
    query: web::Query<FiscalYearQuery>,
    st: web::Data<AppState>,
) -> Result<Export, AppError> {
    let fiscal_year = usecase::fiscal_year(query.fiscal_year)?;
    let kind = query.kind()?;
    let format = format(query.format.as_deref())?;
    let roster = usecase::for_fiscal_year(&st.db, fiscal_year, kind, query.columns.as_deref()).await?;
    tracing::info!(fiscal_year, roster = kind.as_str(), "staff exported a fiscal year's roster");
    Ok(Export { roster, format })
}

/// 年度の名簿の列一覧
#[utoipa::path(tag = "rosters", security(("bearer" = [])), params(AcrossKindQuery),
    responses(
        (status = 200, body = RosterColumns),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/rosters/columns")]
pub async fn list_fiscal_year_roster_columns(
    _user: Viewer,
    query: web::Query<AcrossKindQuery>,
) -> Result<web::Json<RosterColumns>, AppError> {
    let kind = usecase::kind(query.kind.as_deref().unwrap_or("participants"))?;
    let catalogue = usecase::catalogue_across(kind)?;
    Ok(web::Json(RosterColumns { kind, label: kind.label().to_owned(), columns: catalogue.columns }))
}

/// A training held in the fiscal year.
#[derive(Debug, Serialize, ToSchema)]
pub struct RosterTraining {
    pub id: i32,
    pub title: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    /// simple or practical
    pub form_kind: String,
    pub status: String,
}

/// The trainings of a fiscal year, in the order held.
#[derive(Debug, Serialize, ToSchema)]
pub struct RosterTrainings {
    pub fiscal_year: i32,
    pub trainings: Vec<RosterTraining>,
}

/// 年度の研修一覧（名簿用）
#[utoipa::path(tag = "rosters", security(("bearer" = [])), params(FiscalYearOnly),
    responses(
        (status = 200, body = RosterTrainings),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/rosters/trainings")]
pub async fn list_fiscal_year_trainings(
    _user: Viewer,
    query: web::Query<FiscalYearOnly>,
    st: web::Data<AppState>,
) -> Result<web::Json<RosterTrainings>, AppError> {
    let fiscal_year = usecase::fiscal_year(query.fiscal_year)?;
    let trainings = usecase::trainings_in(&st.db, fiscal_year)
        .await?
        .into_iter()
        .map(|t| RosterTraining {
            id: t.id,
            title: t.title,
            starts_at: to_jst(t.starts_at),
            form_kind: t.form_kind,
            status: t.status,
        })
        .collect();
    Ok(web::Json(RosterTrainings { fiscal_year, trainings }))
}
