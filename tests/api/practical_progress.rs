//! The practical training after selection (issue 10): notices that state their real
//! outcome with a 文書番号, counts that follow the decisions, attendance and completion
//! kept to the training's days and undone only with a reason, decisions counted under the
//! training's lock.

use kenshu_api_tests::forms::practical_form;
use kenshu_api_tests::{assert_problem, error_fields, paths, set_at, TestApp};
use serde_json::{json, Value};

use crate::practical::{
    application_detail, candidate, decide_as_proposed, on_training_day, selection, step, submitted, training,
};

/// An ア form whose OJT after the basic course is far too short (not eligible).
fn not_eligible(app: &TestApp, n: usize) -> Value {
    let mut form = candidate(app, "要件 未達", "retirement", None, "", n);
    set_at(&mut form, "history.consultation.completed_on", json!("2026-10-15"));
    set_at(&mut form, "history.basic.completed_on", json!("2026-10-01"));
    set_at(&mut form, "ojt.start", json!("2026-10-16"));
    set_at(&mut form, "ojt.end", json!("2027-05-31"));
    set_at(&mut form, "ojt.total_years", json!(0));
    set_at(&mut form, "ojt.total_months", json!(7));
    set_at(&mut form, "ojt.working_days", json!(150));
    set_at(&mut form, "ojt.leave_periods", json!([]));
    set_at(&mut form, "ojt.remarks", json!(""));
    form
}

fn email(form: &Value) -> String {
    form["affiliation"]["email"].as_str().unwrap().to_owned()
}

async fn notice_text(app: &TestApp, form: &Value) -> String {
    let mails = app.mails_to(&email(form), 2).await;
    let notice = mails.iter().find(|m| m["subject"].as_str().unwrap().contains("受講可否通知")).expect("a notice");
    format!("{}\n{}", notice["subject"].as_str().unwrap(), notice["text"].as_str().unwrap())
}

#[tokio::test]
async fn each_notice_states_its_real_outcome_with_its_own_document_number() {
    let app = spawn().await;
    let t = training(&app, 1).await;
    let (id, schedules) = (t.id, &t.schedules);
    let first = candidate(&app, "一番 花子", "reduction", Some(schedules[0]), "", 1);
    let second = candidate(&app, "二番 花子", "deemed", Some(schedules[1]), "", 2);
    let waiting = candidate(&app, "三番 花子", "new_office", None, "", 3);
    let mut refused = candidate(&app, "四番 花子", "transfer", None, "", 4);
    set_at(&mut refused, "placement_need.wants_waitlist", json!(false));
    let unmet = not_eligible(&app, 5);
    let mut ids = Vec::new();
    for form in [&first, &second, &waiting, &refused, &unmet] {
        ids.push(submitted(&app, id, form).await);
    }
    assert_eq!(application_detail(&app, ids[4]).await["current_outcome"], "not_eligible");
    decide_as_proposed(&app, id).await;

    let accepted = notice_text(&app, &first).await;
    assert!(accepted.contains("受講可否通知（受講決定）"), "{accepted}");
    assert!(accepted.contains("演習日程：第1日程"), "{accepted}");
    let text = notice_text(&app, &waiting).await;
    assert!(text.contains("【結果】キャンセル待ち") && text.contains("補欠順位：第1位"), "{text}");
    let text = notice_text(&app, &refused).await;
    assert!(text.contains("【結果】受講不可（申込多数のため）"), "{text}");
    let text = notice_text(&app, &unmet).await;
    assert!(text.contains("【結果】受講不可（受講要件を満たしていないため）"), "{text}");
    assert!(!text.contains("申込多数"), "{text}");
    assert!(text.contains("・") && text.contains("（※"), "the failed rules with their references: {text}");

    // One number per letter, in the training's series, never twice.
    let mut numbers = Vec::new();
    for app_id in &ids {
        let detail = application_detail(&app, app_id).await;
        numbers.push(detail["letter_number"].as_str().expect("a document number").to_owned());
    }
    assert!(numbers.iter().all(|n| n.starts_with(&format!("実践研修第{id}-")) && n.ends_with('号')), "{numbers:?}");
    let mut unique = numbers.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), numbers.len(), "{numbers:?}");
    assert!(accepted.contains(&numbers[0]), "the mail quotes the letter's number: {accepted}");

    // The letters print.
    for app_id in &ids {
        let res = app.get_auth(&paths::notice_pdf(app_id), &app.staff().await).await;
        assert_eq!(res.status(), 200);
    }
}

