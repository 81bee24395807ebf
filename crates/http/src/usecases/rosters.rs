//! Rosters (名簿, SPEC §9): which rows each roster takes and what its cells say. Rows come
//! as a stream of pages read by key, already cut to the columns picked, so the writer
//! (`transport::export`) never holds more than one page.

use std::collections::VecDeque;

use futures_util::stream::{self, BoxStream, StreamExt};
use kenshu_domain::practical::PracticalKind;
use kenshu_domain::practical_form::Accommodations;
use kenshu_domain::roster::{Catalogue, Column, RosterKind};
use kenshu_domain::selection::Decision;
use kenshu_domain::survey::{self, Question};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::{FormKind, Training};
use kenshu_domain::{ErrorCode, FieldIssue};
use kenshu_persistence::repos::rosters::{
    self as repo, AnswerRow, IssuedRow, PracticalFilter, PracticalRosterRow, SimpleRow, TrainingRef,
};
use kenshu_persistence::repos::{survey as survey_repo, trainings};
use kenshu_persistence::Db;
use time::{Date, OffsetDateTime};

use crate::error::AppError;
use crate::usecases::practical_selection;

/// Rows read per query.
pub const PAGE: u64 = 500;

/// Pages of rows, each row cut to the columns picked, in their order.
pub type RowPages = BoxStream<'static, Result<Vec<Vec<String>>, AppError>>;

/// A roster ready to be written.
pub struct Roster {
    pub kind: RosterKind,
    /// The columns picked, in the order picked.
    pub columns: Vec<Column>,
    /// The file's name without its extension, e.g. 受講者名簿_12.
    pub filename: String,
    pub pages: RowPages,
}

/// What one training brings to its rows.
struct Ctx {
    training: Training,
    questions: Vec<Question>,
}

impl Ctx {
    fn schedule(&self, id: Option<i32>) -> (String, String) {
        let Some(s) = id.and_then(|id| self.training.plan.exercise_schedules.iter().find(|s| s.id == Some(id))) else {
            return (String::new(), String::new());
        };
        let end = to_jst(s.ends_at);
        (s.label.clone(), format!("{}〜{:02}:{:02}", datetime(s.starts_at), end.hour(), end.minute()))
    }
}

fn not_found() -> AppError {
    AppError::new(ErrorCode::TrainingNotFound)
}

fn field(issue: FieldIssue) -> AppError {
    AppError::validation(vec![issue])
}

/// The roster `kind` from its name in the URL.
pub fn kind(name: &str) -> Result<RosterKind, AppError> {
    RosterKind::parse(name).ok_or_else(|| {
        field(FieldIssue::new(
            "kind",
            "unknown",
            format!("名簿「{name}」はありません（participants、exercise、completers、selection、survey のいずれか）"),
        ))
    })
}

async fn ctx(db: &Db, training_id: i32, kind: RosterKind) -> Result<Ctx, AppError> {
    let training = trainings::find(db, training_id).await?.ok_or_else(not_found)?;
    if kind.practical_only() && training.plan.form_kind != FormKind::Practical {
        return Err(field(FieldIssue::new(
            "kind",
            "not_practical",
            format!("{}は実践研修にのみあります", kind.label()),
        )));
    }
    let questions =
        if kind == RosterKind::Survey { survey_repo::questions(db, training_id).await? } else { Vec::new() };
    Ok(Ctx { training, questions })
}

fn question_columns(questions: &[Question]) -> impl Iterator<Item = (String, String)> + '_ {
    questions.iter().map(|q| (format!("q{}", q.id), q.text.clone()))
}

/// Every column of a training's roster, in the default order.
pub async fn catalogue(db: &Db, training_id: i32, kind: RosterKind) -> Result<Catalogue, AppError> {
    let ctx = ctx(db, training_id, kind).await?;
    Ok(Catalogue::new(kind, question_columns(&ctx.questions)))
}

