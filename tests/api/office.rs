//! The office's daily work (issue 12, item 2): applications entered by staff, contact
//! corrections, cancellations with a reason, search, the dashboard, the calendar's status
//! rules and the outbox order.

use kenshu_api_tests::{application_form, assert_problem, error_fields, paths, spawn_app, with, TestApp};
use kenshu_domain::staff::Role;
use reqwest::Response;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

/// A phone application as staff type it for `email`.
fn phone_form(email: &str) -> Value {
    with(
        application_form(email),
        json!({"channel": "phone", "full_name": "札幌 花子", "furigana": "さっぽろ はなこ",
               "address": "札幌市中央区北1条西1丁目", "phone": "０１１－７９２－１８１１"}),
    )
}

async fn enter(app: &TestApp, training_id: i64, body: &Value, token: &str) -> Response {
    app.post_json(&paths::admin_training_applications(training_id), body, Some(token)).await
}

async fn patch(app: &TestApp, path: &str, body: &Value, token: &str) -> Response {
    app.client.patch(app.url(path)).json(body).bearer_auth(token).send().await.expect("request")
}

async fn staff_list(app: &TestApp, training_id: i64) -> Vec<Value> {
    let path = format!("{}?per_page=100", paths::admin_training_applications(training_id));
    app.get_auth_json(&path, &app.staff().await).await["items"].as_array().unwrap().clone()
}

/// Applications of the training in every status.
async fn count(app: &TestApp, training_id: i64) -> u64 {
    let mut total = 0;
    for status in kenshu_domain::application::ApplicationStatus::ALL {
        total += app.count_applications(training_id, status).await;
    }
    total
}

fn find<'a>(items: &'a [Value], email: &str) -> &'a Value {
    items.iter().find(|a| a["email"] == email).unwrap_or_else(|| panic!("no {email}"))
}

#[tokio::test]
async fn staff_enter_an_application_by_phone_with_the_public_mail_and_it_is_marked_as_theirs() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let email = app.unique_email("phone");

    let res = enter(&app, t.id, &phone_form(&email), &staff).await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!((created["status"].as_str(), created["email"].as_str()), (Some("confirmed"), Some(email.as_str())));

    let mails = app.mails_to(&email, 1).await;
    assert_eq!(mails[0]["subject"], "【一般社団法人札幌市介護支援専門員連絡協議会】申込内容のご確認（自動返信）");
    assert!(mails[0]["text"].as_str().unwrap().contains("/me/"), "the same mail with the My Page link");

    let items = staff_list(&app, t.id).await;
    let entered = find(&items, &email);
    assert_eq!(entered["phone"], "011-792-1811", "normalised as the form is");
    assert_eq!(entered["furigana"], "さっぽろ はなこ");
    assert_eq!(entered["address"], "札幌市中央区北1条西1丁目");
    assert_eq!(entered["entered_by_staff"]["channel"], "phone");
    assert_eq!(entered["entered_by_staff"]["channel_label"], "電話");
    assert!(entered["entered_by_staff"]["staff_email"].as_str().unwrap().starts_with("staff-"));

    let public = app.seed().applicant(t.id, "web").await;
    assert!(find(&staff_list(&app, t.id).await, &public.email)["entered_by_staff"].is_null());

    let prefecture = app.token(Role::Prefecture).await;
    let res = enter(&app, t.id, &phone_form(&app.unique_email("pref")), &prefecture).await;
    assert_problem(res, 403, "forbidden").await;
}

#[tokio::test]
async fn a_staff_entered_application_that_breaks_a_rule_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().capacity(2).published().await;
    let email = app.unique_email("bad");

    let bad = with(phone_form(&email), json!({"phone": "abc", "furigana": "サッポロ", "privacy_consent": false}));
    let problem = assert_problem(enter(&app, t.id, &bad, &staff).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["phone", "privacy_consent", "furigana"]);
    let unknown = with(phone_form(&email), json!({"channel": "mail"}));
    assert_problem(enter(&app, t.id, &unknown, &staff).await, 422, "validation_failed").await;
    assert_eq!(count(&app, t.id).await, 0);

    assert_eq!(enter(&app, t.id, &phone_form(&email), &staff).await.status(), 201);
    let again = enter(&app, t.id, &phone_form(&email), &staff).await;
    let problem = assert_problem(again, 409, "already_applied").await;
    assert_eq!(error_fields(&problem), ["email"]);
    assert_eq!(enter(&app, t.id, &phone_form(&app.unique_email("second")), &staff).await.status(), 201);
    let full = enter(&app, t.id, &phone_form(&app.unique_email("late")), &staff).await;
    assert_problem(full, 409, "training_full").await;
    assert_eq!(count(&app, t.id).await, 2);
}