#[tokio::test]
async fn counts_follow_applications_acceptances_and_cancellations_everywhere() {
    let app = spawn().await;
    let t = training(&app, 2).await;
    let (id, schedules) = (t.id, &t.schedules);
    let mut ids = Vec::new();
    for n in 0..5 {
        let schedule = schedules[n % 2];
        let form = candidate(&app, &format!("{}番 花子", n + 1), "reduction", Some(schedule), "", n + 1);
        ids.push(submitted(&app, id, &form).await);
    }
    decide_as_proposed(&app, id).await;
    // Four places (two a schedule) for five applications.
    let public = app.get_json(&paths::training(id)).await;
    assert_eq!(public["practical_counts"]["applications"], 5);
    assert_eq!(public["practical_counts"]["accepted"], 4);
    assert_eq!(public["seats_left"], 0);
    let list = app.get_json(&paths::trainings()).await;
    let item = list["items"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap().clone();
    assert_eq!((item["practical_counts"]["accepted"].clone(), item["seats_left"].clone()), (json!(4), json!(0)));
    let staff = app.get_auth_json(&paths::admin_training(id), &app.staff().await).await;
    assert_eq!((staff["seats_taken"].clone(), staff["seats_left"].clone()), (json!(4), json!(0)));
    assert_eq!(staff["practical_counts"]["schedules"][0]["accepted"], 2);
    assert_eq!(staff["practical_counts"]["schedules"][0]["seats_left"], 0);

    // A cancellation frees a seat (the training has a waiting list: the fifth moves up).
    let accepted = ids[0];
    let res = app
        .post_json(
            &paths::practical_cancel(accepted),
            &json!({"reason": "本人から辞退の連絡"}),
            Some(&app.staff().await),
        )
        .await;
    assert_eq!(res.status(), 200);
    let counts = selection(&app, id).await["counts"].clone();
    assert_eq!((counts["applications"].clone(), counts["accepted"].clone()), (json!(4), json!(4)));
}

#[tokio::test]
async fn attendance_and_completion_keep_to_the_training_days_and_undo_needs_a_reason() {
    let app = spawn().await;
    let staff = app.staff().await;
    let t = training(&app, 5).await;
    let form = candidate(&app, "出席 花子", "reduction", Some(t.schedules[0]), "", 1);
    let app_id = submitted(&app, t.id, &form).await;
    decide_as_proposed(&app, t.id).await;

    // Before the training (today is 2026, the training 2027-06-07): nothing recorded.
    let problem = assert_problem(step(&app, &paths::attendance(app_id)).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["on"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("令和9年6月7日"), "{problem}");
    assert_eq!(application_detail(&app, app_id).await["status"], "notified");

    on_training_day(&app);
    let attended: Value = step(&app, &paths::attendance(app_id)).await.json().await.unwrap();
    assert_eq!((attended["status"].clone(), attended["attended_on"].clone()), (json!("attended"), json!("2027-06-07")));
    let done: Value = step(&app, &paths::completion(app_id)).await.json().await.unwrap();
    assert_eq!(done["completed_on"], "2027-06-07");
    let number = done["certificate_number"].clone();

    // An undo without a reason changes nothing.
    for body in [json!({"reason": "  "}), json!({})] {
        let res = app.post_json(&paths::undo_completion(app_id), &body, Some(&staff)).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), ["reason"]);
    }
    assert_eq!(application_detail(&app, app_id).await["status"], "completed");
    let res = app.post_json(&paths::undo_attendance(app_id), &json!({"reason": "取り違え"}), Some(&staff)).await;
    assert_problem(res, 409, "invalid_selection_transition").await;

    // With a reason: back to attended, kept in the history; no certificate meanwhile.
    let res = app.post_json(&paths::undo_completion(app_id), &json!({"reason": "修了日の誤り"}), Some(&staff)).await;
    assert_eq!(res.status(), 200);
    let undone: Value = res.json().await.unwrap();
    assert_eq!((undone["status"].clone(), undone["completed_on"].clone()), (json!("attended"), Value::Null));
    let event = undone["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((event["action"].clone(), event["reason"].clone()), (json!("undo_complete"), json!("修了日の誤り")));
    assert_problem(app.get_auth(&paths::certificate_pdf(app_id), &staff).await, 409, "not_completed").await;

    // Completed again a week later: the same number, dated that day (not the download day).
    app.state.clock.pin(Some(time::macros::datetime!(2027-06-14 10:00 +09:00)));
    let again: Value = step(&app, &paths::completion(app_id)).await.json().await.unwrap();
    assert_eq!((again["certificate_number"].clone(), again["completed_on"].clone()), (number, json!("2027-06-14")));
    app.state.clock.pin(Some(time::macros::datetime!(2027-07-01 10:00 +09:00)));
    let certificate = kenshu_http::usecases::practical_documents::completion_certificate(
        &app.state.db,
        app_id as i32,
        "http://kenshu.test",
    )
    .await
    .unwrap();
    assert_eq!(certificate.issued_on, time::macros::date!(2027 - 06 - 14));

    // Attendance undone from attended, with its reason.
    let res = app.post_json(&paths::undo_completion(app_id), &json!({"reason": "再確認"}), Some(&staff)).await;
    assert_eq!(res.status(), 200);
    let res = app.post_json(&paths::undo_attendance(app_id), &json!({"reason": "欠席だった"}), Some(&staff)).await;
    let back: Value = res.json().await.unwrap();
    assert_eq!((back["status"].clone(), back["attended_on"].clone()), (json!("notified"), Value::Null));
}

#[tokio::test]
async fn two_completions_at_once_each_get_their_own_certificate_number() {
    let app = spawn().await;
    let t = training(&app, 5).await;
    let mut ids = Vec::new();
    for n in 0..4 {
        let form = candidate(&app, &format!("{}番 修了", n + 1), "reduction", Some(t.schedules[0]), "", n + 1);
        ids.push(submitted(&app, t.id, &form).await);
    }
    decide_as_proposed(&app, t.id).await;
    on_training_day(&app);
    for app_id in &ids {
        assert_eq!(step(&app, &paths::attendance(app_id)).await.status(), 200);
    }
    let paths: Vec<String> = ids.iter().map(paths::completion).collect();
    let answers = futures_util::future::join_all(paths.iter().map(|p| step(&app, p))).await;
    let mut numbers = Vec::new();
    for res in answers {
        assert_eq!(res.status(), 200);
        numbers.push(res.json::<Value>().await.unwrap()["certificate_number"].as_str().unwrap().to_owned());
    }
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 4);
}

