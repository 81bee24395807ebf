//! The test harness: the real app on 127.0.0.1:0 with a fresh database per test.
//!
//! `KENSHU_TEST_DATABASE_URL` chooses the backend: unset or `sqlite:` → a new SQLite file per
//! test; `postgres://…/db` → per test, a clone of a migrated template on that server.
//!
//! Tests build their fixtures with `app.seed()` (`seed`), request paths from `paths`, and
//! start from the valid bodies in `forms`.

use std::sync::atomic::{AtomicU32, Ordering};

use actix_web::web;
use kenshu_domain::staff::Role;
use kenshu_http::config::{Config, RawConfig};
use kenshu_http::startup::Application;
use kenshu_http::state::AppState;
use kenshu_persistence::repos::staff_users;
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use time::OffsetDateTime;
use tokio::sync::OnceCell;

#[path = "harness/database.rs"]
mod database;
#[path = "harness/day.rs"]
pub mod day;
#[path = "harness/forms.rs"]
pub mod forms;
#[path = "harness/paths.rs"]
pub mod paths;
#[path = "harness/receiver.rs"]
pub mod receiver;
#[path = "harness/seed.rs"]
pub mod seed;
#[path = "harness/sink.rs"]
pub mod sink;

pub use forms::{application_form, rfc3339_in, set_at, training_input, with};
pub use seed::{Applicant, Training};

pub const JWT_SECRET: &str = "kenshu-test-secret-kenshu-test-secret";
pub const PASSWORD: &str = "correct horse battery staple";

static COUNTER: AtomicU32 = AtomicU32::new(0);
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
            let mut child = std::process::Command::new("timeout")
                .args(["900", bin.to_str().expect("path"), "--ip", "127.0.0.1", "--silent"])
                .args(["--smtp", &smtp.to_string(), "--web", &web.to_string()])
                // Not inheriting the test's pipes: a reader of `cargo test | …` would wait for the sink.
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("start maildev");
            // Reaped when it ends, so it never lingers as a zombie.
            std::thread::spawn(move || child.wait());
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

/// TRACE, but for the connection bookkeeping of actix-http's HTTP/1 dispatcher and of mio
/// (about 140 lines a request, the state of timers and flags, no request data: at TRACE they
/// made the SQLite suite's log 240 MB within its first 31 tests) and for the tests' own HTTP
/// client (hyper-util, reqwest), which are DEBUG.
const LOG_FILTER: &str = "trace,actix_http::h1=debug,mio=debug,hyper_util=debug,reqwest=debug";

/// With `KENSHU_TEST_LOG_DIR` set (scripts/test sets it), every tracing event of this test
/// process — every in-process app, its migrations and workers, at `LOG_FILTER`, span fields
/// included — goes to `$KENSHU_TEST_LOG_DIR/api-<pid>.log`, which the test command scans for
/// capability keys and personal data with `scripts/check-logs.py` (issue 13, item 5). Without
/// it, nothing is logged, as before.
fn capture_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let Some(dir) = std::env::var_os("KENSHU_TEST_LOG_DIR") else { return };
        std::fs::create_dir_all(&dir).expect("create KENSHU_TEST_LOG_DIR");
        let path = std::path::Path::new(&dir).join(format!("api-{}.log", std::process::id()));
        let file = std::fs::File::create(&path).expect("create the test log");
        use tracing_subscriber::layer::SubscriberExt;
        use tracing_subscriber::util::SubscriberInitExt;
        // The app's own caps over `LOG_FILTER` (what `RUST_LOG=trace` gives an operator); each span
        // is written when it opens, so its fields are read even if no event happens inside it.
        // Unbuffered: a test binary ends without running destructors, and a buffer would lose
        // the last lines. Events of the `log` crate (rustls, mio) are forwarded too.
        let layer = tracing_subscriber::fmt::layer()
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::NEW)
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(file));
        let _ = tracing_subscriber::registry()
            .with(tracing_subscriber::EnvFilter::new(LOG_FILTER))
            .with(kenshu_http::telemetry::caps())
            .with(layer)
            .try_init();
    });
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: web::Data<AppState>,
    staff: OnceCell<String>,
}

