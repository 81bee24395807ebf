//! Hostile text and dates in every form: a control character (a NUL byte above all, which
//! PostgreSQL cannot store) is a 422 naming its field, never a 500; a date in the year 9999
//! is refused before it can break a list or the eligibility check. Nothing is stored.

use kenshu_api_tests::forms::{practical_form, practical_training_input, titled_file_form};
use kenshu_api_tests::{application_form, assert_problem, paths, set_at, spawn_app, training_input, with, TestApp};
use kenshu_domain::application::ApplicationStatus;
use kenshu_persistence::repos::trainings;
use reqwest::Response;
use serde_json::{json, Value};
use time::macros::datetime;

use crate::eligibility::seed_a;
use crate::files::{upload, PDF};
use crate::practical::{selection, training};

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
    let id = app.seed().training().published().await.id;
    for field in ["full_name", "workplace", "phone", "email", "email_confirmation"] {
        let mut form = application_form(&app.unique_email("nul"));
        form[field] = json!(format!("{}\u{0}", form[field].as_str().unwrap()));
        let res = app.post_json(&paths::training_applications(id), &form, None).await;
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
    let id = app.seed().training().published().await.id;
    let email = app.unique_email("tab");
    let res = app.apply(id, &email, json!({"full_name": "札幌\n花子"})).await;
    let problem = refused(res, "full_name", "control_character").await;
    assert_eq!(problem["errors"][0]["message"], "氏名に使用できない文字（制御文字）が含まれています");
    assert_eq!(app.count_applications(id, ApplicationStatus::Confirmed).await, 0);
}

#[tokio::test]
async fn the_practical_form_refuses_control_characters_field_by_field_and_keeps_line_breaks_where_allowed() {
    let app = spawn_app().await;
    let t = training(&app, 5).await;
    let (id, schedules) = (t.id, &t.schedules);
    let mut form = practical_form(&app.unique_email("nul"), Some(schedules[0]));
    for (path, value) in [
        ("applicant.full_name", json!("髙橋\u{0}花子")),
        ("affiliation.address", json!("札幌市\u{0}中央区")),
        ("affiliation.office", json!("きたのもり\n")),
        ("placement.services", json!(["就労継続支援B型\u{0}"])),
        ("ojt.remarks", json!("休職\u{0}")),
    ] {
        set_at(&mut form, path, value);
    }
    let problem = refused(app.submit_practical(id, &form).await, "applicant.full_name", "control_character").await;
    for field in ["affiliation.address", "placement.services[0]", "ojt.remarks"] {
        assert!(problem["errors"].as_array().unwrap().iter().any(|e| e["field"] == field), "{field}: {problem}");
    }
    // Only the NUL bytes are caught before the form's own rules run; the line break in the
    // office name is reported by the form once those are gone.
    let mut form = practical_form(&app.unique_email("lf"), Some(schedules[0]));
    set_at(&mut form, "affiliation.office", json!("きたのもり\n"));
    refused(app.submit_practical(id, &form).await, "affiliation.office", "control_character").await;
    assert_eq!(selection(&app, id).await["applications"].as_array().unwrap().len(), 0);

    let mut form = practical_form(&app.unique_email("ok"), Some(schedules[0]));
    set_at(&mut form, "affiliation.address", json!("札幌市中央区\r\n北1条西1丁目"));
    let res = app.submit_practical(id, &form).await;
    assert_eq!(res.status(), 201);
    let applications = selection(&app, id).await["applications"].as_array().unwrap().clone();
    assert_eq!(applications.len(), 1);
}

#[tokio::test]
async fn the_staff_training_form_refuses_control_characters_on_create_and_update() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let create = |input: Value| {
        let (app, staff) = (&app, &staff);
        async move { app.post_json(&paths::admin_trainings(), &input, Some(staff)).await }
    };
    let mut practical = practical_training_input("2027-06-07", 5);
    practical["exercise_schedules"][1]["label"] = json!("第2日程\u{0}");
    for (changes, field) in [
        (json!({"title": "研修\u{0}"}), "title"),
        (json!({"purpose": "目的\u{0}"}), "purpose"),
        (json!({"zoom_passcode": "5487\u{0}33"}), "zoom_passcode"),
    ] {
        refused(create(with(training_input(), changes)).await, field, "control_character").await;
    }
    refused(create(practical).await, "exercise_schedules[1].label", "control_character").await;
    // A line break: refused in the title (one line), kept in the purpose (several).
    let res = create(with(training_input(), json!({"title": "研修\n"}))).await;
    let problem = refused(res, "title", "control_character").await;
    assert_eq!(problem["errors"][0]["message"], "研修名に使用できない文字（制御文字）が含まれています");
    assert_eq!(app.count_trainings().await, 0, "nothing is stored");

    let created = app.seed().training().with(json!({"purpose": "一行目\r\n二行目"})).draft().await;
    assert_eq!(created["purpose"], "一行目\n二行目");
    let res = app
        .put_json(&paths::admin_training(created.id), &with(training_input(), json!({"venue": "会場\u{0}"})), &staff)
        .await;
    refused(res, "venue", "control_character").await;
    let stored = app.get_auth_json(&paths::admin_training(created.id), &staff).await;
    assert_eq!(stored["venue"], training_input()["venue"], "the update stored nothing");
}

