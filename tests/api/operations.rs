use kenshu_api_tests::{assert_problem, paths, spawn_app};
use kenshu_persistence::ConnectionTrait;

#[tokio::test]
async fn healthz_and_readyz_answer() {
    let app = spawn_app().await;
    let res = app.get(paths::HEALTHZ).await;
    assert_eq!(res.status(), 200);
    let res = app.get(paths::READYZ).await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ready");
}

#[tokio::test]
async fn readyz_fails_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.state.db.clone().close().await.unwrap();
    assert_problem(app.get(paths::READYZ).await, 503, "database_unavailable").await;
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern() {
    let app = spawn_app().await;
    app.get(&paths::training(12345)).await;
    let text = app.get(paths::METRICS).await.text().await.unwrap();
    let route = paths::training("{id}");
    assert!(text.contains(&format!(r#"http_requests_total{{method="GET",route="{route}",status="404"}} 1"#)), "{text}");
    assert!(text.contains("http_request_duration_seconds_bucket"));
    // The concrete path (which may hold a key on other routes) never becomes a label.
    assert!(!text.contains("12345"));
}

#[tokio::test]
async fn the_api_viewer_works_offline() {
    let app = spawn_app().await;
    let res = app.get(paths::DOCS).await;
    assert_eq!(res.status(), 308);
    let html = app.get(&paths::docs_asset("")).await.text().await.unwrap();
    assert!(html.contains("swagger-ui"));
    for asset in ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-initializer.js"] {
        let res = app.get(&paths::docs_asset(asset)).await;
        assert_eq!(res.status(), 200, "{asset}");
        let text = res.text().await.unwrap();
        assert!(!text.contains("cdn.jsdelivr.net") && !text.contains("unpkg.com"), "{asset} loads from a CDN");
    }
    let init = app.get(&paths::docs_asset("swagger-initializer.js")).await.text().await.unwrap();
    assert!(init.contains(&paths::openapi_json()));
}

#[tokio::test]
async fn unknown_api_paths_are_problems_not_the_spa() {
    let app = spawn_app().await;
    assert_problem(app.get(&paths::api("/nothing-here")).await, 404, "route_not_found").await;
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let app = spawn_app().await;
    let res = app.get(&paths::trainings()).await;
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn server_errors_show_a_generic_message_and_no_cause() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let training = app.seed().training().draft().await;
    // A stored value no type reads is broken data: a logged 500, never a guess.
    app.state
        .db
        .execute_unprepared(&format!("UPDATE trainings SET status = 'bogus' WHERE id = {}", training.id))
        .await
        .unwrap();
    let problem = assert_problem(app.get_auth(&paths::admin_trainings(), &staff).await, 500, "internal_error").await;
    assert_eq!(problem["title"], "システムエラーが発生しました。時間をおいて再度お試しください");
    assert!(problem.get("detail").is_none(), "{problem}");
}

#[tokio::test]
async fn a_closed_database_is_unavailable_with_a_time_to_retry() {
    let app = spawn_app().await;
    app.state.db.clone().close().await.unwrap();
    let res = app.get(&paths::trainings()).await;
    assert_eq!(res.headers()["retry-after"], "2");
    let problem = assert_problem(res, 503, "database_unavailable").await;
    assert!(problem.get("detail").is_none(), "{problem}");
}