/// Starts the app on a free port with its own database.
pub async fn spawn_app() -> TestApp {
    let sink = mail_sink().await;
    spawn_app_with_smtp(Some(sink.smtp_url)).await
}

/// The app with another SMTP URL (`None`: mail stays in the outbox).
pub async fn spawn_app_with_smtp(smtp_url: Option<String>) -> TestApp {
    spawn_on(database::fresh_database_url().await, smtp_url, |_| {}).await
}

/// The app with its checked configuration changed by `configure` (its database URL is
/// already a fresh one, which `configure` may rewrite, e.g. to go through a proxy).
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    let sink = mail_sink().await;
    spawn_on(database::fresh_database_url().await, Some(sink.smtp_url), configure).await
}

/// `n` app instances sharing one fresh database, as behind a load balancer.
pub async fn spawn_instances(n: usize) -> Vec<TestApp> {
    let database_url = database::fresh_database_url().await;
    let smtp_url = mail_sink().await.smtp_url;
    let mut apps = Vec::new();
    for _ in 0..n {
        apps.push(spawn_on(database_url.clone(), Some(smtp_url.clone()), |_| {}).await);
    }
    apps
}

/// Another instance on `app`'s database, with its own SMTP URL (`None`: it sends no mail).
pub async fn spawn_beside(app: &TestApp, smtp_url: Option<String>) -> TestApp {
    spawn_on(app.state.config.database_url.clone(), smtp_url, |_| {}).await
}

/// As [`spawn_beside`], with its configuration changed by `configure`.
pub async fn spawn_beside_with(
    app: &TestApp,
    smtp_url: Option<String>,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    spawn_on(app.state.config.database_url.clone(), smtp_url, configure).await
}

/// As `spawn_instances`, each with its configuration changed by `configure`.
pub async fn spawn_instances_with(n: usize, configure: impl Fn(&mut Config)) -> Vec<TestApp> {
    let database_url = database::fresh_database_url().await;
    let smtp_url = mail_sink().await.smtp_url;
    let mut apps = Vec::new();
    for _ in 0..n {
        apps.push(spawn_on(database_url.clone(), Some(smtp_url.clone()), &configure).await);
    }
    apps
}