#[tokio::test]
async fn a_file_title_with_a_control_character_is_refused() {
    let app = spawn_app().await;
    let id = app.seed().training().draft().await.id;
    for title in ["研修資料\u{0}", "研修\n資料"] {
        let form = titled_file_form(title, PDF, "研修資料.pdf", "public");
        let res = upload(&app, id, form).await;
        refused(res, "title", "control_character").await;
    }
    let stored = app.get_auth_json(&paths::admin_training(id), &app.staff().await).await;
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
        refused(app.post_json(&paths::login(), &body, None).await, field, "control_character").await;
    }
}

#[tokio::test]
async fn decision_and_cancellation_reasons_refuse_a_nul_byte() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = training(&app, 5).await;
    let res = app.submit_practical(t.id, &practical_form(&app.unique_email("reason"), Some(t.schedules[0]))).await;
    let application = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let body = json!({"decision": "rejected", "reason": "理由\u{0}"});
    let res = app.post_json(&paths::decision(application), &body, Some(&staff)).await;
    refused(res, "reason", "control_character").await;
    let body = json!({"reason": "辞退\u{0}"});
    let res = app.post_json(&paths::practical_cancel(application), &body, Some(&staff)).await;
    refused(res, "reason", "control_character").await;
    let detail = app.get_auth_json(&paths::practical_application(application), &staff).await;
    assert_eq!(detail["events"].as_array().unwrap().len(), 1, "only the submission: {detail}");
}

#[tokio::test]
async fn the_eligibility_check_refuses_far_dates_and_keeps_answering() {
    let app = spawn_app().await;
    let check = |body: Value| {
        let app = &app;
        async move { app.post_json(&paths::eligibility(), &body, None).await }
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

async fn lists_answer(app: &TestApp) {
    assert_eq!(app.get(&paths::trainings()).await.status(), 200);
    assert_eq!(app.get_auth(&paths::admin_trainings(), &app.staff().await).await.status(), 200);
}

#[tokio::test]
async fn a_training_in_the_year_9999_is_refused_and_the_lists_keep_answering() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let far = json!({
        "starts_at": "9999-12-31T10:00:00+09:00", "ends_at": "9999-12-31T12:00:00+09:00",
        "application_closes_at": "9999-12-30T12:00:00+09:00"
    });
    let res = app.post_json(&paths::admin_trainings(), &with(training_input(), far.clone()), Some(&staff)).await;
    let problem = refused(res, "starts_at", "date_out_of_range").await;
    for field in ["ends_at", "application_closes_at"] {
        assert!(problem["errors"].as_array().unwrap().iter().any(|e| e["field"] == field), "{field}: {problem}");
    }
    let early = json!({"application_opens_at": "1999-12-31T23:59:59+09:00"});
    let res = app.post_json(&paths::admin_trainings(), &with(training_input(), early), Some(&staff)).await;
    refused(res, "application_opens_at", "date_out_of_range").await;
    assert_eq!(app.count_trainings().await, 0);

    let id = app.seed().training().published().await.id;
    let res = app.put_json(&paths::admin_training(id), &with(training_input(), far), &staff).await;
    refused(res, "starts_at", "date_out_of_range").await;
    lists_answer(&app).await;
}

#[tokio::test]
async fn a_far_training_stored_before_the_bounds_existed_does_not_break_the_lists() {
    let app = spawn_app().await;
    let id = app.seed().training().published().await.id;
    // 20:00 UTC on the calendar's last day is already "year 10000" in Tokyo.
    let db = &app.state.db;
    let mut plan = trainings::find(db, id as i32).await.unwrap().unwrap().plan;
    plan.starts_at = datetime!(9999-12-31 20:00 UTC);
    plan.ends_at = datetime!(9999-12-31 21:00 UTC);
    plan.application_closes_at = datetime!(9999-12-31 19:00 UTC);
    trainings::update_plan(db, id as i32, &plan, time::OffsetDateTime::now_utc()).await.unwrap();
    lists_answer(&app).await;
    assert_eq!(app.get(&paths::training(id)).await.status(), 200);
}