#[tokio::test]
async fn staff_may_enter_after_the_public_deadline_but_not_once_the_training_has_started() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    // Starts in two days; the public deadline is a day before.
    let t = app.seed().training().starts_in(Duration::days(2)).published().await;
    app.state.clock.pin(Some(OffsetDateTime::now_utc() + Duration::hours(36)));

    let late = app.unique_email("late");
    assert_problem(app.apply(t.id, &late, json!({})).await, 409, "applications_closed").await;
    assert_eq!(enter(&app, t.id, &phone_form(&late), &staff).await.status(), 201);

    app.state.clock.pin(Some(OffsetDateTime::now_utc() + Duration::days(2) + Duration::minutes(1)));
    let res = enter(&app, t.id, &phone_form(&app.unique_email("started")), &staff).await;
    let problem = assert_problem(res, 409, "staff_entry_closed").await;
    assert!(problem["title"].as_str().unwrap().contains("開始後"));
    assert_eq!(count(&app, t.id).await, 1);
}

#[tokio::test]
async fn cancelling_with_a_reason_promotes_the_first_waiting_applicant_and_mails_both() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().capacity(1).waiting_list().published().await;
    let seated = app.seed().applicant(t.id, "seated").await;
    let waiting = app.unique_email("waiting");
    let res = enter(&app, t.id, &with(phone_form(&waiting), json!({"channel": "fax"})), &staff).await;
    let body: Value = res.json().await.unwrap();
    assert_eq!((body["status"].as_str(), body["waitlist_position"].as_u64()), (Some("waitlisted"), Some(1)));
    let id = app.application_id(t.id, &seated.email).await;

    let problem = assert_problem(
        app.post_json(&paths::staff_cancel(id), &json!({"reason": "  "}), Some(&staff)).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["message"], "キャンセルの理由を入力してください");

    let reason = "ご本人から電話で取り消しの連絡あり";
    let res = app.post_json(&paths::staff_cancel(id), &json!({"reason": reason}), Some(&staff)).await;
    assert_eq!(res.status(), 200);
    let cancelled: Value = res.json().await.unwrap();
    assert_eq!((cancelled["status"].as_str(), cancelled["cancel_reason"].as_str()), (Some("cancelled"), Some(reason)));

    let items = staff_list(&app, t.id).await;
    assert_eq!(find(&items, &waiting)["status"], "confirmed", "promoted as usual");
    let to_seated = app.mails_to(&seated.email, 2).await;
    assert!(to_seated.iter().any(|m| m["subject"].as_str().unwrap().contains("キャンセルを承りました")));
    assert!(to_seated.iter().all(|m| !m["text"].as_str().unwrap().contains(reason)), "the reason stays in the office");
    let to_waiting = app.mails_to(&waiting, 2).await;
    assert!(to_waiting.iter().any(|m| m["subject"].as_str().unwrap().contains("繰り上げ")));

    let again = app.post_json(&paths::staff_cancel(id), &json!({"reason": reason}), Some(&staff)).await;
    assert_problem(again, 409, "already_cancelled").await;
    let prefecture = app.token(Role::Prefecture).await;
    let res = app.post_json(&paths::staff_cancel(id), &json!({"reason": reason}), Some(&prefecture)).await;
    assert_problem(res, 403, "forbidden").await;
}

#[tokio::test]
async fn contact_fields_are_corrected_by_the_rules_of_the_form() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let a = app.seed().applicant(t.id, "a").await;
    let b = app.seed().applicant(t.id, "b").await;
    let id = app.application_id(t.id, &a.email).await;
    let new_email = app.unique_email("new");

    let change = json!({"email": new_email, "phone": "０９０ １２３４ ５６７８", "address": "札幌市北区北8条西5丁目"});
    let res = patch(&app, &paths::admin_application(id), &change, &staff).await;
    assert_eq!(res.status(), 200);
    let changed: Value = res.json().await.unwrap();
    assert_eq!((changed["email"].as_str(), changed["phone"].as_str()), (Some(new_email.as_str()), Some("09012345678")));
    assert_eq!(changed["address"], "札幌市北区北8条西5丁目");

    let bad = json!({"email": "hanako", "phone": "123", "address": "北".repeat(201)});
    let res = patch(&app, &paths::admin_application(id), &bad, &staff).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["email", "phone", "address"]);
    let taken = json!({"email": b.email, "phone": "011-792-1811"});
    assert_problem(patch(&app, &paths::admin_application(id), &taken, &staff).await, 409, "already_applied").await;
    assert_eq!(find(&staff_list(&app, t.id).await, &new_email)["phone"], "09012345678", "nothing changed");

    app.post_json(&paths::staff_cancel(id), &json!({"reason": "重複"}), Some(&staff)).await;
    let res = patch(&app, &paths::admin_application(id), &change, &staff).await;
    assert_problem(res, 409, "already_cancelled").await;
}