/// The columns of a roster across trainings (no survey: its questions differ per training).
pub fn catalogue_across(kind: RosterKind) -> Result<Catalogue, AppError> {
    if kind == RosterKind::Survey {
        return Err(field(FieldIssue::new("kind", "per_training", "アンケート回答は研修ごとに出力してください")));
    }
    Ok(Catalogue::new(kind, []).across_trainings())
}

fn picked(catalogue: &Catalogue, columns: Option<&str>) -> Result<Vec<Column>, AppError> {
    let picked = catalogue.pick(columns).map_err(field)?;
    Ok(picked.into_iter().map(|i| catalogue.columns[i].clone()).collect())
}

/// One training's roster; `schedule_id` narrows 演習時の受講者名簿 to one 演習日程.
pub async fn for_training(
    db: &Db,
    training_id: i32,
    kind: RosterKind,
    columns: Option<&str>,
    schedule_id: Option<i32>,
) -> Result<Roster, AppError> {
    let ctx = ctx(db, training_id, kind).await?;
    let catalogue = Catalogue::new(kind, question_columns(&ctx.questions));
    let columns = picked(&catalogue, columns)?;
    if let Some(id) = schedule_id {
        if !ctx.training.plan.exercise_schedules.iter().any(|s| s.id == Some(id)) {
            return Err(field(FieldIssue::new("schedule_id", "unknown", "この研修にその演習日程はありません")));
        }
    }
    let filename = format!("{}_{}", kind.label(), training_id);
    let keys = columns.iter().map(|c| c.key.clone()).collect();
    let pages = pages(db.clone(), kind, keys, VecDeque::from([Source::Loaded(Box::new(ctx))]), schedule_id);
    Ok(Roster { kind, columns, filename, pages })
}

/// A fiscal year from the query: 2000–2100.
pub fn fiscal_year(value: Option<i32>) -> Result<i32, AppError> {
    match value {
        Some(fy) if (2000..=2100).contains(&fy) => Ok(fy),
        Some(fy) => {
            Err(field(FieldIssue::new("fiscal_year", "range", format!("年度「{fy}」は選べません（2000〜2100）"))))
        }
        None => Err(field(FieldIssue::new("fiscal_year", "required", "年度を指定してください"))),
    }
}

/// The trainings held in a fiscal year (April to March, Japan time).
pub async fn trainings_in(db: &Db, fiscal_year: i32) -> Result<Vec<TrainingRef>, AppError> {
    Ok(repo::trainings_in_fiscal_year(db, fiscal_year).await?)
}

/// One roster across every training of a fiscal year (the prefecture's view); a practical-only
/// roster takes the practical trainings.
pub async fn for_fiscal_year(
    db: &Db,
    fiscal_year: i32,
    kind: RosterKind,
    columns: Option<&str>,
) -> Result<Roster, AppError> {
    let catalogue = catalogue_across(kind)?;
    let columns = picked(&catalogue, columns)?;
    let trainings = trainings_in(db, fiscal_year)
        .await?
        .into_iter()
        .filter(|t| !kind.practical_only() || t.form_kind == FormKind::Practical.as_str())
        .map(|t| Source::Pending(t.id))
        .collect();
    let filename = format!("{}_{}年度", kind.label(), fiscal_year);
    let keys = columns.iter().map(|c| c.key.clone()).collect();
    Ok(Roster { kind, columns, filename, pages: pages(db.clone(), kind, keys, trainings, None) })
}

enum Source {
    Pending(i32),
    Loaded(Box<Ctx>),
}

/// Where the rows of the current training come from.
enum Segment {
    Simple {
        status: &'static str,
    },
    Issued,
    Practical(PracticalFilter),
    Answers,
    /// The proposed order needs every application at once (it ranks them against each
    /// other); a training has hundreds, not thousands.
    Ranked(VecDeque<Vec<String>>),
}

struct Cursor {
    db: Db,
    kind: RosterKind,
    keys: Vec<String>,
    schedule_id: Option<i32>,
    trainings: VecDeque<Source>,
    current: Option<(Ctx, VecDeque<Segment>)>,
    after: i32,
    no: u64,
}

