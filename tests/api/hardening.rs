//! Issue 9's hardening points, each with a test that fails when its fix is removed.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kenshu_api_tests::forms::titled_file_form;
use kenshu_api_tests::{assert_problem, paths, spawn_app, spawn_app_with, spawn_instances, TestApp, PASSWORD};
use kenshu_domain::staff::Role;
use kenshu_persistence::repos::staff_users;
use kenshu_persistence::ConnectionTrait;
use serde_json::{json, Value};

use crate::files::PDF;

/// A client whose connections come from `127.0.0.n` (Linux routes all of 127/8 to loopback).
fn client_from(n: u8) -> reqwest::Client {
    reqwest::Client::builder().local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n))).build().expect("client")
}

async fn login_from(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> reqwest::Response {
    let body = json!({"email": email, "password": password});
    client.post(app.url(&paths::login())).json(&body).send().await.expect("request")
}

#[tokio::test]
async fn guessing_from_one_address_locks_out_that_address_not_the_rightful_user() {
    let app = spawn_app().await;
    app.create_user("jimukyoku@kenshu.test", Role::Staff).await;
    let attacker = client_from(2);
    for _ in 0..5 {
        assert_eq!(login_from(&app, &attacker, "jimukyoku@kenshu.test", "a wrong guess").await.status(), 401);
    }
    let refused = login_from(&app, &attacker, "jimukyoku@kenshu.test", "another wrong guess").await;
    assert!(refused.headers().contains_key("retry-after"), "{:?}", refused.headers());
    assert_problem(refused, 429, "too_many_requests").await;
    // Even the right password is refused from the guessing address for now …
    let res = login_from(&app, &attacker, "jimukyoku@kenshu.test", PASSWORD).await;
    assert_problem(res, 429, "too_many_requests").await;
    // … while the rightful user, from another address, signs in.
    let res = login_from(&app, &client_from(3), "jimukyoku@kenshu.test", PASSWORD).await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_disabled_account_loses_its_tokens_at_once_on_every_instance() {
    let apps = spawn_instances(2).await;
    apps[0].create_user("leaving@kenshu.test", Role::Staff).await;
    let token = apps[0].sign_in("leaving@kenshu.test").await;
    for app in &apps {
        assert_eq!(app.get_auth(&paths::admin_trainings(), &token).await.status(), 200);
    }
    staff_users::disable(&apps[0].state.db, "leaving@kenshu.test", time::OffsetDateTime::now_utc()).await.unwrap();
    for app in &apps {
        assert_problem(app.get_auth(&paths::admin_trainings(), &token).await, 401, "invalid_token").await;
    }
    let res =
        apps[1].post_json(&paths::login(), &json!({"email": "leaving@kenshu.test", "password": PASSWORD}), None).await;
    assert_problem(res, 401, "invalid_credentials").await;
}

#[tokio::test]
async fn a_deleted_account_loses_its_tokens_at_once() {
    let app = spawn_app().await;
    app.create_user("gone@kenshu.test", Role::Admin).await;
    let token = app.sign_in("gone@kenshu.test").await;
    assert_eq!(app.get_auth(&paths::admin_trainings(), &token).await.status(), 200);
    app.state.db.execute_unprepared("DELETE FROM staff_users WHERE email = 'gone@kenshu.test'").await.unwrap();
    assert_problem(app.get_auth(&paths::admin_trainings(), &token).await, 401, "invalid_token").await;
}

#[tokio::test]
async fn metrics_labels_come_from_a_fixed_set_whatever_clients_send() {
    let app = spawn_app().await;
    for n in 0..40 {
        let method = reqwest::Method::from_bytes(format!("KENSHU{n}").as_bytes()).unwrap();
        app.client.request(method, app.url(&paths::api(&format!("/no-such-{n}")))).send().await.unwrap();
        app.get(&format!("/anything-{n}/deeper")).await;
        app.get(&paths::training(format!("{n}x"))).await;
    }
    let text = app.get(paths::METRICS).await.text().await.unwrap();
    assert!(!text.contains("KENSHU"), "a method sent by a client became a label");
    assert!(!text.contains("no-such") && !text.contains("anything-"), "a path became a label");
    let series: Vec<&str> = text.lines().filter(|l| l.starts_with("http_requests_total{")).collect();
    assert!(series.iter().any(|l| l.contains(r#"method="other""#)), "{series:#?}");
    assert!(series.len() <= 4, "{series:#?}");
}

#[tokio::test]
async fn a_panic_in_a_request_is_a_logged_500_problem_not_a_dropped_connection() {
    let app = spawn_app_with(|config| config.test_routes = true).await;
    let res = app.client.get(app.url(paths::TEST_PANIC)).send().await.expect("an answer, not a dropped connection");
    let problem = assert_problem(res, 500, "internal_error").await;
    assert_eq!(problem["title"], "システムエラーが発生しました。時間をおいて再度お試しください");
    assert!(problem.get("detail").is_none(), "{problem}");
    assert_eq!(app.get(paths::HEALTHZ).await.status(), 200);
    // Only the test harness can add the route: a configuration from the environment has none.
    assert_ne!(spawn_app().await.get(paths::TEST_PANIC).await.status(), 500);
}

fn assert_no_store(res: &reqwest::Response, what: &str) {
    let cache_control = res.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(cache_control.split(',').any(|d| d.trim() == "no-store"), "{what}: {} {cache_control:?}", res.status());
}

/// A published training with a participants' file and one application; returns the
/// training id, the applicant's My Page key and the file id.
async fn applied(app: &TestApp, token: &str) -> (i64, String, i64) {
    let id = app.seed().training().by(token).published().await.id;
    let form = titled_file_form("Zoom操作方法", PDF, "zoom.pdf", "participants");
    let res = app.post_multipart(&paths::admin_training_files(id), form, Some(token)).await;
    assert_eq!(res.status(), 201);
    assert_no_store(&res, "a staff upload");
    let file_id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let email = app.unique_email("no-store");
    let res = app.apply(id, &email, json!({})).await;
    assert_eq!(res.status(), 201);
    assert_no_store(&res, "the apply response");
    (id, app.my_page_key(&email).await, file_id)
}

#[tokio::test]
async fn personal_answers_are_never_stored_by_browsers_or_proxies() {
    let app = spawn_app().await;
    app.create_user("jimukyoku@kenshu.test", Role::Staff).await;
    let res =
        app.post_json(&paths::login(), &json!({"email": "jimukyoku@kenshu.test", "password": PASSWORD}), None).await;
    assert_no_store(&res, "the sign-in answer");
    let token = res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();
    let (id, key, file_id) = applied(&app, &token).await;
    let personal = [
        paths::me(&key),
        paths::me_file(&key, file_id),
        paths::me(&"0".repeat(48)),
        paths::admin_training_applications(id),
        paths::admin_training_file(id, file_id),
        paths::outbox(),
    ];
    for path in personal {
        assert_no_store(&app.get_auth(&path, &token).await, &path);
    }
    let res = app.post_json(&paths::me_cancel(&key), &json!({}), None).await;
    assert_eq!(res.status(), 200);
    assert_no_store(&res, "the cancellation answer");
    // The SPA page that holds the key in its URL is not stored either.
    assert_no_store(&app.get(&paths::spa_me(&key)).await, "the My Page page");
}

#[tokio::test]
async fn the_spa_runs_under_a_strict_content_security_policy() {
    let app = spawn_app().await;
    let strict = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                  frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    for path in ["/".to_owned(), paths::spa_me("0123abcd"), "/staff/login".to_owned(), paths::trainings()] {
        let res = app.get(&path).await;
        assert_eq!(res.headers().get("content-security-policy").map(|v| v.to_str().unwrap()), Some(strict), "{path}");
    }
    // The API viewer has its own policy (Swagger UI sets inline styles), still without inline script.
    let res = app.get(&paths::docs_asset("")).await;
    let docs = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(docs.contains("script-src 'self';") && docs.contains("frame-ancestors 'none'"), "{docs}");
}

/// Requests that must get an answer while the database is unusable: an API read, a staff
/// sign-in and the readiness probe. Each must answer 503 with Retry-After; the client gives up
/// after 5 s, so a server that waits for the database (10 s before) fails here.
async fn assert_unavailable_promptly(app: &TestApp) {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
    let login = json!({"email": "jimukyoku@kenshu.test", "password": PASSWORD});
    let requests = [
        client.get(app.url(&paths::trainings())),
        client.post(app.url(&paths::login())).json(&login),
        client.get(app.url(paths::READYZ)),
    ];
    for request in requests {
        let res = request.send().await.expect("an answer within 5 s");
        let what = res.url().path().to_owned();
        assert!(res.headers().contains_key("retry-after"), "{what}: {:?}", res.headers());
        assert_problem(res, 503, "database_unavailable").await;
    }
}

/// Every connection of the app's pool, held until dropped.
async fn hold_every_connection(app: &TestApp) -> Vec<Box<dyn std::any::Any + Send>> {
    let db = &app.state.db;
    let mut held: Vec<Box<dyn std::any::Any + Send>> = Vec::new();
    match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            for _ in 0..pool.options().get_max_connections() {
                held.push(Box::new(pool.acquire().await.unwrap()));
            }
        }
        _ => {
            let pool = db.get_sqlite_connection_pool();
            for _ in 0..pool.options().get_max_connections() {
                held.push(Box::new(pool.acquire().await.unwrap()));
            }
        }
    }
    held
}

#[tokio::test]
async fn no_free_database_connection_answers_503_with_retry_after_promptly() {
    let app = spawn_app().await;
    let held = hold_every_connection(&app).await;
    assert_unavailable_promptly(&app).await;
    drop(held);
    assert_eq!(app.get(&paths::trainings()).await.status(), 200);
}

/// A TCP forwarder between the app and PostgreSQL that the test can cut.
struct Forwarder {
    port: u16,
    tasks: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Forwarder {
    async fn start(upstream: String) -> Forwarder {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let tasks = Arc::new(Mutex::new(Vec::new()));
        let connections = tasks.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let upstream = upstream.clone();
                let connection = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                connections.lock().unwrap().push(connection);
            }
        });
        tasks.lock().unwrap().push(accept);
        Forwarder { port, tasks }
    }

    /// Closes the listening port and drops every connection: the database is gone.
    fn stop(&self) {
        for task in self.tasks.lock().unwrap().drain(..) {
            task.abort();
        }
    }
}

/// `postgres://user@host:port/db` → `host:port`, and the URL with another host and port.
fn host_port(url: &str) -> (String, String, String) {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (userinfo, rest) = rest.rsplit_once('@').map(|(u, r)| (format!("{u}@"), r)).unwrap_or((String::new(), rest));
    let (host, path) = rest.split_once('/').unwrap();
    (host.to_owned(), format!("{scheme}://{userinfo}"), format!("/{path}"))
}

#[tokio::test]
async fn a_database_that_went_away_answers_503_with_retry_after_promptly() {
    let Some(admin_url) = std::env::var("KENSHU_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres")) else {
        // SQLite is a file, not a server that can go away; the pool-timeout half of this
        // protection runs on SQLite in no_free_database_connection_answers_503_….
        eprintln!("skipped on SQLite: needs KENSHU_TEST_DATABASE_URL=postgres://…");
        return;
    };
    let forwarder = Forwarder::start(host_port(&admin_url).0).await;
    let app = spawn_app_with(|config| {
        let (_, before, after) = host_port(&config.database_url);
        config.database_url = format!("{before}127.0.0.1:{}{after}", forwarder.port);
    })
    .await;
    assert_eq!(app.get(&paths::trainings()).await.status(), 200);
    forwarder.stop();
    assert_unavailable_promptly(&app).await;
}

