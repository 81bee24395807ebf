//! The selection table's bulk steps (issue 10, item 9): one step on many applications of a
//! training, all or nothing, each written to its application's history; ids of another
//! training, unknown actions and empty lists refused in Japanese with nothing changed.

use kenshu_api_tests::forms::practical_form;
use kenshu_api_tests::{assert_problem, error_fields, paths, set_at, spawn_app, TestApp};
use serde_json::{json, Value};

use crate::practical::{on_training_day, selection, training};

/// Submits `n` applications of varied urgency, each of its own office; their ids.
async fn many(app: &TestApp, training_id: i64, n: usize) -> Vec<i64> {
    const CATEGORIES: [&str; 4] = ["reduction", "new_office", "development", "retirement"];
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let mut form = practical_form(&app.unique_email(&format!("bulk{i}")), None);
        set_at(&mut form, "applicant.full_name", json!(format!("一括 {i}")));
        set_at(&mut form, "placement_need.plan_category", json!(CATEGORIES[i % 4]));
        set_at(&mut form, "placement.office_number", json!(format!("02{i:08}")));
        let res = app.submit_practical(training_id, &form).await;
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, 201, "{body}");
        ids.push(body["id"].as_i64().unwrap());
    }
    ids
}

async fn bulk(app: &TestApp, training_id: i64, body: Value) -> reqwest::Response {
    app.post_json(&paths::practical_bulk(training_id), &body, Some(&app.staff().await)).await
}

/// What a reload of the selection shows of each application: id, state and decision.
async fn states(app: &TestApp, training_id: i64) -> Vec<(i64, String)> {
    let list = selection(app, training_id).await;
    list["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_i64().unwrap(), a["state_label"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn a_hundred_and_twenty_applications_are_decided_attended_and_completed_in_bulk() {
    let app = spawn_app().await;
    // 61 places in each of the two schedules: everyone fits.
    let t = training(&app, 61).await;
    let ids = many(&app, t.id, 122).await;

    let res = bulk(&app, t.id, json!({"action": "decide_as_proposed", "application_ids": ids})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 122);
    let list = selection(&app, t.id).await;
    let rows = list["applications"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["decision"] == "accepted" && r["state_label"] == "受講決定（未通知）"), "{list}");
    // Each decision is in its own history, with the proposal as its reason.
    let staff = app.staff().await;
    let detail = app.get_auth_json(&paths::practical_application(ids[121]), &staff).await;
    let last = detail["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["action"].clone(), last["reason"].clone()), (json!("decide"), json!("提案どおり（一括操作）")));
    assert_eq!(last["is_override"], false);

    let res = app.post_empty(&paths::practical_notices(t.id), &staff).await;
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 122);
    let first: Vec<i64> = ids[..60].to_vec();
    // Before the training, attendance is refused for everyone selected, and nothing changes.
    let res = bulk(&app, t.id, json!({"action": "attend", "application_ids": first})).await;
    assert_problem(res, 422, "validation_failed").await;
    on_training_day(&app);
    let res = bulk(&app, t.id, json!({"action": "attend", "application_ids": first})).await;
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 60);
    let res = bulk(&app, t.id, json!({"action": "complete", "application_ids": first})).await;
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 60);
    // Certificates are numbered in the order given.
    let detail = app.get_auth_json(&paths::practical_application(ids[0]), &staff).await;
    assert_eq!(detail["certificate_number"], format!("2027-{}-0001", t.id));
    let detail = app.get_auth_json(&paths::practical_application(ids[59]), &staff).await;
    assert_eq!(detail["certificate_number"], format!("2027-{}-0060", t.id));
    let done = states(&app, t.id).await.into_iter().filter(|(_, label)| label == "修了").count();
    assert_eq!(done, 60);
}

#[tokio::test]
async fn bad_bulk_input_is_refused_in_japanese_and_changes_nothing() {
    let app = spawn_app().await;
    let t = training(&app, 5).await;
    let other = training(&app, 5).await;
    let ids = many(&app, t.id, 3).await;
    let elsewhere = many(&app, other.id, 1).await[0];
    // The first is decided already: deciding it again as proposed is refused.
    let res = bulk(&app, t.id, json!({"action": "decide_as_proposed", "application_ids": [ids[0]]})).await;
    assert_eq!(res.status(), 200);
    let before = states(&app, t.id).await;

    let problem = assert_problem(
        bulk(&app, t.id, json!({"action": "attend", "application_ids": [ids[1], elsewhere]})).await,
        422,
        "practical_applications_elsewhere",
    )
    .await;
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains(&format!("#{elsewhere}")) && detail.contains("この研修の申込ではありません"), "{problem}");

    let problem = assert_problem(
        bulk(&app, t.id, json!({"action": "delete", "application_ids": [ids[1]]})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["action"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("選択肢から選んでください"), "{problem}");

    let problem = assert_problem(
        bulk(&app, t.id, json!({"action": "attend", "application_ids": []})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["application_ids"]);
    assert_eq!(problem["errors"][0]["message"], "申込を一つ以上選んでください");

    // All or nothing: the two undecided ones would do, the decided one would not.
    let problem = assert_problem(
        bulk(&app, t.id, json!({"action": "decide_as_proposed", "application_ids": [ids[1], ids[0], ids[2]]})).await,
        409,
        "bulk_step_refused",
    )
    .await;
    assert_eq!(error_fields(&problem), ["application_ids[1]"]);
    let message = problem["errors"][0]["message"].as_str().unwrap();
    assert!(message.starts_with(&format!("一括 0（#{}）：", ids[0])), "{message}");
    // Attendance needs a notified acceptance.
    let problem = assert_problem(
        bulk(&app, t.id, json!({"action": "attend", "application_ids": ids})).await,
        409,
        "bulk_step_refused",
    )
    .await;
    assert_eq!(error_fields(&problem), ["application_ids[0]", "application_ids[1]", "application_ids[2]"]);

    assert_eq!(states(&app, t.id).await, before, "nothing changed");
    let detail = app.get_auth_json(&paths::practical_application(ids[1]), &app.staff().await).await;
    assert_eq!(detail["events"].as_array().unwrap().len(), 1, "only the submission: {detail}");
    // Nothing of the other training either.
    let other_list = states(&app, other.id).await;
    assert_eq!(other_list[0].1, "受付済み");
}
