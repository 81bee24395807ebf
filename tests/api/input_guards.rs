//! Hostile text and dates in every form: a control character (a NUL byte above all, which
//! PostgreSQL cannot store) is a 422 naming its field, never a 500; a date in the year 9999
//! is refused before it can break a list or the eligibility check. Nothing is stored.

use kenshu_api_tests::{assert_problem, spawn_app, training_input, with, TestApp};
use kenshu_domain::application::ApplicationStatus;
use kenshu_domain::staff::Role;
use kenshu_persistence::repos::trainings;
use reqwest::multipart::{Form, Part};
use reqwest::Response;
use serde_json::{json, Value};
use time::macros::datetime;

use crate::eligibility::seed_a;
use crate::files::{upload, PDF};
use crate::practical::{form_a, selection, set, submit, training};

/// A 422 that names `field` with `code`.
async fn refused(res: Response, field: &str, code: &str) -> Value {
    let problem = assert_problem(res, 422, "validation_failed").await;
    let named = problem["errors"].as_array().unwrap().iter().any(|e| e["field"] == field && e["code"] == code);
    assert!(named, "{field}/{code} not in {problem}");
    problem
}

#[tokio::test]
async fn a_nul_byte_in_any_field_of_the_simple_form_is_named_and_nothing_is_stored() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.published_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    for field in ["full_name", "workplace", "phone", "email", "email_confirmation"] {
        let mut form = kenshu_api_tests::application_form(&app.unique_email("nul"));
        form[field] = json!(format!("{}\u{0}", form[field].as_str().unwrap()));
        let res = app.post_json(&format!("/api/v1/trainings/{id}/applications"), &form, None).await;
        let problem = refused(res, field, "control_character").await;
        assert_eq!(problem["errors"][0]["message"], "使用できない文字（制御文字）が含まれています");
    }
    // The checklist answers are はい/いいえ: a string there is refused as well.
    let res = app.apply(id, &app.unique_email("nul"), json!({"checklist_answers": ["\u{0}"]})).await;
    refused(res, "checklist_answers[0]", "control_character").await;
    assert_eq!(app.count_applications(id, ApplicationStatus::Confirmed).await, 0);
}

#[tokio::test]
async fn a_one_line_field_refuses_a_line_break_in_its_own_words() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.published_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    let email = app.unique_email("tab");
    let res = app.apply(id, &email, json!({"full_name": "札幌\n花子"})).await;
    let problem = refused(res, "full_name", "control_character").await;
    assert_eq!(problem["errors"][0]["message"], "氏名に使用できない文字（制御文字）が含まれています");
    assert_eq!(app.count_applications(id, ApplicationStatus::Confirmed).await, 0);
}

#[tokio::test]
async fn the_practical_form_refuses_control_characters_field_by_field_and_keeps_line_breaks_where_allowed() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let (id, schedules) = training(&app, &staff, "2027-06-07", 5).await;
    let mut form = form_a(&app.unique_email("nul"), Some(schedules[0]));
    for (path, value) in [
        ("applicant.full_name", json!("髙橋\u{0}花子")),
        ("affiliation.address", json!("札幌市\u{0}中央区")),
        ("affiliation.office", json!("きたのもり\n")),
        ("placement.services", json!(["就労継続支援B型\u{0}"])),
        ("ojt.remarks", json!("休職\u{0}")),
    ] {
        set(&mut form, path, value);
    }
    let problem = refused(submit(&app, id, &form).await, "applicant.full_name", "control_character").await;
    for field in ["affiliation.address", "placement.services[0]", "ojt.remarks"] {
        assert!(problem["errors"].as_array().unwrap().iter().any(|e| e["field"] == field), "{field}: {problem}");
    }
    // Only the NUL bytes are caught before the form's own rules run; the line break in the
    // office name is reported by the form once those are gone.
    let mut form = form_a(&app.unique_email("lf"), Some(schedules[0]));
    set(&mut form, "affiliation.office", json!("きたのもり\n"));
    refused(submit(&app, id, &form).await, "affiliation.office", "control_character").await;
    assert_eq!(selection(&app, &staff, id).await["applications"].as_array().unwrap().len(), 0);

    let mut form = form_a(&app.unique_email("ok"), Some(schedules[0]));
    set(&mut form, "affiliation.address", json!("札幌市中央区\r\n北1条西1丁目"));
    let res = submit(&app, id, &form).await;
    assert_eq!(res.status(), 201);
    let applications = selection(&app, &staff, id).await["applications"].as_array().unwrap().clone();
    assert_eq!(applications.len(), 1);
}

