//! The load itself: the staff set-up through the API, the rush of applicants, `/healthz`,
//! and the check of what was stored.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::raw::Conn;
use crate::stats::{classify, Kind, Submission};

/// The instances of one scenario, as a client sees them.
#[derive(Clone)]
pub struct Api {
    client: reqwest::Client,
    bases: Arc<Vec<String>>,
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.replace_nanosecond(0).unwrap_or(at).format(&Rfc3339).unwrap_or_default()
}

/// A simple-form training, open for applications since yesterday, without checklist or
/// waiting list: past capacity every applicant is refused with 満員.
fn training_input(capacity: u32) -> Value {
    let now = OffsetDateTime::now_utc();
    let starts = now + time::Duration::days(14);
    json!({
        "title": "登録ラッシュ計測用研修",
        "purpose": "kenshu-rush",
        "organiser": "一般社団法人札幌市介護支援専門員連絡協議会",
        "starts_at": rfc3339(starts),
        "ends_at": rfc3339(starts + time::Duration::minutes(90)),
        "venue": "札幌市社会福祉総合センター 4階 大研修室",
        "fee_yen": 0,
        "capacity": capacity,
        "format": "in_person",
        "application_opens_at": rfc3339(now - time::Duration::days(1)),
        "application_closes_at": rfc3339(starts - time::Duration::days(3)),
        "issues_certificate": false,
        "checklist_required": false,
        "form_kind": "simple",
        "waiting_list": false
    })
}

/// The body an applicant sends (the SPA's shape), written from a template: the load
/// generator shares the cores with the servers it measures, and a JSON value built per
/// applicant cost it several allocations a request that `/healthz` never pays. `email` is
/// written as it is: the bench's addresses need no escape.
pub fn application_body(email: &str) -> String {
    debug_assert!(!email.contains(['"', '\\']) && !email.chars().any(char::is_control));
    format!(
        concat!(
            r#"{{"member":"non_member","full_name":"札幌 花子","workplace":"有限会社谷川企画","#,
            r#""phone":"0123-45-6789","email":"{e}","email_confirmation":"{e}","#,
            r#""privacy_consent":true,"checklist_answers":null}}"#
        ),
        e = email
    )
}

/// What to send, in order: distinct applicants, with the duplicate groups spread over the
/// first half of the seats so that they race while seats remain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Applicant(u32),
    /// The same body under one key twice at once, plus the same email under another key.
    Duplicate(u32),
}

pub fn jobs(applicants: u32, groups: u32, capacity: u32) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..applicants).map(Job::Applicant).collect();
    let spread = (capacity / 2).max(1) as usize;
    for g in (0..groups).rev() {
        let at = (g as usize * spread / groups.max(1) as usize).min(jobs.len());
        jobs.insert(at, Job::Duplicate(g));
    }
    jobs
}

/// What came back for one duplicate group: the two same-key answers and the other-key one.
#[derive(Debug, Clone)]
pub struct GroupAnswers {
    pub same_key: [(Kind, String); 2],
    pub other_key: Kind,
}

/// Whether a group kept idempotency: when one same-key submit got a seat, its twin got the
/// very same answer (a replay), and the address got at most one seat. Refusals are not
/// stored, so two same-key refusals may differ (満員 for one, already applied for the other).
pub fn group_is_consistent(g: &GroupAnswers) -> bool {
    let [(k1, b1), (k2, b2)] = &g.same_key;
    let same_key_seat = *k1 == Kind::Confirmed || *k2 == Kind::Confirmed;
    let replayed = !same_key_seat || (k1 == k2 && b1 == b2);
    let seats = usize::from(same_key_seat) + usize::from(g.other_key == Kind::Confirmed);
    replayed && seats <= 1
}

pub struct Rush {
    pub submissions: Vec<Submission>,
    pub groups: Vec<GroupAnswers>,
}

async fn collect(mut tasks: tokio::task::JoinSet<Rush>) -> Rush {
    let mut all = Rush { submissions: Vec::new(), groups: Vec::new() };
    while let Some(done) = tasks.join_next().await {
        if let Ok(rush) = done {
            all.submissions.extend(rush.submissions);
            all.groups.extend(rush.groups);
        }
    }
    all
}