#[tokio::test]
async fn search_finds_by_name_furigana_address_or_phone_whatever_the_width_or_kana() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let hanako = app.unique_email("hanako");
    enter(&app, t.id, &phone_form(&hanako), &staff).await;
    let taro = app.unique_email("taro");
    let taro_form = with(
        phone_form(&taro),
        json!({"full_name": "旭川 太郎", "furigana": "あさひかわ たろう", "address": "旭川市6条通9丁目",
               "phone": "0166-23-1234"}),
    );
    enter(&app, t.id, &taro_form, &staff).await;
    for name in ["c", "d", "e"] {
        app.seed().applicant(t.id, name).await;
    }

    let emails = |list: &Value| -> Vec<String> {
        list["items"].as_array().unwrap().iter().map(|a| a["email"].as_str().unwrap().to_owned()).collect()
    };
    for q in ["ｻｯﾎﾟﾛ", "サッポロ", "さっぽろ　はなこ", "0117921811", "０１１－７９２", "北1条"]
    {
        let list = app.get_auth_json(&paths::search_applications(t.id, q, 1, 20), &staff).await;
        assert_eq!(emails(&list), vec![hanako.clone()], "{q}");
    }
    for q in ["ｱｻﾋｶﾜ", "旭川 太郎", "6条通"] {
        let list = app.get_auth_json(&paths::search_applications(t.id, q, 1, 20), &staff).await;
        assert_eq!(emails(&list), vec![taro.clone()], "{q}");
    }

    // Every seeded applicant shares 札幌 花子 and 0123-45-6789: two pages of two, in order.
    let first = app.get_auth_json(&paths::search_applications(t.id, "0123456789", 1, 2), &staff).await;
    let second = app.get_auth_json(&paths::search_applications(t.id, "0123456789", 2, 2), &staff).await;
    assert_eq!((first["total"].as_u64(), second["total"].as_u64()), (Some(3), Some(3)));
    let ids: Vec<i64> = [&first, &second]
        .iter()
        .flat_map(|l| l["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()))
        .collect();
    assert_eq!(ids.len(), 3);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in the order they arrived: {ids:?}");
    let none = app.get_auth_json(&paths::search_applications(t.id, "函館", 1, 20), &staff).await;
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn the_dashboard_counts_every_stage_for_staff_and_the_prefecture() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().capacity(2).waiting_list().published().await;
    let a = app.seed().applicant(t.id, "a").await;
    let b = app.seed().applicant(t.id, "b").await;
    let _waiting = app.seed().applicant(t.id, "w1").await;
    let _waiting2 = app.seed().applicant(t.id, "w2").await;
    let (a_id, b_id) = (app.application_id(t.id, &a.email).await, app.application_id(t.id, &b.email).await);
    app.set_codes(a_id, true).await;
    let res = app.post_json(&paths::staff_cancel(b_id), &json!({"reason": "体調不良"}), Some(&staff)).await;
    assert_eq!(res.status(), 200);

    let prefecture = app.token(Role::Prefecture).await;
    let dashboard = app.get_auth_json(&paths::dashboard(t.id), &prefecture).await;
    assert_eq!(
        dashboard,
        json!({"training_id": t.id, "capacity": 2, "applied": 4, "confirmed": 2, "waiting": 1, "cancelled": 1,
               "checked_in": 1, "checked_out": 1, "certified": 0})
    );
    assert_problem(app.get_auth(&paths::dashboard(9999), &staff).await, 404, "training_not_found").await;
}

#[tokio::test]
async fn finishing_waits_for_the_end_and_a_closed_training_reopens_only_before_its_start() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().starts_in(Duration::days(2)).published().await;
    let actions = |training: &Value| training["actions"].clone();
    let res = app.post_empty(&paths::close(t.id), &staff).await;
    let closed: Value = res.json().await.unwrap();
    assert_eq!(actions(&closed), json!(["reopen", "cancel"]));

    // During the training: no reopening, no finishing yet, and nothing changes.
    app.state.clock.pin(Some(OffsetDateTime::now_utc() + Duration::days(2) + Duration::hours(1)));
    let problem = assert_problem(app.post_empty(&paths::reopen(t.id), &staff).await, 409, "reopen_after_start").await;
    assert!(problem["detail"].as_str().unwrap().contains("受付を再開できません"), "{problem}");
    assert_problem(app.post_empty(&paths::publish(t.id), &staff).await, 409, "reopen_after_start").await;
    let problem =
        assert_problem(app.post_empty(&paths::finish(t.id), &staff).await, 409, "training_not_held_yet").await;
    assert!(problem["detail"].as_str().unwrap().contains("終了日時"), "{problem}");
    let now = app.get_auth_json(&paths::admin_training(t.id), &staff).await;
    assert_eq!((now["status"].as_str(), actions(&now)), (Some("closed"), json!(["cancel"])));

    // After the end: finishing fits.
    app.state.clock.pin(Some(OffsetDateTime::now_utc() + Duration::days(2) + Duration::hours(3)));
    let now = app.get_auth_json(&paths::admin_training(t.id), &staff).await;
    assert_eq!(actions(&now), json!(["finish", "cancel"]));
    let finished: Value = app.post_empty(&paths::finish(t.id), &staff).await.json().await.unwrap();
    assert_eq!((finished["status"].as_str(), actions(&finished)), (Some("finished"), json!([])));

    // Before the start, a closed training reopens.
    app.state.clock.pin(None);
    let other = app.seed().training().published().await;
    app.post_empty(&paths::close(other.id), &staff).await;
    let reopened: Value = app.post_empty(&paths::reopen(other.id), &staff).await.json().await.unwrap();
    assert_eq!(reopened["status"], "published");
    let prefecture = app.token(Role::Prefecture).await;
    assert_problem(app.post_empty(&paths::reopen(other.id), &prefecture).await, 403, "forbidden").await;
}

