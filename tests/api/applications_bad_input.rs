//! Every bad application is refused with a clear problem; nothing is stored, no mail queued.

use kenshu_api_tests::{application_form, assert_problem, error_fields, spawn_app, training_input, with, TestApp};
use kenshu_domain::application::ApplicationStatus::{Confirmed, Waitlisted};
use kenshu_domain::staff::Role;
use serde_json::{json, Value};

async fn training(app: &TestApp, changes: Value, publish: bool) -> i64 {
    let staff = app.token(Role::Staff).await;
    let input = with(with(training_input(), json!({"checklist_required": true})), changes);
    let t =
        if publish { app.published_training(&staff, &input).await } else { app.create_training(&staff, &input).await };
    t["id"].as_i64().unwrap()
}

async fn refused(app: &TestApp, id: i64, body: Value, status: u16, code: &str) -> Value {
    let res = app.post_json(&format!("/api/v1/trainings/{id}/applications"), &body, None).await;
    let problem = assert_problem(res, status, code).await;
    assert_eq!(app.count_applications(id, Confirmed).await + app.count_applications(id, Waitlisted).await, 0);
    assert_eq!(app.count_outbox().await, 0, "no mail queued");
    problem
}

#[tokio::test]
async fn every_bad_field_is_reported_at_once_in_japanese() {
    let app = spawn_app().await;
    let id = training(&app, json!({}), true).await;
    let mut answers = vec![json!(true); 34];
    answers[6] = Value::Null;
    let body = json!({"member": null, "full_name": "  ", "workplace": "あ".repeat(101), "phone": "０１２-ABC",
        "email": "hanako@example", "email_confirmation": "x@example.jp", "privacy_consent": false,
        "checklist_answers": answers});
    let problem = refused(&app, id, body, 422, "validation_failed").await;
    assert_eq!(
        error_fields(&problem),
        [
            "member",
            "full_name",
            "workplace",
            "phone",
            "email",
            "email_confirmation",
            "privacy_consent",
            "checklist_answers"
        ]
    );
    let checklist = &problem["errors"][7];
    assert_eq!(checklist["code"], "incomplete");
    assert!(checklist["message"].as_str().unwrap().contains("未回答: 7"), "{checklist}");
}

#[tokio::test]
async fn the_confirmation_must_match_and_consent_is_required() {
    let app = spawn_app().await;
    let id = training(&app, json!({}), true).await;
    let problem = refused(
        &app,
        id,
        with(application_form("a@example.jp"), json!({"email_confirmation": "b@example.jp"})),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "mismatch");
    assert_eq!(problem["errors"][0]["message"], "メールアドレスが一致しません");
    let problem = refused(
        &app,
        id,
        with(application_form("a@example.jp"), json!({"privacy_consent": false})),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["privacy_consent"]);
}

#[tokio::test]
async fn thirty_three_answers_are_not_enough() {
    let app = spawn_app().await;
    let id = training(&app, json!({}), true).await;
    let answers = vec![true; 33];
    let problem = refused(
        &app,
        id,
        with(application_form("a@example.jp"), json!({"checklist_answers": answers})),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["checklist_answers"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("34"));
    let problem = refused(
        &app,
        id,
        with(application_form("a@example.jp"), json!({"checklist_answers": null})),
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["checklist_answers"]);
}

#[tokio::test]
async fn closed_draft_and_unknown_trainings_refuse() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let draft = training(&app, json!({}), false).await;
    refused(&app, draft, application_form("a@example.jp"), 404, "training_not_found").await;
    refused(&app, 987_654, application_form("a@example.jp"), 404, "training_not_found").await;
    let closed = training(&app, json!({"title": "締切済み"}), true).await;
    app.post_empty(&format!("/api/v1/admin/trainings/{closed}/close"), &staff).await;
    refused(&app, closed, application_form("a@example.jp"), 409, "applications_closed").await;
    let later = kenshu_api_tests::rfc3339_in(time::Duration::days(3));
    let upcoming = training(&app, json!({"title": "受付前", "application_opens_at": later}), true).await;
    refused(&app, upcoming, application_form("a@example.jp"), 409, "applications_not_open").await;
    let practical_schedule = json!([{"label": "第1日程", "starts_at": kenshu_api_tests::rfc3339_in(time::Duration::days(20)),
        "ends_at": kenshu_api_tests::rfc3339_in(time::Duration::days(21)), "capacity": 10}]);
    let practical = training(
        &app,
        json!({"title": "実践研修", "form_kind": "practical", "exercise_schedules": practical_schedule}),
        true,
    )
    .await;
    refused(&app, practical, application_form("a@example.jp"), 409, "wrong_application_form").await;
}

#[tokio::test]
async fn oversize_bodies_and_wrong_content_types_are_refused() {
    let app = spawn_app().await;
    let id = training(&app, json!({}), true).await;
    let mut huge = application_form("a@example.jp");
    huge["workplace"] = json!("あ".repeat(40_000));
    refused(&app, id, huge, 413, "payload_too_large").await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/trainings/{id}/applications")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("full_name=a")
        .send()
        .await
        .unwrap();
    assert_problem(res, 415, "unsupported_media_type").await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/trainings/{id}/applications")))
        .header("content-type", "application/json")
        .header("Idempotency-Key", "with spaces")
        .json(&application_form("a@example.jp"))
        .send()
        .await
        .unwrap();
    assert_problem(res, 400, "invalid_idempotency_key").await;
    assert_eq!(app.count_outbox().await, 0);
}