#[tokio::test]
async fn the_staff_training_form_refuses_control_characters_on_create_and_update() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let mut practical = crate::practical::practical_training("2027-06-07", 5);
    practical["exercise_schedules"][1]["label"] = json!("第2日程\u{0}");
    for (changes, field) in [
        (json!({"title": "研修\u{0}"}), "title"),
        (json!({"purpose": "目的\u{0}"}), "purpose"),
        (json!({"zoom_passcode": "5487\u{0}33"}), "zoom_passcode"),
    ] {
        let res = app.post_json("/api/v1/admin/trainings", &with(training_input(), changes), Some(&staff)).await;
        refused(res, field, "control_character").await;
    }
    let res = app.post_json("/api/v1/admin/trainings", &practical, Some(&staff)).await;
    refused(res, "exercise_schedules[1].label", "control_character").await;
    // A line break: refused in the title (one line), kept in the purpose (several).
    let res = app
        .post_json("/api/v1/admin/trainings", &with(training_input(), json!({"title": "研修\n"})), Some(&staff))
        .await;
    let problem = refused(res, "title", "control_character").await;
    assert_eq!(problem["errors"][0]["message"], "研修名に使用できない文字（制御文字）が含まれています");
    assert_eq!(app.count_trainings().await, 0, "nothing is stored");

    let created = app.create_training(&staff, &with(training_input(), json!({"purpose": "一行目\r\n二行目"}))).await;
    assert_eq!(created["purpose"], "一行目\n二行目");
    let id = created["id"].as_i64().unwrap();
    let res = app
        .put_json(
            &format!("/api/v1/admin/trainings/{id}"),
            &with(training_input(), json!({"venue": "会場\u{0}"})),
            &staff,
        )
        .await;
    refused(res, "venue", "control_character").await;
    let stored: Value = app.get_auth(&format!("/api/v1/admin/trainings/{id}"), &staff).await.json().await.unwrap();
    assert_eq!(stored["venue"], training_input()["venue"], "the update stored nothing");
}

#[tokio::test]
async fn a_file_title_with_a_control_character_is_refused() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.create_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    for title in ["研修資料\u{0}", "研修\n資料"] {
        let form = Form::new()
            .text("title", title.to_owned())
            .text("visibility", "public")
            .part("file", Part::bytes(PDF.to_vec()).file_name("研修資料.pdf"));
        let res = upload(&app, &staff, id, form).await;
        refused(res, "title", "control_character").await;
    }
    let stored: Value = app.get_auth(&format!("/api/v1/admin/trainings/{id}"), &staff).await.json().await.unwrap();
    assert_eq!(stored["files"], json!([]));
}

#[tokio::test]
async fn a_nul_byte_at_sign_in_is_a_named_field_error_not_a_server_error() {
    let app = spawn_app().await;
    for (body, field) in [
        (json!({"email": "admin@kenshu.test\u{0}", "password": "correct horse battery staple"}), "email"),
        (json!({"email": "admin@kenshu.test\n", "password": "correct horse battery staple"}), "email"),
        (json!({"email": "admin@kenshu.test", "password": "correct\u{0}horse"}), "password"),
    ] {
        refused(app.post_json("/api/v1/auth/login", &body, None).await, field, "control_character").await;
    }
}