#[tokio::test]
async fn decisions_at_once_never_fill_a_schedule_past_capacity_without_a_reason() {
    let app = spawn().await;
    let staff = app.staff().await;
    let t = training(&app, 1).await;
    let s1 = t.schedules[0];
    let bound = "この日程しか参加できないため";
    let first = submitted(&app, t.id, &candidate(&app, "一番 花子", "reduction", Some(s1), bound, 1)).await;
    let second = submitted(&app, t.id, &candidate(&app, "二番 花子", "deemed", Some(s1), bound, 2)).await;
    // The first is proposed for the one seat; staff also accept the second there, with a
    // reason, at the same moment the first is accepted as proposed (no reason).
    let as_proposed = json!({"decision": "accepted", "reason": ""});
    let override_ = json!({"decision": "accepted", "schedule_id": s1, "reason": "事業所の事情を考慮"});
    let (first_path, second_path) = (paths::decision(first), paths::decision(second));
    let (a, b) = tokio::join!(
        app.post_json(&first_path, &as_proposed, Some(&staff)),
        app.post_json(&second_path, &override_, Some(&staff)),
    );
    assert_eq!(b.status(), 200);
    let detail = application_detail(&app, first).await;
    match a.status().as_u16() {
        // The first went first: it took the free seat as proposed.
        200 => assert_eq!(decided_in_order(&app).await, [first, second]),
        // The second went first: the first now needs a reason too, and nothing changed.
        422 => assert_eq!(detail["status"], "submitted"),
        other => panic!("unexpected {other}"),
    }
}

