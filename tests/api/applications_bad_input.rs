//! Every bad application is refused with a clear problem; nothing is stored, no mail queued.

use kenshu_api_tests::{application_form, assert_problem, error_fields, paths, rfc3339_in, spawn_app, with, TestApp};
use kenshu_domain::application::ApplicationStatus::{Confirmed, Waitlisted};
use serde_json::{json, Value};
use time::Duration;

/// A published training that requires the self-check.
async fn training(app: &TestApp) -> i64 {
    app.seed().training().checklist_required().published().await.id
}

async fn refused(app: &TestApp, id: i64, body: Value, status: u16, code: &str) -> Value {
    let res = app.post_json(&paths::training_applications(id), &body, None).await;
    let problem = assert_problem(res, status, code).await;
    assert_eq!(app.count_applications(id, Confirmed).await + app.count_applications(id, Waitlisted).await, 0);
    assert_eq!(app.count_outbox().await, 0, "no mail queued");
    problem
}

/// A valid form with these changes, refused as invalid.
async fn invalid(app: &TestApp, id: i64, changes: Value) -> Value {
    refused(app, id, with(application_form("a@example.jp"), changes), 422, "validation_failed").await
}

#[tokio::test]
async fn every_bad_field_is_reported_at_once_in_japanese() {
    let app = spawn_app().await;
    let id = training(&app).await;
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
    let id = training(&app).await;
    let problem = invalid(&app, id, json!({"email_confirmation": "b@example.jp"})).await;
    assert_eq!(problem["errors"][0]["code"], "mismatch");
    assert_eq!(problem["errors"][0]["message"], "メールアドレスが一致しません");
    let problem = invalid(&app, id, json!({"privacy_consent": false})).await;
    assert_eq!(error_fields(&problem), ["privacy_consent"]);
}

#[tokio::test]
async fn a_job_title_too_long_or_with_a_control_character_is_named_in_japanese() {
    let app = spawn_app().await;
    let id = training(&app).await;
    let problem = invalid(&app, id, json!({"job_title": "𠮷".repeat(41)})).await;
    assert_eq!(error_fields(&problem), ["job_title"]);
    assert_eq!(problem["errors"][0]["code"], "length");
    assert_eq!(problem["errors"][0]["message"], "資格・職名は40文字以内で入力してください");
    let problem = invalid(&app, id, json!({"job_title": "主任介護支援専門員\r\n"})).await;
    assert_eq!(problem["errors"][0]["code"], "control_character");
    assert_eq!(problem["errors"][0]["message"], "資格・職名に使用できない文字（制御文字）が含まれています");
    let problem = invalid(&app, id, json!({"job_title": "主任\t介護支援専門員"})).await;
    assert_eq!(error_fields(&problem), ["job_title"]);
    assert_eq!(problem["errors"][0]["code"], "control_character");
    // 40 characters after folding are taken: ｹﾞ is one character once widened.
    let folded = format!("{}{}", "ｹﾞ".repeat(20), "主".repeat(20));
    let res = app.apply(id, "a@example.jp", json!({"job_title": folded})).await;
    assert_eq!(res.status(), 201, "{:?}", res.text().await);
}

#[tokio::test]
async fn thirty_three_answers_are_not_enough() {
    let app = spawn_app().await;
    let id = training(&app).await;
    let answers = vec![true; 33];
    let problem = invalid(&app, id, json!({"checklist_answers": answers})).await;
    assert_eq!(error_fields(&problem), ["checklist_answers"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("34"));
    let problem = invalid(&app, id, json!({"checklist_answers": null})).await;
    assert_eq!(error_fields(&problem), ["checklist_answers"]);
}

#[tokio::test]
async fn closed_draft_and_unknown_trainings_refuse() {
    let app = spawn_app().await;
    let draft = app.seed().training().checklist_required().draft().await.id;
    refused(&app, draft, application_form("a@example.jp"), 404, "training_not_found").await;
    refused(&app, 987_654, application_form("a@example.jp"), 404, "training_not_found").await;
    let closed = app.seed().training().checklist_required().title("締切済み").published().await.id;
    app.post_empty(&paths::close(closed), &app.staff().await).await;
    refused(&app, closed, application_form("a@example.jp"), 409, "applications_closed").await;
    let upcoming =
        app.seed().training().checklist_required().title("受付前").opens_in(Duration::days(3)).published().await.id;
    refused(&app, upcoming, application_form("a@example.jp"), 409, "applications_not_open").await;
    let practical_schedule = json!([{"label": "第1日程", "starts_at": rfc3339_in(Duration::days(20)),
        "ends_at": rfc3339_in(Duration::days(21)), "capacity": 10}]);
    let practical = app
        .seed()
        .training()
        .checklist_required()
        .title("実践研修")
        .with(json!({"form_kind": "practical", "exercise_schedules": practical_schedule}))
        .published()
        .await
        .id;
    refused(&app, practical, application_form("a@example.jp"), 409, "wrong_application_form").await;
}

#[tokio::test]
async fn oversize_bodies_and_wrong_content_types_are_refused() {
    let app = spawn_app().await;
    let id = training(&app).await;
    let mut huge = application_form("a@example.jp");
    huge["workplace"] = json!("あ".repeat(40_000));
    refused(&app, id, huge, 413, "payload_too_large").await;
    let res =
        app.post_raw(&paths::training_applications(id), "application/x-www-form-urlencoded", "full_name=a", None).await;
    assert_problem(res, 415, "unsupported_media_type").await;
    let res = app.apply_with_key(id, &application_form("a@example.jp"), "with spaces").await;
    assert_problem(res, 400, "invalid_idempotency_key").await;
    assert_eq!(app.count_outbox().await, 0);
}