fn pages(
    db: Db,
    kind: RosterKind,
    keys: Vec<String>,
    trainings: VecDeque<Source>,
    schedule_id: Option<i32>,
) -> RowPages {
    let cursor = Cursor { db, kind, keys, schedule_id, trainings, current: None, after: 0, no: 0 };
    stream::try_unfold(cursor, |mut cursor| async move {
        match cursor.next_page().await? {
            Some(rows) => Ok(Some((rows, cursor))),
            None => Ok(None),
        }
    })
    .boxed()
}

impl Cursor {
    async fn segments(&self, ctx: &Ctx) -> Result<VecDeque<Segment>, AppError> {
        let practical = ctx.training.plan.form_kind == FormKind::Practical;
        Ok(match self.kind {
            RosterKind::Participants if practical => {
                [Segment::Practical(PracticalFilter::Accepted { schedule_id: None })].into()
            }
            RosterKind::Participants => [Segment::Simple { status: "confirmed" }].into(),
            RosterKind::Completers if practical => [Segment::Practical(PracticalFilter::Completed)].into(),
            RosterKind::Completers => [Segment::Issued].into(),
            RosterKind::Survey => [Segment::Answers].into(),
            RosterKind::Exercise => {
                let schedules: Vec<i32> = ctx.training.plan.exercise_schedules.iter().filter_map(|s| s.id).collect();
                match self.schedule_id {
                    Some(id) => [Segment::Practical(PracticalFilter::Accepted { schedule_id: Some(id) })].into(),
                    None if schedules.is_empty() => {
                        [Segment::Practical(PracticalFilter::Accepted { schedule_id: None })].into()
                    }
                    None => schedules
                        .into_iter()
                        .map(|id| Segment::Practical(PracticalFilter::Accepted { schedule_id: Some(id) }))
                        .collect(),
                }
            }
            RosterKind::Selection => {
                let selection = practical_selection::selection(&self.db, ctx.training.id).await?;
                let rows = selection
                    .in_proposed_order()
                    .into_iter()
                    .map(|(a, p)| {
                        self.keys
                            .iter()
                            .map(|k| {
                                training_cell(ctx, k).unwrap_or_else(|| match k.as_str() {
                                    "rank" => p.rank.map(|r| r.to_string()).unwrap_or_default(),
                                    "state" => a.state.label().to_owned(),
                                    "proposal" => p.decision.map(Decision::label).unwrap_or_default().to_owned(),
                                    "proposal_reason" => p.reason.clone(),
                                    "schedule" => ctx.schedule(a.schedule_id.or(p.schedule_id)).0,
                                    "submitted_at" => datetime(a.submitted_at),
                                    _ => form_cell(&a.form, a.id, k),
                                })
                            })
                            .collect()
                    })
                    .collect();
                [Segment::Ranked(rows)].into()
            }
        })
    }