#[tokio::test]
async fn decision_and_cancellation_reasons_refuse_a_nul_byte() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let (id, schedules) = training(&app, &staff, "2027-06-07", 5).await;
    let res = submit(&app, id, &form_a(&app.unique_email("reason"), Some(schedules[0]))).await;
    let application = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let base = format!("/api/v1/admin/practical-applications/{application}");
    let body = json!({"decision": "rejected", "reason": "理由\u{0}"});
    refused(app.post_json(&format!("{base}/decision"), &body, Some(&staff)).await, "reason", "control_character").await;
    let body = json!({"reason": "辞退\u{0}"});
    refused(app.post_json(&format!("{base}/cancel"), &body, Some(&staff)).await, "reason", "control_character").await;
    let detail: Value = app.get_auth(&base, &staff).await.json().await.unwrap();
    assert_eq!(detail["events"].as_array().unwrap().len(), 1, "only the submission: {detail}");
}

#[tokio::test]
async fn the_eligibility_check_refuses_far_dates_and_keeps_answering() {
    let app = spawn_app().await;
    let check = |body: Value| {
        let app = &app;
        async move { app.post_json("/api/v1/eligibility/practical-training", &body, None).await }
    };
    let mut far = seed_a();
    far["applicant"]["consultation"]["completed_on"] = json!("9999-12-31");
    let problem = refused(check(far).await, "applicant.consultation.completed_on", "date_out_of_range").await;
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("1900年から2100年"), "{problem}");
    let mut far = seed_a();
    far["lecture_start"] = json!("9999-12-31");
    far["applicant"]["leave_periods"] = json!([{"start": "2020-01-01", "end": "9999-12-31"}]);
    let problem = refused(check(far).await, "lecture_start", "date_out_of_range").await;
    assert!(problem["errors"].as_array().unwrap().iter().any(|e| e["field"] == "applicant.leave_periods[0].end"));
    let mut nul = seed_a();
    nul["applicant"]["target"] = json!("a\u{0}");
    refused(check(nul).await, "applicant.target", "control_character").await;

    let res = check(seed_a()).await;
    assert_eq!(res.status(), 200, "the endpoint still answers");
}

async fn lists_answer(app: &TestApp, staff: &str) {
    assert_eq!(app.get("/api/v1/trainings").await.status(), 200);
    assert_eq!(app.get_auth("/api/v1/admin/trainings", staff).await.status(), 200);
}

#[tokio::test]
async fn a_training_in_the_year_9999_is_refused_and_the_lists_keep_answering() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let far = json!({
        "starts_at": "9999-12-31T10:00:00+09:00", "ends_at": "9999-12-31T12:00:00+09:00",
        "application_closes_at": "9999-12-30T12:00:00+09:00"
    });
    let res = app.post_json("/api/v1/admin/trainings", &with(training_input(), far.clone()), Some(&staff)).await;
    let problem = refused(res, "starts_at", "date_out_of_range").await;
    for field in ["ends_at", "application_closes_at"] {
        assert!(problem["errors"].as_array().unwrap().iter().any(|e| e["field"] == field), "{field}: {problem}");
    }
    let early = json!({"application_opens_at": "1999-12-31T23:59:59+09:00"});
    let res = app.post_json("/api/v1/admin/trainings", &with(training_input(), early), Some(&staff)).await;
    refused(res, "application_opens_at", "date_out_of_range").await;
    assert_eq!(app.count_trainings().await, 0);

    let id = app.published_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    let res = app.put_json(&format!("/api/v1/admin/trainings/{id}"), &with(training_input(), far), &staff).await;
    refused(res, "starts_at", "date_out_of_range").await;
    lists_answer(&app, &staff).await;
}

#[tokio::test]
async fn a_far_training_stored_before_the_bounds_existed_does_not_break_the_lists() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.published_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    // 20:00 UTC on the calendar's last day is already "year 10000" in Tokyo.
    let db = &app.state.db;
    let mut plan = trainings::find(db, id as i32).await.unwrap().unwrap().plan;
    plan.starts_at = datetime!(9999-12-31 20:00 UTC);
    plan.ends_at = datetime!(9999-12-31 21:00 UTC);
    plan.application_closes_at = datetime!(9999-12-31 19:00 UTC);
    trainings::update_plan(db, id as i32, &plan, time::OffsetDateTime::now_utc()).await.unwrap();
    lists_answer(&app, &staff).await;
    assert_eq!(app.get(&format!("/api/v1/trainings/{id}")).await.status(), 200);
}
