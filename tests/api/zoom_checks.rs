//! Zoom checks (seed 000 6(5)): the certificate of an online participant waits for staff's
//! approval of ①–④; bulk approval; 会場参加; a withheld certificate with its reason.

use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, TestApp};
use kenshu_domain::staff::Role;
use serde_json::{json, Value};

/// An online training and three participants with both codes in.
async fn online_with_three(app: &TestApp, format: &str) -> (i64, Vec<i64>) {
    let t = app.seed().training().online().format(format).published().await;
    let mut ids = Vec::new();
    for (name, full_name) in [("hanako", "札幌 花子"), ("ichiro", "髙橋 一郎"), ("jiro", "𠮷田 次郎")] {
        let a = app.seed().applicant_with(t.id, name, json!({"full_name": full_name})).await;
        let id = app.application_id(t.id, &a.email).await;
        app.set_codes(id, true).await;
        ids.push(id);
    }
    (t.id, ids)
}

fn tick(id: i64, all: bool) -> Value {
    json!({"application_id": id, "face": true, "display_name": true, "breakout_room": true, "throughout": all})
}

async fn grid(app: &TestApp, training_id: i64) -> Vec<Value> {
    let list = app.get_auth_json(&paths::zoom_checks(training_id), &app.staff().await).await;
    list["participants"].as_array().expect("participants").clone()
}

/// `(decision, certificate state)` per participant, in order.
async fn states(app: &TestApp, training_id: i64) -> Vec<(String, String)> {
    grid(app, training_id)
        .await
        .iter()
        .map(|p| (p["decision"].as_str().unwrap().to_owned(), p["certificate"]["state"].as_str().unwrap().to_owned()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[tokio::test]
async fn an_online_certificate_waits_for_approval_of_all_four_checks() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let (t, ids) = online_with_three(&app, "online").await;
    let rows = grid(&app, t).await;
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["full_name"], "髙橋 一郎");
    assert!(rows[0]["checked_out_at"].as_str().unwrap().ends_with("+09:00"), "⑤ comes from the codes");
    assert_eq!(states(&app, t).await, pairs(&[("pending", "under_review"); 3]));

    // Tick a column for everyone, then untick ④ of the second.
    let body = json!({"items": [tick(ids[0], true), tick(ids[1], false), tick(ids[2], true)]});
    let res = app.put_json(&paths::zoom_checks(t), &body, &staff).await;
    assert_eq!(res.status(), 200);

    // Approving the selection with the second in it: refused, naming them, nothing approved.
    let res = app.post_json(&paths::zoom_approve(t), &json!({"application_ids": [ids[0], ids[1]]}), Some(&staff)).await;
    let problem = assert_problem(res, 409, "zoom_checks_incomplete").await;
    assert_eq!(error_fields(&problem), ["application_ids[1]"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("髙橋 一郎さんは④"), "{problem}");
    assert_eq!(states(&app, t).await, pairs(&[("pending", "under_review"); 3]));

    // "All with ①–④ ticked": the first and the third.
    let res = app.post_json(&paths::zoom_approve(t), &json!({}), Some(&staff)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        states(&app, t).await,
        pairs(&[("approved", "ready"), ("pending", "under_review"), ("approved", "ready")])
    );

    // Withholding needs a reason; with one, My Page's state carries it.
    let res = app.post_json(&paths::zoom_withhold(t, ids[1]), &json!({"reason": "  "}), Some(&staff)).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["reason"]);
    assert_eq!(states(&app, t).await[1], ("pending".into(), "under_review".into()));
    let reason = "研修中、カメラがオフの時間が長く、受講を確認できませんでした";
    let res = app.post_json(&paths::zoom_withhold(t, ids[1]), &json!({"reason": reason}), Some(&staff)).await;
    assert_eq!(res.status(), 200);
    let row = &grid(&app, t).await[1];
    assert_eq!(row["certificate"], json!({"state": "withheld", "reason": reason}));
    assert_eq!(row["withheld_reason"], reason);

    // Unticking a check of an approved participant takes them back to review.
    let res = app.put_json(&paths::zoom_checks(t), &json!({"items": [tick(ids[0], false)]}), &staff).await;
    assert_eq!(res.status(), 200);
    assert_eq!(states(&app, t).await[0], ("pending".into(), "under_review".into()));
    // And a decision can be taken back.
    let res = app.post_empty(&paths::zoom_reopen(t, ids[1]), &staff).await;
    assert_eq!(res.status(), 200);
    assert_eq!(states(&app, t).await[1], ("pending".into(), "under_review".into()));
}

#[tokio::test]
async fn the_codes_come_first_and_hybrid_participants_in_the_hall_need_no_zoom_checks() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let (t, ids) = online_with_three(&app, "hybrid").await;
    app.set_codes(ids[2], false).await;
    let res = app.post_empty(&paths::zoom_in_person(t, ids[0]), &staff).await;
    assert_eq!(res.status(), 200);
    let body = json!({"items": [tick(ids[2], true)]});
    assert_eq!(app.put_json(&paths::zoom_checks(t), &body, &staff).await.status(), 200);
    let res = app.post_json(&paths::zoom_approve(t), &json!({"application_ids": [ids[2]]}), Some(&staff)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        states(&app, t).await,
        pairs(&[("in_person", "ready"), ("pending", "under_review"), ("approved", "awaiting_codes")])
    );

    // 会場参加 belongs to hybrid trainings.
    let (online, online_ids) = online_with_three(&app, "online").await;
    let res = app.post_empty(&paths::zoom_in_person(online, online_ids[0]), &staff).await;
    assert_problem(res, 409, "zoom_in_person_not_hybrid").await;
    assert_eq!(states(&app, online).await[0], ("pending".into(), "under_review".into()));
}