/// What the server holds once the rush is over, read through the staff API.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub confirmed_total: u64,
    pub all_total: u64,
    pub seats_left: i64,
    pub seats_taken: i64,
    /// Applications beyond the first per email address.
    pub duplicates: u64,
}

impl Api {
    pub fn new(bases: Vec<String>, connections: usize) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .no_proxy()
            .tcp_nodelay(true)
            .pool_max_idle_per_host(connections)
            // Dropped before the server's keep-alive (5 s) closes them, so a paced request
            // never goes out on a connection the server is closing.
            .pool_idle_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(30))
            .build()?;
        Ok(Self { client, bases: Arc::new(bases) })
    }

    fn url(&self, instance: usize, path: &str) -> String {
        format!("{}{}", self.bases[instance % self.bases.len()], path)
    }

    async fn json(res: reqwest::Response, want: u16, what: &str) -> anyhow::Result<Value> {
        let status = res.status().as_u16();
        let body = res.text().await?;
        if status != want {
            bail!("{what}: expected {want}, got {status}: {body}");
        }
        Ok(serde_json::from_str(&body)?)
    }

    pub async fn login(&self, email: &str, password: &str) -> anyhow::Result<String> {
        let res = self
            .client
            .post(self.url(0, "/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await?;
        let body = Self::json(res, 200, "login").await?;
        Ok(body["access_token"].as_str().context("access_token")?.to_owned())
    }

    /// Creates and publishes the training; returns its id.
    pub async fn open_training(&self, token: &str, capacity: u32) -> anyhow::Result<i64> {
        self.open_training_with(token, &training_input(capacity)).await
    }

    /// Creates and publishes a training of this shape; returns its id.
    pub async fn open_training_with(&self, token: &str, input: &Value) -> anyhow::Result<i64> {
        let res =
            self.client.post(self.url(0, "/api/v1/admin/trainings")).bearer_auth(token).json(input).send().await?;
        let id = Self::json(res, 201, "create training").await?["id"].as_i64().context("training id")?;
        let res =
            self.client.post(self.url(0, &format!("/api/v1/admin/trainings/{id}/publish"))).bearer_auth(token).send();
        Self::json(res.await?, 200, "publish training").await?;
        Ok(id)
    }

    /// Opens the connections and the database pools: `per_instance` reads of the training.
    pub async fn warm_up(&self, training: i64, clients: usize, per_client: usize) -> anyhow::Result<()> {
        let mut tasks = tokio::task::JoinSet::new();
        for c in 0..clients {
            let (api, path) = (self.clone(), format!("/api/v1/trainings/{training}"));
            tasks.spawn(async move {
                for _ in 0..per_client {
                    let res = api.client.get(api.url(c, &path)).send().await?;
                    anyhow::ensure!(res.status().is_success(), "warm-up read: {}", res.status());
                    res.bytes().await?;
                }
                Ok(())
            });
        }
        while let Some(done) = tasks.join_next().await {
            done??;
        }
        Ok(())
    }

    async fn submit(
        &self,
        instance: usize,
        training: i64,
        body: String,
        key: String,
        t0: Instant,
    ) -> (Submission, String) {
        let started = t0.elapsed();
        let res = self
            .client
            .post(self.url(instance, &format!("/api/v1/trainings/{training}/applications")))
            .header("content-type", "application/json")
            .header("Idempotency-Key", key)
            .body(body)
            .send()
            .await;
        let (kind, replayed, text) = match res {
            Ok(res) => {
                let status = res.status().as_u16();
                let replayed = res.headers().get("Idempotency-Replayed").is_some_and(|v| v == "true");
                match res.bytes().await {
                    Ok(bytes) => (classify(status, &bytes), replayed, String::from_utf8_lossy(&bytes).into_owned()),
                    Err(_) => (Kind::Unanswered, false, String::new()),
                }
            }
            Err(_) => (Kind::Unanswered, false, String::new()),
        };
        (Submission { kind, replayed, started, finished: t0.elapsed() }, text)
    }

    /// [`Api::submit`] on the client's own keep-alive connection (`raw`): the closed loops'
    /// way, with as little client work as possible.
    async fn submit_raw(conn: &mut Conn, training: i64, body: &str, key: &str, t0: Instant) -> Submission {
        let started = t0.elapsed();
        let path = format!("/api/v1/trainings/{training}/applications");
        let headers = [("content-type", "application/json"), ("idempotency-key", key)];
        let (kind, replayed) = match conn.send("POST", &path, &headers, body.as_bytes()).await {
            Ok(answer) => (classify(answer.status, &answer.body), answer.replayed),
            Err(_) => (Kind::Unanswered, false),
        };
        Submission { kind, replayed, started, finished: t0.elapsed() }
    }

    /// Fires `jobs` from `clients` concurrent clients, each sending its next job as soon as
    /// its previous one is answered (a closed loop: as fast as the server answers); client `c`
    /// talks to instance `c mod n`, an applicant on its own keep-alive connection.
    pub async fn rush(&self, training: i64, jobs: Vec<Job>, clients: usize, run: &str) -> Rush {
        let jobs = Arc::new(jobs);
        let next = Arc::new(AtomicUsize::new(0));
        let t0 = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for c in 0..clients {
            let (api, jobs, next, run) = (self.clone(), jobs.clone(), next.clone(), run.to_owned());
            tasks.spawn(async move {
                let mut rush = Rush { submissions: Vec::new(), groups: Vec::new() };
                let mut conn = Conn::new(&api.bases[c % api.bases.len()]);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    api.send_job(c, training, *job, &run, t0, &mut rush, Some(&mut conn)).await;
                }
                rush
            });
        }
        collect(tasks).await
    }

    /// Sends job `i` at `i × over / jobs.len()` after the start, whether or not earlier ones
    /// are answered (an open loop: applicants arriving at a steady rate, as in the issue's
    /// "5,000 applicants in 10 s"); job `i` goes to instance `i mod n`.
    pub async fn rush_paced(&self, training: i64, jobs: Vec<Job>, over: Duration, run: &str) -> Rush {
        let t0 = Instant::now();
        let step = over.checked_div(jobs.len().max(1) as u32).unwrap_or_default();
        let mut tasks = tokio::task::JoinSet::new();
        for (i, job) in jobs.into_iter().enumerate() {
            tokio::time::sleep_until((t0 + step * i as u32).into()).await;
            let (api, run) = (self.clone(), run.to_owned());
            tasks.spawn(async move {
                let mut rush = Rush { submissions: Vec::new(), groups: Vec::new() };
                api.send_job(i, training, job, &run, t0, &mut rush, None).await;
                rush
            });
        }
        collect(tasks).await
    }

    /// Sends one job from client `c`: an applicant on the client's own connection when it
    /// has one (the closed loops), else through reqwest's pool; a duplicate group always
    /// through the pool (three requests at once to three instances).
    #[allow(clippy::too_many_arguments)]
    async fn send_job(
        &self,
        c: usize,
        training: i64,
        job: Job,
        run: &str,
        t0: Instant,
        rush: &mut Rush,
        conn: Option<&mut Conn>,
    ) {
        match job {
            Job::Applicant(a) => {
                let body = application_body(&format!("rush-{a}@example.jp"));
                let key = format!("{run}-a{a}");
                let sub = match conn {
                    Some(conn) => Self::submit_raw(conn, training, &body, &key, t0).await,
                    None => self.submit(c, training, body, key, t0).await.0,
                };
                rush.submissions.push(sub);
            }
            Job::Duplicate(g) => {
                // Three instances apart where there are several: the race crosses them.
                let body = application_body(&format!("dup-{g}@example.jp"));
                let key = format!("{run}-d{g}");
                let (first, second, other) = tokio::join!(
                    self.submit(c, training, body.clone(), key.clone(), t0),
                    self.submit(c + 1, training, body.clone(), key, t0),
                    self.submit(c + 2, training, body, format!("{run}-d{g}-other"), t0),
                );
                rush.groups.push(GroupAnswers {
                    same_key: [(first.0.kind, first.1), (second.0.kind, second.1)],
                    other_key: other.0.kind,
                });
                rush.submissions.extend([first.0, second.0, other.0]);
            }
        }
    }

    /// Sets the training's start and end codes.
    pub async fn put_codes(&self, token: &str, training: i64, codes: &Value) -> anyhow::Result<()> {
        let path = format!("/api/v1/admin/trainings/{training}/codes");
        let res = self.client.put(self.url(0, &path)).bearer_auth(token).json(codes).send().await?;
        Self::json(res, 200, "set the codes").await.map(drop)
    }

    /// Participant `i` enters `code` at `i × over / keys.len()` after the start on instance
    /// `i mod n` (an open loop): each answer's status (0: none) and latency.
    pub async fn check_in_paced(&self, keys: &[String], code: &str, over: Duration) -> Vec<(u16, Duration)> {
        let body = json!({ "code": code }).to_string();
        let paths = keys.iter().map(|key| format!("/api/v1/me/{key}/check-in")).collect();
        self.paced(paths, Some(body), over).await
    }

    /// `GET /healthz` `count` times at the pace of [`Api::check_in_paced`]: latencies of the 200s.
    pub async fn healthz_paced(&self, count: usize, over: Duration) -> Vec<Duration> {
        let answers = self.paced(vec!["/healthz".to_owned(); count], None, over).await;
        answers.into_iter().filter(|(status, _)| *status == 200).map(|(_, d)| d).collect()
    }

    async fn paced(&self, paths: Vec<String>, body: Option<String>, over: Duration) -> Vec<(u16, Duration)> {
        let t0 = Instant::now();
        let step = over.checked_div(paths.len().max(1) as u32).unwrap_or_default();
        let mut tasks = tokio::task::JoinSet::new();
        for (i, path) in paths.into_iter().enumerate() {
            tokio::time::sleep_until((t0 + step * i as u32).into()).await;
            let (api, body) = (self.clone(), body.clone());
            tasks.spawn(async move {
                let start = Instant::now();
                let request = match body {
                    Some(body) => {
                        api.client.post(api.url(i, &path)).header("content-type", "application/json").body(body)
                    }
                    None => api.client.get(api.url(i, &path)),
                };
                let status = match request.send().await {
                    Ok(res) => {
                        let status = res.status().as_u16();
                        if res.bytes().await.is_ok() {
                            status
                        } else {
                            0
                        }
                    }
                    Err(_) => 0,
                };
                (status, start.elapsed())
            });
        }
        let mut out = Vec::new();
        while let Some(done) = tasks.join_next().await {
            out.extend(done.ok());
        }
        out
    }

    /// `GET /healthz` `count` times from `clients` clients: latencies, non-200 answers, wall.
    pub async fn healthz(&self, count: usize, clients: usize) -> (Vec<Duration>, usize, Duration) {
        let next = Arc::new(AtomicUsize::new(0));
        let t0 = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for c in 0..clients {
            let (api, next) = (self.clone(), next.clone());
            tasks.spawn(async move {
                let (mut sample, mut failed) = (Vec::new(), 0);
                // The same client as the applicants of `rush`, so that the two compare.
                let mut conn = Conn::new(&api.bases[c % api.bases.len()]);
                while next.fetch_add(1, Ordering::Relaxed) < count {
                    let start = Instant::now();
                    let ok = conn.send("GET", "/healthz", &[], b"").await.is_ok_and(|answer| answer.status == 200);
                    if ok {
                        sample.push(start.elapsed());
                    } else {
                        failed += 1;
                    }
                }
                (sample, failed)
            });
        }
        let (mut sample, mut failed) = (Vec::new(), 0);
        while let Some(done) = tasks.join_next().await {
            if let Ok((s, f)) = done {
                sample.extend(s);
                failed += f;
            }
        }
        (sample, failed, t0.elapsed())
    }

    /// Refusals answered from memory so far (issue 13, item 9), summed over the instances'
    /// `/metrics`.
    pub async fn refused_from_memory(&self) -> anyhow::Result<u64> {
        let mut total = 0;
        for instance in 0..self.bases.len() {
            let text = self.client.get(self.url(instance, "/metrics")).send().await?.text().await?;
            total += text
                .lines()
                .find_map(|line| line.strip_prefix("kenshu_refusals_from_memory_total "))
                .and_then(|n| n.trim().parse::<u64>().ok())
                .context("kenshu_refusals_from_memory_total in /metrics")?;
        }
        Ok(total)
    }

    /// Reads back the training and every stored application (100 a page).
    pub async fn stored(&self, token: &str, training: i64) -> anyhow::Result<Stored> {
        let get = |path: String| async move {
            let res = self.client.get(self.url(0, &path)).bearer_auth(token).send().await?;
            Self::json(res, 200, &path).await
        };
        let t = get(format!("/api/v1/admin/trainings/{training}")).await?;
        let confirmed =
            get(format!("/api/v1/admin/trainings/{training}/applications?status=confirmed&per_page=1")).await?;
        let mut emails: HashMap<String, u64> = HashMap::new();
        let mut all_total = 0;
        for page in 1.. {
            let path = format!("/api/v1/admin/trainings/{training}/applications?page={page}&per_page=100");
            let body = get(path).await?;
            all_total = body["total"].as_u64().context("total")?;
            let items = body["items"].as_array().context("items")?;
            for item in items {
                let email = item["email"].as_str().context("email")?.to_lowercase();
                *emails.entry(email).or_default() += 1;
            }
            if items.is_empty() || page * 100 >= all_total {
                break;
            }
        }
        Ok(Stored {
            confirmed_total: confirmed["total"].as_u64().context("total")?,
            all_total,
            seats_left: t["seats_left"].as_i64().context("seats_left")?,
            seats_taken: t["seats_taken"].as_i64().context("seats_taken")?,
            duplicates: emails.values().map(|n| n - 1).sum(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_application_body_is_the_spa_s_json() {
        let body: Value = serde_json::from_str(&application_body("rush-7@example.jp")).unwrap();
        let spa = json!({
            "member": "non_member",
            "full_name": "札幌 花子",
            "workplace": "有限会社谷川企画",
            "phone": "0123-45-6789",
            "email": "rush-7@example.jp",
            "email_confirmation": "rush-7@example.jp",
            "privacy_consent": true,
            "checklist_answers": null
        });
        assert_eq!(body, spa);
    }

    #[test]
    fn duplicate_groups_are_spread_over_the_first_half_of_the_seats() {
        let list = jobs(10, 2, 8);
        assert_eq!(list.len(), 12);
        assert_eq!(list[0], Job::Duplicate(0));
        assert_eq!(list.iter().position(|j| *j == Job::Duplicate(1)), Some(3));
        assert_eq!(list.iter().filter(|j| matches!(j, Job::Applicant(_))).count(), 10);
    }

    #[test]
    fn a_group_is_consistent_when_a_seat_is_replayed_to_its_twin_and_taken_once_at_most() {
        let ok = |k: Kind| (k, r#"{"status":"confirmed"}"#.to_owned());
        let group = |a, b, other| GroupAnswers { same_key: [a, b], other_key: other };
        assert!(group_is_consistent(&group(ok(Kind::Confirmed), ok(Kind::Confirmed), Kind::AlreadyApplied)));
        assert!(group_is_consistent(&group(ok(Kind::AlreadyApplied), ok(Kind::AlreadyApplied), Kind::Confirmed)));
        assert!(group_is_consistent(&group(ok(Kind::AlreadyApplied), ok(Kind::Full), Kind::Confirmed)));
        assert!(!group_is_consistent(&group(ok(Kind::Confirmed), ok(Kind::Full), Kind::AlreadyApplied)));
        assert!(!group_is_consistent(&group(ok(Kind::Confirmed), ok(Kind::Confirmed), Kind::Confirmed)));
        let other_body = (Kind::Confirmed, r#"{"status":"confirmed","x":1}"#.to_owned());
        assert!(!group_is_consistent(&group(ok(Kind::Confirmed), other_body, Kind::Full)));
    }
}
