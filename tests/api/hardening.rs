//! Issue 9's hardening points, each with a test that fails when its fix is removed.

use std::net::{IpAddr, Ipv4Addr};

use kenshu_api_tests::{assert_problem, spawn_app, spawn_app_with, spawn_instances, TestApp, PASSWORD};
use kenshu_domain::staff::Role;
use kenshu_persistence::repos::staff_users;
use kenshu_persistence::ConnectionTrait;
use serde_json::{json, Value};

/// A client whose connections come from `127.0.0.n` (Linux routes all of 127/8 to loopback).
fn client_from(n: u8) -> reqwest::Client {
    reqwest::Client::builder().local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, n))).build().expect("client")
}

async fn login_from(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> reqwest::Response {
    client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("request")
}

async fn sign_in(app: &TestApp, email: &str) -> String {
    let res = app.post_json("/api/v1/auth/login", &json!({"email": email, "password": PASSWORD}), None).await;
    assert_eq!(res.status(), 200, "sign in as {email}");
    let body: Value = res.json().await.expect("json");
    body["access_token"].as_str().expect("token").to_owned()
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
    let token = sign_in(&apps[0], "leaving@kenshu.test").await;
    for app in &apps {
        assert_eq!(app.get_auth("/api/v1/admin/trainings", &token).await.status(), 200);
    }
    staff_users::disable(&apps[0].state.db, "leaving@kenshu.test", time::OffsetDateTime::now_utc()).await.unwrap();
    for app in &apps {
        assert_problem(app.get_auth("/api/v1/admin/trainings", &token).await, 401, "invalid_token").await;
    }
    let res = apps[1]
        .post_json("/api/v1/auth/login", &json!({"email": "leaving@kenshu.test", "password": PASSWORD}), None)
        .await;
    assert_problem(res, 401, "invalid_credentials").await;
}

#[tokio::test]
async fn a_deleted_account_loses_its_tokens_at_once() {
    let app = spawn_app().await;
    app.create_user("gone@kenshu.test", Role::Admin).await;
    let token = sign_in(&app, "gone@kenshu.test").await;
    assert_eq!(app.get_auth("/api/v1/admin/trainings", &token).await.status(), 200);
    app.state.db.execute_unprepared("DELETE FROM staff_users WHERE email = 'gone@kenshu.test'").await.unwrap();
    assert_problem(app.get_auth("/api/v1/admin/trainings", &token).await, 401, "invalid_token").await;
}

#[tokio::test]
async fn metrics_labels_come_from_a_fixed_set_whatever_clients_send() {
    let app = spawn_app().await;
    for n in 0..40 {
        let method = reqwest::Method::from_bytes(format!("KENSHU{n}").as_bytes()).unwrap();
        app.client.request(method, app.url(&format!("/api/v1/no-such-{n}"))).send().await.unwrap();
        app.get(&format!("/anything-{n}/deeper")).await;
        app.get(&format!("/api/v1/trainings/{n}x")).await;
    }
    let text = app.get("/metrics").await.text().await.unwrap();
    assert!(!text.contains("KENSHU"), "a method sent by a client became a label");
    assert!(!text.contains("no-such") && !text.contains("anything-"), "a path became a label");
    let series: Vec<&str> = text.lines().filter(|l| l.starts_with("http_requests_total{")).collect();
    assert!(series.iter().any(|l| l.contains(r#"method="other""#)), "{series:#?}");
    assert!(series.len() <= 4, "{series:#?}");
}

#[tokio::test]
async fn a_panic_in_a_request_is_a_logged_500_problem_not_a_dropped_connection() {
    let app = spawn_app_with(|config| config.test_routes = true).await;
    let res = app.client.get(app.url("/__test/panic")).send().await.expect("an answer, not a dropped connection");
    let problem = assert_problem(res, 500, "internal_error").await;
    assert_eq!(problem["title"], "システムエラーが発生しました。時間をおいて再度お試しください");
    assert!(problem.get("detail").is_none(), "{problem}");
    assert_eq!(app.get("/healthz").await.status(), 200);
    // Only the test harness can add the route: a configuration from the environment has none.
    assert_ne!(spawn_app().await.get("/__test/panic").await.status(), 500);
}