    async fn next_page(&mut self) -> Result<Option<Vec<Vec<String>>>, AppError> {
        loop {
            let Some((ctx, segments)) = &mut self.current else {
                let Some(source) = self.trainings.pop_front() else { return Ok(None) };
                let ctx = match source {
                    Source::Loaded(ctx) => *ctx,
                    Source::Pending(id) => ctx(&self.db, id, self.kind).await?,
                };
                let segments = self.segments(&ctx).await?;
                self.current = Some((ctx, segments));
                (self.after, self.no) = (0, 0);
                continue;
            };
            let Some(segment) = segments.front_mut() else {
                self.current = None;
                continue;
            };
            let (db, id, after, keys) = (&self.db, ctx.training.id, self.after, &self.keys);
            let no = &mut self.no;
            let (rows, last): (Vec<Vec<String>>, Option<i32>) = match segment {
                Segment::Simple { status } => {
                    let page = repo::simple_page(db, id, status, after, PAGE).await?;
                    let last = page.last().map(|r| r.id);
                    (page.iter().map(|r| row(keys, no, |k, no| simple_cell(ctx, no, r, k))).collect(), last)
                }
                Segment::Issued => {
                    let page = repo::issued_page(db, id, after, PAGE).await?;
                    let last = page.last().map(|r| r.id);
                    (page.iter().map(|r| row(keys, no, |k, no| issued_cell(ctx, no, r, k))).collect(), last)
                }
                Segment::Practical(filter) => {
                    let page = repo::practical_page(db, id, *filter, after, PAGE).await?;
                    let last = page.last().map(|r| r.application.id);
                    (page.iter().map(|r| row(keys, no, |k, no| practical_cell(ctx, no, r, k))).collect(), last)
                }
                Segment::Answers => {
                    let page = repo::answer_page(db, id, after, PAGE).await?;
                    let last = page.last().map(|r| r.application_id);
                    (page.iter().map(|r| row(keys, no, |k, _| answer_cell(ctx, r, k))).collect(), last)
                }
                Segment::Ranked(rows) => {
                    let take = rows.len().min(PAGE as usize);
                    (rows.drain(..take).collect(), None)
                }
            };
            match last {
                Some(last) => self.after = last,
                None if rows.is_empty() => {
                    segments.pop_front();
                    (self.after, self.no) = (0, 0);
                }
                None => {}
            }
            if !rows.is_empty() {
                return Ok(Some(rows));
            }
        }
    }
}

/// One row: the next number, then each picked column's cell.
fn row(keys: &[String], no: &mut u64, cell: impl Fn(&str, u64) -> String) -> Vec<String> {
    *no += 1;
    keys.iter().map(|k| cell(k, *no)).collect()
}

/// 2026-05-01 13:30 in Japan time.
fn datetime(at: OffsetDateTime) -> String {
    let at = to_jst(at);
    format!("{} {:02}:{:02}", at.date(), at.hour(), at.minute())
}

fn date(day: Date) -> String {
    day.to_string()
}

fn training_cell(ctx: &Ctx, key: &str) -> Option<String> {
    let t = &ctx.training;
    Some(match key {
        "training_id" => t.id.to_string(),
        "training_title" => t.plan.title.clone(),
        "training_date" => date(to_jst(t.plan.starts_at).date()),
        _ => return None,
    })
}

fn simple_status(status: &str) -> &'static str {
    match status {
        "confirmed" => "申込済み",
        "waitlisted" => "キャンセル待ち",
        "cancelled" => "キャンセル済み",
        _ => "",
    }
}

fn simple_cell(ctx: &Ctx, no: u64, a: &SimpleRow, key: &str) -> String {
    training_cell(ctx, key).unwrap_or_else(|| match key {
        "no" => no.to_string(),
        "application_id" => a.id.to_string(),
        "full_name" => a.full_name.clone(),
        "job_title" => a.job_title.clone().unwrap_or_default(),
        "furigana" => a.furigana.clone().unwrap_or_default(),
        "workplace" => a.workplace.clone(),
        "phone" => a.phone.clone(),
        "email" => a.email.clone(),
        "member" => (if a.member { "会員" } else { "非会員" }).to_owned(),
        "status" => simple_status(&a.status).to_owned(),
        "applied_at" => datetime(a.created_at),
        "checked_in_at" => a.checked_in_at.map(datetime).unwrap_or_default(),
        "checked_out_at" => a.checked_out_at.map(datetime).unwrap_or_default(),
        "attendance_note" => attendance_note(a.checked_in_reason.as_deref(), a.checked_out_reason.as_deref()),
        _ => String::new(),
    })
}

/// 出席・受講の記録: which times staff recorded by hand and why; empty when both came from
/// the participant's codes.
fn attendance_note(check_in: Option<&str>, check_out: Option<&str>) -> String {
    match (check_in, check_out) {
        (Some(i), Some(o)) if i == o => format!("出席・受講を事務局が記録：{i}"),
        (Some(i), Some(o)) => format!("出席を事務局が記録：{i}／受講を事務局が記録：{o}"),
        (Some(i), None) => format!("出席を事務局が記録：{i}"),
        (None, Some(o)) => format!("受講を事務局が記録：{o}"),
        (None, None) => String::new(),
    }
}

