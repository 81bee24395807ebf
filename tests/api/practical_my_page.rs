//! The practical applicant's My Page (issue 10, item 6): the key from the acknowledgement
//! mail (stored hashed), the status as the applicant may know it, the letters, and
//! cancellation that promotes the next waiting applicant.

use kenshu_api_tests::{assert_problem, paths, set_at, TestApp};
use serde_json::{json, Value};

use crate::practical::{application_detail, candidate, decide_as_proposed, on_training_day, step, submitted, training};

/// The key in the acknowledgement mail to `form`'s address, and the mail's text.
async fn key_of(app: &TestApp, form: &Value) -> (String, String) {
    let email = form["affiliation"]["email"].as_str().unwrap();
    let mails = app.mails_to(email, 1).await;
    let text = mails[0]["text"].as_str().unwrap().to_owned();
    let start = text.find("/me/practical/").expect("a My Page link") + "/me/practical/".len();
    let key: String = text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    (key, text)
}

async fn my_page(app: &TestApp, key: &str) -> Value {
    let res = app.get(&paths::practical_me(key)).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

#[tokio::test]
async fn the_mail_opens_my_page_which_follows_the_selection_and_cancels_with_promotion() {
    let app = kenshu_api_tests::spawn_app().await;
    let t = training(&app, 1).await;
    let (id, schedules) = (t.id, &t.schedules);
    let first = candidate(&app, "一番 花子", "reduction", Some(schedules[0]), "この日程しか参加できないため", 1);
    let waiting = candidate(&app, "二番 花子", "deemed", Some(schedules[0]), "この日程しか参加できないため", 2);
    let first_id = submitted(&app, id, &first).await;
    let waiting_id = submitted(&app, id, &waiting).await;

    // The mail carries the 受付番号 and a key of at least 128 bits, stored only hashed.
    let (key, text) = key_of(&app, &first).await;
    assert!(text.contains(&format!("【受付番号】{first_id}")), "{text}");
    assert!(key.len() * 4 >= 128, "{key}");
    let stored = stored_key_hashes(&app).await;
    assert!(!stored.iter().any(|h| h == &key), "the key itself is never stored");
    let page = my_page(&app, &key).await;
    assert_eq!((page["receipt_number"].clone(), page["status_label"].clone()), (json!(first_id), json!("受付済み")));
    assert_eq!((page["notice_url"].clone(), page["can_cancel"].clone()), (Value::Null, json!(true)));

    // Decided but not yet sent: still 選考中.
    step(&app, &paths::apply_proposal(id)).await;
    assert_eq!(my_page(&app, &key).await["status_label"], "選考中");
    step(&app, &paths::practical_notices(id)).await;
    let page = my_page(&app, &key).await;
    assert_eq!(page["status_label"], "受講決定");
    assert!(page["schedule"].as_str().unwrap().starts_with("第1日程"), "{page}");
    let res = app.get(page["notice_url"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["cache-control"].to_str().unwrap().contains("no-store"));
    let (waiting_key, _) = key_of(&app, &waiting).await;
    let page = my_page(&app, &waiting_key).await;
    assert_eq!((page["status_label"].clone(), page["waitlist_position"].clone()), (json!("キャンセル待ち"), json!(1)));

    // GET never cancels; the POST does, and promotes the one waiting.
    assert_eq!(app.get(&paths::practical_me_cancel(&key)).await.status().as_u16() / 100, 4);
    let res = app.post(&paths::practical_me_cancel(&key)).await;
    assert_eq!(res.status(), 200);
    let page: Value = res.json().await.unwrap();
    assert_eq!((page["status_label"].clone(), page["can_cancel"].clone()), (json!("キャンセル済み"), json!(false)));
    let event = application_detail(&app, first_id).await["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((event["action"].clone(), event["staff_user_id"].clone()), (json!("cancel"), Value::Null));
    assert_eq!(application_detail(&app, waiting_id).await["state_label"], "受講決定（未通知）");

    // A second cancellation, and a key that opens nothing.
    assert_problem(app.post(&paths::practical_me_cancel(&key)).await, 409, "already_cancelled").await;
    assert_problem(app.get(&paths::practical_me(&"0".repeat(48))).await, 404, "application_not_found").await;
    assert_problem(app.post(&paths::practical_me_cancel(&"0".repeat(48))).await, 404, "application_not_found").await;
}

#[tokio::test]
async fn my_page_names_the_reason_and_hands_out_the_certificate_once_completed() {
    let app = kenshu_api_tests::spawn_app().await;
    let t = training(&app, 1).await;
    let bound = "この日程しか参加できないため";
    let accepted = candidate(&app, "修了 花子", "reduction", Some(t.schedules[0]), bound, 1);
    let mut refused = candidate(&app, "不可 花子", "transfer", Some(t.schedules[0]), bound, 2);
    set_at(&mut refused, "placement_need.wants_waitlist", json!(false));
    submitted(&app, t.id, &accepted).await;
    submitted(&app, t.id, &refused).await;
    decide_as_proposed(&app, t.id).await;

    let (refused_key, _) = key_of(&app, &refused).await;
    let page = my_page(&app, &refused_key).await;
    assert_eq!((page["status_label"].clone(), page["reasons"].clone()), (json!("受講不可"), json!(["申込多数のため"])));
    assert_eq!(page["can_cancel"], false);
    assert_problem(app.post(&paths::practical_me_cancel(&refused_key)).await, 409, "invalid_selection_transition")
        .await;

    let (key, _) = key_of(&app, &accepted).await;
    let page = my_page(&app, &key).await;
    assert_eq!(page["certificate_url"], Value::Null);
    let id = page["receipt_number"].as_i64().unwrap();
    on_training_day(&app);
    step(&app, &paths::attendance(id)).await;
    step(&app, &paths::completion(id)).await;
    let page = my_page(&app, &key).await;
    assert_eq!((page["status_label"].clone(), page["can_cancel"].clone()), (json!("修了"), json!(false)));
    let res = app.get(page["certificate_url"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));
    assert_problem(app.post(&paths::practical_me_cancel(&key)).await, 409, "invalid_selection_transition").await;
}

async fn stored_key_hashes(app: &TestApp) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    let db = &app.state.db;
    let sql = "SELECT key_hash FROM practical_applications";
    let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|r| r.try_get::<String>("", "key_hash").unwrap()).collect()
}