#[tokio::test]
async fn an_in_person_training_has_no_zoom_checks() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let a = app.seed().applicant(t.id, "hall").await;
    let id = app.application_id(t.id, &a.email).await;
    let res = app.get_auth(&paths::zoom_checks(t.id), &staff).await;
    assert_problem(res, 409, "zoom_checks_not_applicable").await;
    let res = app.put_json(&paths::zoom_checks(t.id), &json!({"items": [tick(id, true)]}), &staff).await;
    assert_problem(res, 409, "zoom_checks_not_applicable").await;
    let res = app.post_json(&paths::zoom_approve(t.id), &json!({"application_ids": [id]}), Some(&staff)).await;
    assert_problem(res, 409, "zoom_checks_not_applicable").await;
    let res = app.post_json(&paths::zoom_withhold(t.id, id), &json!({"reason": "欠席"}), Some(&staff)).await;
    assert_problem(res, 409, "zoom_checks_not_applicable").await;
}

#[tokio::test]
async fn only_confirmed_participants_of_the_training_are_checked() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().online().capacity(1).waiting_list().published().await;
    let first = app.seed().applicant(t.id, "seated").await;
    let waiting = app.seed().applicant(t.id, "waiting").await;
    let seated = app.application_id(t.id, &first.email).await;
    let waiting = app.application_id(t.id, &waiting.email).await;
    let (other, other_ids) = online_with_three(&app, "online").await;
    assert_ne!(other, t.id);

    assert_eq!(grid(&app, t.id).await.len(), 1, "the waiting list is not in the grid");
    let res = app
        .put_json(&paths::zoom_checks(t.id), &json!({"items": [tick(seated, true), tick(waiting, true)]}), &staff)
        .await;
    let problem = assert_problem(res, 409, "zoom_not_confirmed").await;
    assert_eq!(problem["detail"], format!("申込ID {waiting} は受講が確定していません"));
    let res = app.put_json(&paths::zoom_checks(t.id), &json!({"items": [tick(other_ids[0], true)]}), &staff).await;
    assert_problem(res, 404, "application_not_found").await;
    let res =
        app.post_json(&paths::zoom_approve(t.id), &json!({"application_ids": [other_ids[0]]}), Some(&staff)).await;
    assert_problem(res, 404, "application_not_found").await;
    // Nothing was saved for anyone.
    assert_eq!(grid(&app, t.id).await[0]["checks"]["face"], false);
    assert_eq!(grid(&app, other).await[0]["checks"]["face"], false);

    // The prefecture viewer reads but does not tick.
    let viewer = app.token(Role::Prefecture).await;
    assert_eq!(app.get_auth(&paths::zoom_checks(t.id), &viewer).await.status(), 200);
    let res = app.put_json(&paths::zoom_checks(t.id), &json!({"items": [tick(seated, true)]}), &viewer).await;
    assert_problem(res, 403, "forbidden").await;
}