/// Every documented path, asked with a method it does not take, answers 405 with the `Allow`
/// the document lists (issue 13: unlisted methods answered 404, or 405 without `Allow`).
#[tokio::test]
async fn an_unlisted_method_is_405_with_the_documented_allow() {
    let app = spawn_app().await;
    let document = app.get_json(&paths::openapi_json()).await;
    let documented = document["paths"].as_object().expect("paths");
    let methods = ["get", "post", "put", "patch", "delete"];
    for (path, item) in documented {
        let listed: Vec<&str> = methods.iter().copied().filter(|m| item.get(*m).is_some()).collect();
        let Some(unlisted) = methods.iter().find(|m| !listed.contains(m)) else { continue };
        let concrete = path.split('/').map(|s| if s.starts_with('{') { "1" } else { s }).collect::<Vec<_>>().join("/");
        let method = reqwest::Method::from_bytes(unlisted.to_uppercase().as_bytes()).expect("method");
        let res = app.client.request(method, app.url(&concrete)).send().await.expect("request");
        let allow = res.headers().get("allow").map(|v| v.to_str().unwrap_or_default().to_owned());
        let want = listed.iter().map(|m| m.to_uppercase()).collect::<Vec<_>>().join(", ");
        assert_eq!(allow.as_deref(), Some(want.as_str()), "{unlisted} {concrete}");
        assert_problem(res, 405, "method_not_allowed").await;
    }
    // A path nobody documented stays a 404; the SPA's paths take GET and HEAD only.
    let res = app.client.post(app.url("/api/v1/nothing-here")).send().await.expect("request");
    assert_problem(res, 404, "route_not_found").await;
    let res = app.client.delete(app.url("/staff/login")).send().await.expect("request");
    assert_eq!(res.headers().get("allow").map(|v| v.to_str().unwrap_or_default()), Some("GET, HEAD"));
    assert_problem(res, 405, "method_not_allowed").await;
}