#[tokio::test]
async fn a_validate_only_call_runs_every_rule_and_stores_nothing() {
    let app = spawn().await;
    let first = training(&app, 10).await.id;
    let overlapping = training(&app, 10).await.id;
    let shared = app.unique_email("validate");
    let form = practical_form(&shared, None);

    // Every rule passes: 200, nothing stored, no mail.
    let res = app.post_json(&paths::validate_practical(first), &form, None).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!((body["ok"].clone(), body["warnings"].clone()), (json!(true), json!([])));
    assert_eq!(body["verdict"]["outcome"], "eligible");
    assert_eq!(selection(&app, first).await["applications"], json!([]));
    assert_eq!(app.count_outbox().await, 0);

    // No service types listed: a note, not a refusal; staff see it too.
    let mut unlisted = practical_form(&app.unique_email("unlisted"), None);
    set_at(&mut unlisted, "placement.services", json!([]));
    let body: Value = app.post_json(&paths::validate_practical(first), &unlisted, None).await.json().await.unwrap();
    assert_eq!(body["warnings"][0]["field"], "placement.services");
    assert_eq!(body["warnings"][0]["code"], "none_listed");
    let id = submitted(&app, first, &unlisted).await;
    assert_eq!(application_detail(&app, id).await["warnings"][0]["code"], "none_listed");

    // The server-only rules: a bad 事業所番号, another person's address in an overlapping
    // training — the same problem as the real submission.
    let mut bad = practical_form(&app.unique_email("bad"), None);
    set_at(&mut bad, "placement.office_number", json!("12345"));
    let problem =
        assert_problem(app.post_json(&paths::validate_practical(first), &bad, None).await, 422, "validation_failed")
            .await;
    assert_eq!(error_fields(&problem), ["placement.office_number"]);
    assert_eq!(app.submit_practical(first, &form).await.status(), 201);
    let mut other = practical_form(&shared, None);
    set_at(&mut other, "applicant.full_name", json!("𠮷野 太郎"));
    let validated = app.post_json(&paths::validate_practical(overlapping), &other, None).await;
    let problem = assert_problem(validated, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "email_used_by_another");
    let submitted_too = assert_problem(app.submit_practical(overlapping, &other).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"], submitted_too["errors"]);

    // A broken body: a Japanese problem naming the field, nothing stored.
    let before = selection(&app, first).await["applications"].as_array().unwrap().len();
    let res = app.post_raw(&paths::validate_practical(first), "application/json", "{\"kind\": ", None).await;
    let problem: Value = {
        assert!(res.status().is_client_error(), "{}", res.status());
        res.json().await.unwrap()
    };
    assert!(problem["title"].as_str().unwrap().chars().any(|c| c > '\u{3000}'), "{problem}");
    let mut wrong_type = practical_form(&app.unique_email("wrong"), None);
    set_at(&mut wrong_type, "kind", json!(5));
    let res = app.post_json(&paths::validate_practical(first), &wrong_type, None).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert!(error_fields(&problem).contains(&"kind".to_owned()), "{problem}");
    assert_eq!(selection(&app, first).await["applications"].as_array().unwrap().len(), before);
}

/// The applications in the order their decisions were stored.
async fn decided_in_order(app: &TestApp) -> Vec<i64> {
    use sea_orm::{ConnectionTrait, Statement};
    let db = &app.state.db;
    let sql = "SELECT application_id FROM practical_events WHERE action = 'decide' ORDER BY id";
    let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|r| i64::from(r.try_get::<i32>("", "application_id").unwrap())).collect()
}

async fn spawn() -> TestApp {
    kenshu_api_tests::spawn_app().await
}