async fn spawn_on(database_url: String, smtp_url: Option<String>, configure: impl FnOnce(&mut Config)) -> TestApp {
    capture_logs();
    let raw = RawConfig {
        database_url,
        bind: "127.0.0.1:0".into(),
        public_url: Some("http://kenshu.test".into()),
        // The harness's secret is published here, so configuration refuses it: set after the check.
        jwt_secret: None,
        smtp_url,
        mail_from: "研修予約システム <no-reply@kenshu.test>".into(),
        organiser_inbox: Some(ORGANISER_INBOX.into()),
        font_path: None,
        spa_dir: Some("/nonexistent-spa".into()),
        eligibility_per_minute: "120".into(),
        trusted_proxies: None,
        webhook_allow_private: None,
        sqlite_synchronous: "full".into(),
        // Tests run side by side on few cores: as many workers as before the default doubled.
        workers: Some("2".into()),
    };
    let mut config = raw.check().expect("valid test configuration");
    config.jwt_secret = Some(JWT_SECRET.to_owned().into());
    configure(&mut config);
    let app = Application::build(config).await.expect("the app starts");
    let address = format!("http://127.0.0.1:{}", app.port);
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    // Idle connections are dropped before the server's keep-alive (5 s) would close them, so a
    // request never goes out on a connection the server is closing (IncompleteMessage).
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(std::time::Duration::from_secs(3))
        .build()
        .expect("client");
    TestApp { address, client, state, staff: OnceCell::new() }
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

    /// A POST with neither body nor token (My Page's actions).
    pub async fn post(&self, path: &str) -> Response {
        self.client.post(self.url(path)).send().await.expect("request")
    }

    /// A POST of raw bytes with this content type (for bodies a JSON helper cannot send).
    pub async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
        token: Option<&str>,
    ) -> Response {
        let mut req = self.client.post(self.url(path)).header("content-type", content_type).body(body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        req.send().await.expect("request")
    }

    pub async fn post_multipart(&self, path: &str, form: reqwest::multipart::Form, token: Option<&str>) -> Response {
        let mut req = self.client.post(self.url(path)).multipart(form);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        req.send().await.expect("request")
    }

    pub async fn delete_auth(&self, path: &str, token: &str) -> Response {
        self.client.delete(self.url(path)).bearer_auth(token).send().await.expect("request")
    }

    /// The body of a GET as JSON, whatever the status.
    pub async fn get_json(&self, path: &str) -> Value {
        self.get(path).await.json().await.expect("json")
    }

    /// The body of an authenticated GET as JSON, whatever the status.
    pub async fn get_auth_json(&self, path: &str, token: &str) -> Value {
        self.get_auth(path, token).await.json().await.expect("json")
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
        self.sign_in(&email).await
    }

    /// Signs an existing account (with `PASSWORD`) in through the API; returns the bearer token.
    pub async fn sign_in(&self, email: &str) -> String {
        let res = self.post_json(&paths::login(), &json!({"email": email, "password": PASSWORD}), None).await;
        let status = res.status();
        let body: Value = res.json().await.expect("json");
        assert_eq!(status, StatusCode::OK, "sign in as {email}: {body}");
        body["access_token"].as_str().expect("token").to_owned()
    }

    /// The token of this app's staff account (signed in on first use), which the seed uses.
    pub async fn staff(&self) -> String {
        self.staff.get_or_init(|| self.token(Role::Staff)).await.clone()
    }

    /// Creates a training through the API and returns its JSON.
    pub async fn create_training(&self, token: &str, input: &Value) -> Value {
        let res = self.post_json(&paths::admin_trainings(), input, Some(token)).await;
        let status = res.status();
        let body: Value = res.json().await.expect("json");
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }

    /// Creates and publishes a training.
    pub async fn published_training(&self, token: &str, input: &Value) -> Value {
        let created = self.create_training(token, input).await;
        let res = self.post_empty(&paths::publish(&created["id"]), token).await;
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

    /// The My Page key from the first mail to `email`.
    pub async fn my_page_key(&self, email: &str) -> String {
        let mails = self.mails_to(email, 1).await;
        key_from_mail(mails.first().unwrap_or_else(|| panic!("no mail to {email}")))
    }

    /// Applies to a training with a valid form for `email`, changed by `changes`.
    pub async fn apply(&self, training_id: i64, email: &str, changes: Value) -> Response {
        let body = with(application_form(email), changes);
        self.post_json(&paths::training_applications(training_id), &body, None).await
    }

    /// Sends this application body with an `Idempotency-Key`.
    pub async fn apply_with_key(&self, training_id: i64, body: &Value, key: &str) -> Response {
        let req = self.client.post(self.url(&paths::training_applications(training_id)));
        req.header("Idempotency-Key", key).json(body).send().await.expect("request")
    }

    /// Submits the practical form (JSON) to a training.
    pub async fn submit_practical(&self, training_id: i64, form: &Value) -> Response {
        self.post_json(&paths::training_practical_applications(training_id), form, None).await
    }

    /// Submits the practical form (JSON) with an `Idempotency-Key`.
    pub async fn submit_practical_with_key(&self, training_id: i64, form: &Value, key: &str) -> Response {
        let req = self.client.post(self.url(&paths::training_practical_applications(training_id)));
        req.header("Idempotency-Key", key).json(form).send().await.expect("request")
    }

    /// Submits the practical form as multipart with an attachment (a certificate's copy).
    pub async fn submit_practical_with_attachment(
        &self,
        training_id: i64,
        form: &Value,
        filename: &str,
        bytes: Vec<u8>,
    ) -> Response {
        let attachment = reqwest::multipart::Part::bytes(bytes).file_name(filename.to_owned());
        let parts = forms::practical_multipart(form).part("attachment", attachment);
        self.post_multipart(&paths::training_practical_applications(training_id), parts, None).await
    }

    /// Applications stored for a training (all statuses), counted through the repo.
    pub async fn count_applications(
        &self,
        training_id: i64,
        status: kenshu_domain::application::ApplicationStatus,
    ) -> u64 {
        kenshu_persistence::repos::applications::count(&self.state.db, training_id as i32, status).await.expect("count")
    }

    /// The My Page keys of the mails still in the outbox, oldest first: for an app without
    /// SMTP (`spawn_app_with_smtp(None)`), whose bodies keep their keys. Many applicants
    /// without reading the shared sink once per applicant.
    pub async fn keys_in_outbox(&self) -> Vec<String> {
        use sea_orm::{ConnectionTrait, Statement};
        let db = &self.state.db;
        let sql = "SELECT body FROM outbox ORDER BY id";
        let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.expect("outbox");
        rows.iter()
            .filter_map(|row| {
                let body: String = row.try_get_by_index(0).ok()?;
                let start = body.find("/me/")? + 4;
                Some(body[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect())
            })
            .collect()
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

/// The My Page key in an acknowledgement mail.
pub fn key_from_mail(mail: &Value) -> String {
    let text = mail["text"].as_str().expect("text body");
    let start = text.find("/me/").expect("a My Page link") + 4;
    text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
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

/// A staff sign-in as the SPA holds it: the session cookie and its CSRF token.
#[derive(Debug, Clone)]
pub struct CookieSession {
    /// `kenshu_session=…`, as a `Cookie` header sends it.
    pub cookie: String,
    pub csrf_token: String,
    /// The `Set-Cookie` header the sign-in answered with.
    pub set_cookie: String,
}

impl TestApp {
    /// Signs `email` in (with `PASSWORD`) and keeps the cookie and CSRF token.
    pub async fn cookie_sign_in(&self, email: &str) -> CookieSession {
        let res = self.post_json(&paths::login(), &json!({"email": email, "password": PASSWORD}), None).await;
        assert_eq!(res.status(), StatusCode::OK);
        let set_cookie = res.headers().get("set-cookie").expect("a session cookie").to_str().expect("ascii").to_owned();
        let body: Value = res.json().await.expect("json");
        let cookie = set_cookie.split(';').next().expect("name=value").to_owned();
        CookieSession { cookie, set_cookie, csrf_token: body["csrf_token"].as_str().expect("csrf").to_owned() }
    }

    /// A request signed in by the cookie; `csrf` adds the session's `X-CSRF-Token`.
    pub fn with_cookie(
        &self,
        method: reqwest::Method,
        path: &str,
        session: &CookieSession,
        csrf: bool,
    ) -> reqwest::RequestBuilder {
        let req = self.client.request(method, self.url(path)).header("cookie", &session.cookie);
        if csrf {
            req.header("x-csrf-token", &session.csrf_token)
        } else {
            req
        }
    }

    /// An admin account signed in through the API: (email, bearer token).
    pub async fn admin(&self) -> (String, String) {
        let email = format!("admin-{}@kenshu.test", COUNTER.fetch_add(1, Ordering::SeqCst));
        self.create_user(&email, Role::Admin).await;
        let token = self.sign_in(&email).await;
        (email, token)
    }

    /// An API token with these scopes, created by a new admin; returns its secret.
    pub async fn api_token(&self, scopes: &[&str]) -> String {
        let (_, admin) = self.admin().await;
        let res =
            self.post_json(&paths::api_tokens(), &json!({"name": "テスト連携", "scopes": scopes}), Some(&admin)).await;
        let status = res.status();
        let body: Value = res.json().await.expect("json");
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["secret"].as_str().expect("secret").to_owned()
    }
}
