//! The morning of a training (issue 11): N participants enter the start code within a minute,
//! spread over two instances on one PostgreSQL database.
//!
//! The training starts 20 minutes from now, so its check-in window (S−30 min … S+5 min) is
//! open. N applicants apply first; their My Page keys are read back from the outbox (mail
//! stays there: the servers have no SMTP), because the database only keeps their hashes.
//! Then the check-ins arrive at a steady rate over `over` (an open loop: a participant does
//! not wait for the one before), participant `i` on instance `i mod 2`, and `/healthz` of the
//! same servers is asked at the same rate for the ratio. Invariant: every participant is
//! answered 200 and has 出席確認時間 stored.

use std::time::{Duration, Instant};

use anyhow::Context;
use sea_orm::sqlx::{Connection, PgConnection, Row};
use serde_json::json;
use time::OffsetDateTime;

use crate::load::{jobs, Api};
use crate::servers::{Launcher, Store, STAFF_EMAIL, STAFF_PASSWORD};
use crate::stats::{latency, Kind, Latency};

const START_CODE: &str = "4271";

pub struct Plan {
    pub participants: u32,
    pub over: Duration,
    pub instances: usize,
}

pub struct Measured {
    pub plan: Plan,
    pub check_in: Latency,
    pub healthz: Latency,
    /// Check-ins answered otherwise than 200, by status (0: no answer).
    pub refused: Vec<(u16, usize)>,
    pub stored: i64,
    pub wall: Duration,
}

impl Measured {
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        let refused: usize = self.refused.iter().map(|(_, n)| n).sum();
        if refused > 0 {
            out.push(format!("check-in: {refused} participants not answered 200 ({:?})", self.refused));
        }
        if self.stored != i64::from(self.plan.participants) {
            out.push(format!(
                "check-in: {} of {} participants have 出席確認時間 stored",
                self.stored, self.plan.participants
            ));
        }
        out
    }
}

pub async fn run(plan: Plan, launcher: &Launcher, store: &Store, run: &str) -> anyhow::Result<Measured> {
    store.create().await?;
    let url = store.url();
    launcher.prepare("checkin", &url).await?;
    let instances = launcher.serve("checkin", &url, plan.instances).await?;
    let api = Api::new(instances.iter().map(|i| i.base.clone()).collect(), 64)?;
    let token = api.login(STAFF_EMAIL, STAFF_PASSWORD).await?;

    let now = OffsetDateTime::now_utc();
    let starts = now + time::Duration::minutes(20);
    let training = api.open_training_with(&token, &morning_training(now, starts, plan.participants)).await?;
    let applied =
        api.rush(training, jobs(plan.participants, 0, plan.participants), 64, &format!("{run}-checkin")).await;
    let seated = applied.submissions.iter().filter(|s| s.kind == Kind::Confirmed).count();
    anyhow::ensure!(seated == plan.participants as usize, "only {seated} of {} applicants seated", plan.participants);
    api.put_codes(&token, training, &json!({"start_code": START_CODE, "end_code": "8830"})).await?;
    let keys = keys_from_outbox(&url, training).await?;
    anyhow::ensure!(keys.len() == plan.participants as usize, "{} My Page keys in the outbox", keys.len());

    let started = Instant::now();
    let answers = api.check_in_paced(&keys, START_CODE, plan.over).await;
    let wall = started.elapsed();
    let healthz = api.healthz_paced(keys.len(), plan.over).await;
    let stored = checked_in(&url, training).await?;
    drop(instances);

    let mut refused: Vec<(u16, usize)> = Vec::new();
    for (status, _) in answers.iter().filter(|(status, _)| *status != 200) {
        match refused.iter_mut().find(|(s, _)| s == status) {
            Some((_, n)) => *n += 1,
            None => refused.push((*status, 1)),
        }
    }
    Ok(Measured {
        check_in: latency(answers.iter().filter(|(s, _)| *s == 200).map(|(_, d)| *d).collect()),
        healthz: latency(healthz),
        refused,
        stored,
        wall,
        plan,
    })
}

/// In person, starting at `starts`, applications open until 10 minutes from `now`.
fn morning_training(now: OffsetDateTime, starts: OffsetDateTime, capacity: u32) -> serde_json::Value {
    let at = |t: OffsetDateTime| {
        t.replace_nanosecond(0).unwrap_or(t).format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
    };
    json!({
        "title": "開始番号入力計測用研修",
        "purpose": "kenshu-rush checkin",
        "organiser": "一般社団法人札幌市介護支援専門員連絡協議会",
        "starts_at": at(starts),
        "ends_at": at(starts + time::Duration::minutes(90)),
        "venue": "札幌市社会福祉総合センター 4階 大研修室",
        "fee_yen": 0,
        "capacity": capacity,
        "format": "in_person",
        "application_opens_at": at(now - time::Duration::days(1)),
        "application_closes_at": at(now + time::Duration::minutes(10)),
        "issues_certificate": true,
        "checklist_required": false,
        "form_kind": "simple",
        "waiting_list": false
    })
}

/// The My Page keys of the training's acknowledgement mails, one per application.
async fn keys_from_outbox(url: &str, training: i64) -> anyhow::Result<Vec<String>> {
    let mut db = PgConnection::connect(url).await.context("connect to the scenario's database")?;
    let rows = sea_orm::sqlx::query("SELECT application_id, body FROM outbox WHERE training_id = $1 ORDER BY id")
        .bind(training as i32)
        .fetch_all(&mut db)
        .await?;
    db.close().await?;
    let mut keys: Vec<(i32, String)> = Vec::new();
    for row in rows {
        let (application, body): (Option<i32>, String) = (row.try_get(0)?, row.try_get(1)?);
        let (Some(application), Some(key)) = (application, my_page_key(&body)) else { continue };
        if !keys.iter().any(|(a, _)| *a == application) {
            keys.push((application, key));
        }
    }
    Ok(keys.into_iter().map(|(_, key)| key).collect())
}

fn my_page_key(body: &str) -> Option<String> {
    let rest = &body[body.find("/me/")? + 4..];
    let key: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect();
    (key.len() >= 16).then_some(key)
}

async fn checked_in(url: &str, training: i64) -> anyhow::Result<i64> {
    let mut db = PgConnection::connect(url).await?;
    let row =
        sea_orm::sqlx::query("SELECT count(*) FROM applications WHERE training_id = $1 AND checked_in_at IS NOT NULL")
            .bind(training as i32)
            .fetch_one(&mut db)
            .await?;
    db.close().await?;
    Ok(row.try_get(0)?)
}