/// Sets a mail's status straight in the outbox (the worker's own outcomes take minutes).
async fn set_mail_status(app: &TestApp, id: i64, status: &str) {
    let update = Query::update()
        .table(Alias::new("outbox"))
        .value(Alias::new("status"), status)
        .value(Alias::new("last_error"), (status == "failed").then_some("550 mailbox unavailable"))
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    let db = &app.state.db;
    db.execute(db.get_database_backend().build(&update)).await.expect("set the status");
}

#[tokio::test]
async fn the_outbox_lists_failures_first_then_queued_then_sent_and_resends_a_failure() {
    let app = kenshu_api_tests::spawn_app_with_smtp(None).await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    for name in ["a", "b", "c"] {
        let res = app.apply(t.id, &app.unique_email(name), json!({})).await;
        assert_eq!(res.status(), 201);
    }
    let all = app.get_auth_json(&paths::outbox(), &staff).await;
    let ids: Vec<i64> = all["items"].as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 3);
    let (oldest, middle, newest) = (ids[2], ids[1], ids[0]);
    set_mail_status(&app, oldest, "sent").await;
    set_mail_status(&app, middle, "failed").await;

    let path = format!("{}?training_id={}", paths::outbox(), t.id);
    let list = app.get_auth_json(&path, &staff).await;
    let order: Vec<(i64, String)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_i64().unwrap(), m["status"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(order, [(middle, "failed".into()), (newest, "pending".into()), (oldest, "sent".into())]);
    assert!(list["items"][0].get("body").is_none(), "bodies hold My Page keys and are never listed");

    let resent: Value = app.post_empty(&paths::resend(middle), &staff).await.json().await.unwrap();
    assert_eq!(resent["status"], "pending");
    assert_problem(app.post_empty(&paths::resend(oldest), &staff).await, 409, "already_sent").await;
    let prefecture = app.token(Role::Prefecture).await;
    assert_problem(app.get_auth(&paths::outbox(), &prefecture).await, 403, "forbidden").await;
}

#[tokio::test]
async fn a_reissued_link_replaces_the_old_one() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let a = app.seed().applicant(t.id, "a").await;
    let id = app.application_id(t.id, &a.email).await;
    assert_eq!(app.post_empty(&paths::reissue(id), &staff).await.status(), 202);
    let mails = app.mails_to(&a.email, 2).await;
    let fresh = mails.iter().map(kenshu_api_tests::key_from_mail).find(|k| *k != a.key).expect("a new key");
    assert_problem(app.get(&paths::me(&a.key)).await, 404, "application_not_found").await;
    assert_eq!(app.get(&paths::me(&fresh)).await.status(), 200);
}
