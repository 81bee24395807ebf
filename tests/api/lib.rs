//! The test harness: the real app on 127.0.0.1:0 with a fresh database per test.
//!
//! `KENSHU_TEST_DATABASE_URL` chooses the backend: unset or `sqlite:` → a new SQLite file per
//! test; `postgres://…/db` → a new PostgreSQL database per test on that server.

use std::sync::atomic::{AtomicU32, Ordering};

use actix_web::web;
use kenshu_domain::staff::Role;
use kenshu_http::config::{Config, RawConfig};
use kenshu_http::startup::Application;
use kenshu_http::state::AppState;
use kenshu_persistence::repos::staff_users;
use kenshu_persistence::ConnectionTrait;
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};
use tokio::sync::OnceCell;

pub const JWT_SECRET: &str = "kenshu-test-secret-kenshu-test-secret";
pub const PASSWORD: &str = "correct horse battery staple";

static COUNTER: AtomicU32 = AtomicU32::new(0);
static PG_SWEPT: OnceCell<()> = OnceCell::const_new();
static MAILDEV: OnceCell<MailSink> = OnceCell::const_new();

/// The organiser's inbox in tests: copied on every application mail.
pub const ORGANISER_INBOX: &str = "office@kenshu.test";

/// A real SMTP sink (maildev): its SMTP URL for the app and its HTTP API for the tests.
/// `KENSHU_TEST_SMTP_URL` and `KENSHU_TEST_MAILDEV_URL` name a running one (scripts/test
/// starts it); otherwise one is started from tools/node_modules for this test process.
#[derive(Clone)]
pub struct MailSink {
    pub smtp_url: String,
    pub api_url: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

async fn mail_sink() -> MailSink {
    MAILDEV
        .get_or_init(|| async {
            if let (Ok(smtp_url), Ok(api_url)) =
                (std::env::var("KENSHU_TEST_SMTP_URL"), std::env::var("KENSHU_TEST_MAILDEV_URL"))
            {
                return MailSink { smtp_url, api_url };
            }
            let (smtp, web) = (free_port(), free_port());
            let bin =
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools/node_modules/.bin/maildev");
            assert!(bin.exists(), "maildev is missing: run `npm ci --prefix tools` (scripts/test does)");
            // `timeout` ends the sink even if this process is killed.
            std::process::Command::new("timeout")
                .args(["900", bin.to_str().expect("path"), "--ip", "127.0.0.1", "--silent"])
                .args(["--smtp", &smtp.to_string(), "--web", &web.to_string()])
                // Not inheriting the test's pipes: a reader of `cargo test | …` would wait for the sink.
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("start maildev");
            let sink =
                MailSink { smtp_url: format!("smtp://127.0.0.1:{smtp}"), api_url: format!("http://127.0.0.1:{web}") };
            let client = reqwest::Client::new();
            for _ in 0..100 {
                if client.get(format!("{}/api/email", sink.api_url)).send().await.is_ok_and(|r| r.status().is_success())
                {
                    return sink;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            panic!("maildev did not start");
        })
        .await
        .clone()
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: web::Data<AppState>,
}

/// A database URL nobody else uses.
async fn fresh_database_url() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let pid = std::process::id();
    match std::env::var("KENSHU_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres")) {
        Some(admin_url) => {
            let admin = kenshu_persistence::connect(&admin_url).await.expect("connect to the PostgreSQL test server");
            PG_SWEPT
                .get_or_init(|| async {
                    // Databases left by earlier runs (tests have no teardown hook).
                    let rows = admin
                        .query_all(sea_orm::Statement::from_string(
                            sea_orm::DbBackend::Postgres,
                            "SELECT datname FROM pg_database WHERE datname LIKE 'kenshu_t_%'",
                        ))
                        .await
                        .expect("list databases");
                    for row in rows {
                        let name: String = row.try_get("", "datname").expect("datname");
                        // Only databases of test processes that have ended: another suite
                        // (a second checkout, a parallel run) may be using its own right now.
                        let owner = name.strip_prefix("kenshu_t_").and_then(|rest| rest.split('_').next());
                        let alive = owner.is_some_and(|p| std::path::Path::new(&format!("/proc/{p}")).exists());
                        if !alive {
                            let _ = admin
                                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                                .await;
                        }
                    }
                })
                .await;
            let name = format!("kenshu_t_{pid}_{n}");
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
            let _ = admin.close().await;
            let base = admin_url.rsplit_once('/').map(|(base, _)| base).unwrap_or(&admin_url);
            format!("{base}/{name}")
        }
        None => {
            let dir = std::env::temp_dir().join("kenshu-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("t-{pid}-{n}-{}.db", OffsetDateTime::now_utc().unix_timestamp_nanos()));
            format!("sqlite://{}?mode=rwc", path.display())
        }
    }
}

/// Starts the app on a free port with its own database.
pub async fn spawn_app() -> TestApp {
    let sink = mail_sink().await;
    spawn_app_with_smtp(Some(sink.smtp_url)).await
}

/// The app with another SMTP URL (`None`: mail stays in the outbox).
pub async fn spawn_app_with_smtp(smtp_url: Option<String>) -> TestApp {
    spawn_on(fresh_database_url().await, smtp_url, |_| {}).await
}

/// The app with its checked configuration changed by `configure` (its database URL is
/// already a fresh one, which `configure` may rewrite, e.g. to go through a proxy).
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    let sink = mail_sink().await;
    spawn_on(fresh_database_url().await, Some(sink.smtp_url), configure).await
}

/// `n` app instances sharing one fresh database, as behind a load balancer.
pub async fn spawn_instances(n: usize) -> Vec<TestApp> {
    let database_url = fresh_database_url().await;
    let smtp_url = mail_sink().await.smtp_url;
    let mut apps = Vec::new();
    for _ in 0..n {
        apps.push(spawn_on(database_url.clone(), Some(smtp_url.clone()), |_| {}).await);
    }
    apps
}

async fn spawn_on(database_url: String, smtp_url: Option<String>, configure: impl FnOnce(&mut Config)) -> TestApp {
    let raw = RawConfig {
        database_url,
        bind: "127.0.0.1:0".into(),
        public_url: Some("http://kenshu.test".into()),
        jwt_secret: Some(JWT_SECRET.into()),
        smtp_url,
        mail_from: "研修予約システム <no-reply@kenshu.test>".into(),
        organiser_inbox: Some(ORGANISER_INBOX.into()),
        font_path: None,
        spa_dir: Some("/nonexistent-spa".into()),
        eligibility_per_minute: "120".into(),
    };
    let mut config = raw.check().expect("valid test configuration");
    configure(&mut config);
    let app = Application::build(config).await.expect("the app starts");
    let address = format!("http://127.0.0.1:{}", app.port);
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    TestApp { address, client, state }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    pub async fn get_auth(&self, path: &str, token: &str) -> Response {
        self.client.get(self.url(path)).bearer_auth(token).send().await.expect("request")
    }

    pub async fn post_json(&self, path: &str, body: &Value, token: Option<&str>) -> Response {
        let mut req = self.client.post(self.url(path)).json(body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        req.send().await.expect("request")
    }

    pub async fn put_json(&self, path: &str, body: &Value, token: &str) -> Response {
        self.client.put(self.url(path)).json(body).bearer_auth(token).send().await.expect("request")
    }

    pub async fn post_empty(&self, path: &str, token: &str) -> Response {
        self.client.post(self.url(path)).bearer_auth(token).send().await.expect("request")
    }

    /// Creates an account directly in the database.
    pub async fn create_user(&self, email: &str, role: Role) {
        let hash = kenshu_http::auth::password::hash(PASSWORD).expect("hash");
        staff_users::create(&self.state.db, email, &hash, role, OffsetDateTime::now_utc()).await.expect("create user");
    }

    /// An account of this role, signed in through the API; returns the bearer token.
    pub async fn token(&self, role: Role) -> String {
        let email = format!("{}-{}@kenshu.test", role.as_str(), COUNTER.fetch_add(1, Ordering::SeqCst));
        self.create_user(&email, role).await;
        let res = self.post_json("/api/v1/auth/login", &json!({"email": email, "password": PASSWORD}), None).await;
        assert_eq!(res.status(), StatusCode::OK, "login as {}", role.as_str());
        let body: Value = res.json().await.expect("json");
        body["access_token"].as_str().expect("token").to_owned()
    }

    /// Creates a training through the API and returns its JSON.
    pub async fn create_training(&self, token: &str, input: &Value) -> Value {
        let res = self.post_json("/api/v1/admin/trainings", input, Some(token)).await;
        let status = res.status();
        let body: Value = res.json().await.expect("json");
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    /// Creates and publishes a training.
    pub async fn published_training(&self, token: &str, input: &Value) -> Value {
        let created = self.create_training(token, input).await;
        let id = created["id"].as_i64().expect("id");
        let res = self.post_empty(&format!("/api/v1/admin/trainings/{id}/publish"), token).await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json().await.expect("json")
    }

    /// A mail address no other test uses.
    pub fn unique_email(&self, name: &str) -> String {
        format!("{name}-{}-{}@example.jp", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
    }

    /// Mails delivered to `address`, waiting up to 15 s for `expected` of them.
    pub async fn mails_to(&self, address: &str, expected: usize) -> Vec<Value> {
        let sink = mail_sink().await;
        let mut found = Vec::new();
        for _ in 0..150 {
            let all: Vec<Value> = self
                .client
                .get(format!("{}/api/email", sink.api_url))
                .send()
                .await
                .expect("maildev")
                .json()
                .await
                .expect("json");
            found = all
                .into_iter()
                .filter(|m| m["to"].as_array().is_some_and(|to| to.iter().any(|t| t["address"] == address)))
                .collect();
            if found.len() >= expected {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        found
    }

    /// Applies to a training with a valid form for `email`, changed by `changes`.
    pub async fn apply(&self, training_id: i64, email: &str, changes: Value) -> Response {
        let body = with(application_form(email), changes);
        self.post_json(&format!("/api/v1/trainings/{training_id}/applications"), &body, None).await
    }

    /// Applications stored for a training (all statuses), counted through the repo.
    pub async fn count_applications(
        &self,
        training_id: i64,
        status: kenshu_domain::application::ApplicationStatus,
    ) -> u64 {
        kenshu_persistence::repos::applications::count(&self.state.db, training_id as i32, status).await.expect("count")
    }

    /// Every mail in the outbox.
    pub async fn count_outbox(&self) -> u64 {
        kenshu_persistence::repos::outbox::count(&self.state.db).await.expect("count")
    }

    /// How many trainings are stored, whatever their status.
    pub async fn count_trainings(&self) -> u64 {
        let page = kenshu_persistence::repos::Page { page: 1, per_page: 1 };
        kenshu_persistence::repos::trainings::list_all(&self.state.db, None, page).await.expect("count").1
    }
}

/// Now plus `offset`, in RFC 3339 with the Tokyo offset.
pub fn rfc3339_in(offset: Duration) -> String {
    rfc3339(OffsetDateTime::now_utc().replace_nanosecond(0).expect("ns") + offset)
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.to_offset(kenshu_domain::time_jp::JST).format(&Rfc3339).expect("format")
}

/// A valid in-person training two weeks from now, open for applications since yesterday.
pub fn training_input() -> Value {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).expect("ns");
    let starts = now + Duration::days(14);
    json!({
        "title": "令和8年度第3回ケアマネ資質向上研修会",
        "purpose": "福祉に従事する方に必要な知識・技術・資質の維持・向上を目的とする。",
        "organiser": "一般社団法人札幌市介護支援専門員連絡協議会",
        "starts_at": rfc3339(starts),
        "ends_at": rfc3339(starts + Duration::minutes(90)),
        "venue": "札幌市社会福祉総合センター 4階 大研修室",
        "theme": "「自立をどのように考えるか」",
        "lecturer": "研修委員長 尾崎 哲",
        "target_audience": "主任介護支援専門員",
        "fee_yen": 0,
        "capacity": 100,
        "format": "in_person",
        "application_opens_at": rfc3339(now - Duration::days(1)),
        "application_closes_at": rfc3339(starts - Duration::days(3)),
        "issues_certificate": true,
        "checklist_required": false,
        "form_kind": "simple"
    })
}

/// A valid simple application for `email` (all 34 checklist answers, はい for the first 20).
pub fn application_form(email: &str) -> Value {
    let answers: Vec<bool> = (0..34).map(|i| i < 20).collect();
    json!({
        "member": "non_member",
        "full_name": "札幌 花子",
        "workplace": "有限会社谷川企画",
        "phone": "0123-45-6789",
        "email": email,
        "email_confirmation": email,
        "privacy_consent": true,
        "checklist_answers": answers
    })
}

/// The My Page key in an acknowledgement mail.
pub fn key_from_mail(mail: &Value) -> String {
    let text = mail["text"].as_str().expect("text body");
    let start = text.find("/me/").expect("a My Page link") + 4;
    text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

/// The same input with some fields replaced.
pub fn with(mut base: Value, changes: Value) -> Value {
    for (key, value) in changes.as_object().expect("object") {
        base[key] = value.clone();
    }
    base
}

/// Checks a problem document and returns it.
pub async fn assert_problem(res: Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status().as_u16(), status, "status");
    let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = res.json().await.expect("problem json");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert!(body["title"].as_str().is_some_and(|t| !t.is_empty()), "{body}");
    body
}

/// The fields named in a problem's `errors[]`, in order.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| errors.iter().map(|e| e["field"].as_str().unwrap_or("").to_owned()).collect())
        .unwrap_or_default()
}
