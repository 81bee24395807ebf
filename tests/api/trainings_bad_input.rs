//! Every class of bad input answers with a problem naming the cause, and stores nothing.

use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, training_input, with, TestApp};
use serde_json::{json, Value};

/// Sends a new training as staff.
async fn create(app: &TestApp, input: &Value) -> reqwest::Response {
    app.post_json(&paths::admin_trainings(), input, Some(&app.staff().await)).await
}

/// A valid training with these changes, refused with `code` on a fresh app; nothing stored.
async fn rejected(changes: Value, code: &str) -> Value {
    let app = spawn_app().await;
    let res = create(&app, &with(training_input(), changes)).await;
    let problem = assert_problem(res, 422, code).await;
    assert_eq!(app.count_trainings().await, 0, "nothing is stored");
    problem
}

/// A POST of these raw bytes to the staff's trainings.
async fn create_raw(app: &TestApp, content_type: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
    app.post_raw(&paths::admin_trainings(), content_type, body, Some(&app.staff().await)).await
}

#[tokio::test]
async fn a_missing_field_is_named() {
    let app = spawn_app().await;
    let mut input = training_input();
    input.as_object_mut().unwrap().remove("capacity");
    let res = create(&app, &input).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["capacity"]);
    assert_eq!(problem["errors"][0]["code"], "required");
    assert_eq!(app.count_trainings().await, 0);
}

#[tokio::test]
async fn a_wrong_type_is_named() {
    let problem = rejected(json!({"capacity": "百"}), "validation_failed").await;
    assert_eq!(error_fields(&problem), ["capacity"]);
    assert_eq!(problem["errors"][0]["code"], "invalid_type");
    let problem = rejected(json!({"format": "zoom"}), "validation_failed").await;
    assert_eq!(error_fields(&problem), ["format"]);
    assert_eq!(problem["errors"][0]["code"], "invalid_choice");
    let problem = rejected(json!({"starts_at": "2026年12月17日"}), "validation_failed").await;
    assert_eq!(error_fields(&problem), ["starts_at"]);
}

#[tokio::test]
async fn over_long_strings_are_refused() {
    let problem = rejected(json!({"title": "𠮷".repeat(201)}), "validation_failed").await;
    assert_eq!(error_fields(&problem), ["title"]);
    assert_eq!(problem["errors"][0]["message"], "研修名は1〜200文字で入力してください");
    let problem = rejected(json!({"title": "   "}), "validation_failed").await;
    assert_eq!(error_fields(&problem), ["title"], "blank after trimming");
}

#[tokio::test]
async fn a_start_after_its_end_is_refused() {
    let input = training_input();
    let problem =
        rejected(json!({"starts_at": input["ends_at"], "ends_at": input["starts_at"]}), "validation_failed").await;
    assert!(error_fields(&problem).contains(&"ends_at".to_owned()), "{problem}");
    let problem = rejected(
        json!({"application_opens_at": input["application_closes_at"], "application_closes_at": input["application_opens_at"]}),
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["application_closes_at"]);
}

#[tokio::test]
async fn capacity_must_be_positive() {
    for capacity in [0, -1] {
        let problem = rejected(json!({"capacity": capacity}), "validation_failed").await;
        assert_eq!(error_fields(&problem), ["capacity"]);
        assert_eq!(problem["errors"][0]["message"], "定員は1〜10000の範囲で入力してください");
    }
}

#[tokio::test]
async fn every_bad_field_is_reported_at_once() {
    let input = training_input();
    let problem = rejected(
        json!({"title": "", "venue": "", "capacity": 0, "fee_yen": -500, "format": "online",
               "ends_at": input["starts_at"], "exercise_schedules": [{"label": "", "starts_at": input["starts_at"], "ends_at": input["ends_at"], "capacity": 0}]}),
        "validation_failed",
    )
    .await;
    let fields = error_fields(&problem);
    for field in [
        "title",
        "venue",
        "capacity",
        "fee_yen",
        "ends_at",
        "zoom_url",
        "zoom_meeting_id",
        "exercise_schedules",
        "exercise_schedules[0].label",
        "exercise_schedules[0].capacity",
    ] {
        assert!(fields.contains(&field.to_owned()), "{field} missing from {fields:?}");
    }
    for error in problem["errors"].as_array().unwrap() {
        assert!(error["message"].as_str().unwrap().chars().any(|c| c > '\u{3000}'), "Japanese message: {error}");
    }
}

#[tokio::test]
async fn broken_json_and_oversize_bodies_are_refused() {
    let app = spawn_app().await;
    assert_problem(create_raw(&app, "application/json", b"{\"title\": ".as_slice()).await, 400, "malformed_json").await;
    let mut huge = training_input();
    huge["purpose"] = json!("あ".repeat(70_000));
    let res = create_raw(&app, "application/json", serde_json::to_vec(&huge).unwrap()).await;
    assert_problem(res, 413, "payload_too_large").await;
    let res = create_raw(&app, "application/x-www-form-urlencoded", "title=x").await;
    assert_problem(res, 415, "unsupported_media_type").await;
    assert_eq!(app.count_trainings().await, 0);
}

#[tokio::test]
async fn unknown_and_unparsable_ids_are_404() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    assert_problem(app.get(&paths::training(424242)).await, 404, "training_not_found").await;
    assert_problem(app.get(&paths::training("abc")).await, 404, "not_found").await;
    assert_problem(app.get_auth(&paths::admin_training(424242), &staff).await, 404, "training_not_found").await;
    let res = app.put_json(&paths::admin_training(424242), &training_input(), &staff).await;
    assert_problem(res, 404, "training_not_found").await;
}

#[tokio::test]
async fn bad_pagination_is_named() {
    let app = spawn_app().await;
    let problem = assert_problem(app.get(&paths::trainings_page(0, 500)).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["page", "per_page"]);
    assert_problem(app.get(&paths::trainings_query("page=abc")).await, 400, "invalid_query").await;
}

#[tokio::test]
async fn a_failed_edit_changes_nothing() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().draft().await;
    let edit = with(training_input(), json!({"title": "変更後", "capacity": 0}));
    let res = app.put_json(&paths::admin_training(t.id), &edit, &staff).await;
    assert_problem(res, 422, "validation_failed").await;
    let after = app.get_auth_json(&paths::admin_training(t.id), &staff).await;
    assert_eq!(after["title"], t["title"]);
    assert_eq!(after["updated_at"], t["updated_at"]);
}

#[tokio::test]
async fn an_empty_form_names_every_required_field_at_once() {
    let problem = {
        let app = spawn_app().await;
        let res = create(&app, &json!({"capacity": "多い", "format": "zoom"})).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(app.count_trainings().await, 0);
        problem
    };
    let fields = error_fields(&problem);
    for field in [
        "title",
        "organiser",
        "starts_at",
        "ends_at",
        "venue",
        "fee_yen",
        "application_opens_at",
        "application_closes_at",
        "issues_certificate",
        "checklist_required",
        "form_kind",
        "capacity",
        "format",
    ] {
        assert!(fields.contains(&field.to_owned()), "{field} missing from {fields:?}");
    }
    let capacity = problem["errors"].as_array().unwrap().iter().find(|e| e["field"] == "capacity").unwrap();
    assert_eq!(capacity["message"], "整数で入力してください");
}