fn issued_cell(ctx: &Ctx, no: u64, r: &IssuedRow, key: &str) -> String {
    match key {
        "certificate_number" => r.number.map(|n| format!("No. {n}")).unwrap_or_default(),
        "completed_on" => date(to_jst(ctx.training.plan.starts_at).date()),
        _ => simple_cell(ctx, no, &r.application, key),
    }
}

fn accommodations(a: &Accommodations) -> String {
    let mut parts: Vec<&str> =
        [(a.wheelchair, "車イス使用"), (a.sign_language, "手話通訳"), (a.large_print, "拡大文字資料")]
            .into_iter()
            .filter_map(|(on, label)| on.then_some(label))
            .collect();
    if !a.other.trim().is_empty() {
        parts.push(a.other.trim());
    }
    parts.join("、")
}

/// The cells any practical application has, from its form.
fn form_cell(f: &kenshu_domain::practical_form::PracticalForm, id: i32, key: &str) -> String {
    let need = &f.placement_need;
    match key {
        "application_id" => id.to_string(),
        "full_name" => f.applicant.full_name.clone(),
        "furigana" => f.applicant.furigana.clone(),
        "birth_date" => f.applicant.birth_date.map(date).unwrap_or_default(),
        "workplace" => {
            let a = &f.affiliation;
            [a.corporation.as_str(), a.office.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        }
        "phone" => f.affiliation.phone.clone(),
        "email" => f.affiliation.email.clone(),
        "practical_kind" => f.kind.map(PracticalKind::label).unwrap_or_default().to_owned(),
        "office" => {
            if f.placement.office.is_empty() {
                f.placement.corporation.clone()
            } else {
                f.placement.office.clone()
            }
        }
        "office_number" => f.placement.office_number.clone(),
        "accommodations" => accommodations(&f.accommodations),
        "plan_category" => need.plan_category.map(|c| c.label()).unwrap_or_default().to_owned(),
        "shortage" => {
            let (r, c) = (need.required_count.unwrap_or(0), need.completed_count.unwrap_or(0));
            r.saturating_sub(c).to_string()
        }
        "office_priority" => need.office_priority.map(|p| p.to_string()).unwrap_or_default(),
        "wants_waitlist" => (if need.wants_waitlist { "希望する" } else { "希望しない" }).to_owned(),
        _ => String::new(),
    }
}

fn practical_cell(ctx: &Ctx, no: u64, r: &PracticalRosterRow, key: &str) -> String {
    let a = &r.application;
    training_cell(ctx, key).unwrap_or_else(|| match key {
        "no" => no.to_string(),
        "schedule" => ctx.schedule(a.schedule_id).0,
        "schedule_time" => ctx.schedule(a.schedule_id).1,
        "status" | "state" => a.state.label().to_owned(),
        "applied_at" | "submitted_at" => datetime(a.submitted_at),
        "attended_on" => r.attended_on.map(date).unwrap_or_default(),
        "completed_on" => r.completed_on.map(date).unwrap_or_default(),
        "certificate_number" => r.certificate_number.clone().unwrap_or_default(),
        _ => form_cell(&a.form, a.id, key),
    })
}

fn answer_cell(ctx: &Ctx, r: &AnswerRow, key: &str) -> String {
    training_cell(ctx, key).unwrap_or_else(|| match key {
        "application_id" => r.application_id.to_string(),
        "full_name" => r.full_name.clone(),
        "care_manager_number" => r.care_manager_number.clone(),
        "answered_at" => datetime(r.answered_at),
        _ => key
            .strip_prefix('q')
            .and_then(|id| id.parse::<i32>().ok())
            .and_then(|id| ctx.questions.iter().find(|q| q.id == id))
            .map(|q| survey::cell(q, r.answers.get(&q.id)))
            .unwrap_or_default(),
    })
}
