//! 開始番号・終了番号 on the day (SPEC §4): windows, the record, and limits on guessing.

use kenshu_api_tests::{
    assert_problem, error_fields, paths, spawn_app, spawn_app_with, spawn_app_with_smtp, spawn_beside, spawn_instances,
    TestApp,
};
use kenshu_domain::staff::Role;
use reqwest::Response;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const START: &str = "4821";
const END: &str = "0937";

fn at(value: &Value) -> OffsetDateTime {
    OffsetDateTime::parse(value.as_str().expect("a time"), &Rfc3339).expect("rfc3339")
}

/// A training a week ahead with both codes set; returns its id, start and end.
async fn training_with_codes(app: &TestApp) -> (i64, OffsetDateTime, OffsetDateTime) {
    let t = app.seed().training().starts_in(Duration::days(7)).published().await;
    let res = app
        .put_json(&paths::admin_codes(t.id), &json!({"start_code": START, "end_code": END}), &app.staff().await)
        .await;
    assert_eq!(res.status(), 200);
    (t.id, at(&t["starts_at"]), at(&t["ends_at"]))
}

fn pin(apps: &[&TestApp], now: OffsetDateTime) {
    for app in apps {
        app.state.clock.pin(Some(now));
    }
}

async fn enter(app: &TestApp, path: &str, code: &str, forwarded_for: Option<&str>) -> Response {
    let mut req = app.client.post(app.url(path)).json(&json!({ "code": code }));
    if let Some(address) = forwarded_for {
        req = req.header("X-Forwarded-For", address);
    }
    req.send().await.expect("request")
}

#[tokio::test]
async fn an_applicant_checks_in_and_out_within_the_windows_and_my_page_follows() {
    let app = spawn_app().await;
    let (id, s, e) = training_with_codes(&app).await;
    let applicant = app.seed().applicant(id, "day").await;
    let me = paths::me(&applicant.key);

    pin(&[&app], s - Duration::minutes(31));
    let page = app.get_json(&me).await;
    assert_eq!(page["day"]["screen"], "before_check_in");
    assert_eq!(page["day"]["check_in"]["open"], false);
    assert_eq!(
        page["day"]["check_in"]["closed_reason"],
        "開始番号4ケタを入力できません。研修開始30分前までお待ちください。"
    );
    assert_eq!(page["day"]["certificate"]["state"], "awaiting_codes");
    let res = enter(&app, &paths::me_check_in(&applicant.key), START, None).await;
    let problem = assert_problem(res, 409, "code_window_not_open").await;
    assert!(problem["detail"].as_str().unwrap().contains("研修開始30分前"), "{problem}");

    pin(&[&app], s - Duration::minutes(30));
    assert_eq!(app.get_json(&me).await["day"]["screen"], "check_in");
    // Full-width digits, as a phone keyboard may give them.
    let res = enter(&app, &paths::me_check_in(&applicant.key), "４８２１", None).await;
    assert_eq!(res.status(), 200);
    let page: Value = res.json().await.unwrap();
    assert_eq!(page["day"]["screen"], "waiting");
    assert_eq!(at(&page["day"]["checked_in_at"]), s - Duration::minutes(30));
    assert!(page["day"]["checked_in_at"].as_str().unwrap().ends_with("+09:00"));
    assert_eq!(
        page["day"]["check_out"]["closed_reason"],
        "終了番号4ケタを入力できません。研修終了までお待ちください。"
    );

    let res = enter(&app, &paths::me_check_in(&applicant.key), START, None).await;
    assert_problem(res, 409, "already_checked_in").await;
    pin(&[&app], e - Duration::minutes(1));
    let res = enter(&app, &paths::me_check_out(&applicant.key), END, None).await;
    assert_problem(res, 409, "code_window_not_open").await;

    pin(&[&app], e + Duration::minutes(30));
    assert_eq!(app.get_json(&me).await["day"]["screen"], "check_out");
    let res = enter(&app, &paths::me_check_out(&applicant.key), END, None).await;
    assert_eq!(res.status(), 200);
    let page: Value = res.json().await.unwrap();
    assert_eq!(page["day"]["screen"], "done");
    assert_eq!(at(&page["day"]["checked_out_at"]), e + Duration::minutes(30));
    assert_eq!(page["day"]["certificate"]["state"], "ready");
    assert_eq!(page["day"]["certificate_url"], format!("/api/v1/me/{}/certificate.pdf", applicant.key));
    let res = enter(&app, &paths::me_check_out(&applicant.key), END, None).await;
    assert_problem(res, 409, "already_checked_out").await;
}

#[tokio::test]
async fn codes_out_of_order_out_of_window_or_malformed_change_nothing() {
    let app = spawn_app().await;
    let (id, s, e) = training_with_codes(&app).await;
    let applicant = app.seed().applicant(id, "order").await;
    let (check_in, check_out) = (paths::me_check_in(&applicant.key), paths::me_check_out(&applicant.key));

    pin(&[&app], e);
    assert_problem(enter(&app, &check_out, END, None).await, 409, "not_checked_in").await;
    pin(&[&app], s + Duration::minutes(6));
    let problem = assert_problem(enter(&app, &check_in, START, None).await, 409, "code_window_closed").await;
    assert!(problem["detail"].as_str().unwrap().contains("研修開始5分後まで"), "{problem}");
    pin(&[&app], s);
    for bad in ["", "123", "12345", "12a4", "１２３"] {
        let problem = assert_problem(enter(&app, &check_in, bad, None).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), ["code"], "{bad:?}");
        assert_eq!(problem["errors"][0]["message"], "開始番号は4ケタの数字で入力してください");
    }
    let res = app.post_json(&check_in, &json!({}), None).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["code"]);
    let page = app.get_json(&paths::me(&applicant.key)).await;
    assert_eq!(page["day"]["checked_in_at"], Value::Null);
    assert_eq!(page["day"]["screen"], "check_in");
    // Malformed codes were never compared: all five tries are left.
    let problem = assert_problem(enter(&app, &check_in, "0000", None).await, 422, "wrong_code").await;
    assert_eq!(problem["detail"], "あと4回まで入力できます");
}

#[tokio::test]
async fn only_confirmed_applications_check_in() {
    let app = spawn_app().await;
    let t = app.seed().training().capacity(1).waiting_list().starts_in(Duration::days(7)).published().await;
    let res = app
        .put_json(&paths::admin_codes(t.id), &json!({"start_code": START, "end_code": END}), &app.staff().await)
        .await;
    assert_eq!(res.status(), 200);
    let _seated = app.seed().applicant(t.id, "seated").await;
    let waiting = app.seed().applicant(t.id, "waiting").await;
    pin(&[&app], at(&t["starts_at"]));
    assert_eq!(app.get_json(&paths::me(&waiting.key)).await["day"]["screen"], "not_confirmed");
    let res = enter(&app, &paths::me_check_in(&waiting.key), START, None).await;
    assert_problem(res, 409, "not_confirmed_for_day").await;
}

#[tokio::test]
async fn wrong_codes_are_limited_per_application_across_instances_and_then_even_the_right_one_is_refused() {
    let apps = spawn_instances(2).await;
    let (one, two) = (&apps[0], &apps[1]);
    let (id, s, _) = training_with_codes(one).await;
    let applicant = one.seed().applicant(id, "guess").await;
    let check_in = paths::me_check_in(&applicant.key);
    pin(&[one, two], s - Duration::minutes(10));
    for n in 0..5 {
        let app = if n % 2 == 0 { one } else { two };
        let problem = assert_problem(enter(app, &check_in, &format!("000{n}"), None).await, 422, "wrong_code").await;
        assert_eq!(error_fields(&problem), ["code"]);
    }
    for app in [one, two] {
        assert_problem(enter(app, &check_in, START, None).await, 429, "code_attempts_exhausted").await;
    }
    assert_eq!(one.get_json(&paths::me(&applicant.key)).await["day"]["checked_in_at"], Value::Null);
}

#[tokio::test]
async fn staff_lift_a_lock_at_reception_and_the_right_code_is_taken_again_with_an_audit_row() {
    let app = spawn_app().await;
    let (id, s, _) = training_with_codes(&app).await;
    let applicant = app.seed().applicant(id, "locked").await;
    let other = app.seed().applicant(id, "other").await;
    let staff = app.staff().await;
    let list = app.get_auth_json(&format!("{}?per_page=100", paths::admin_training_applications(id)), &staff).await;
    let id_of =
        |email: &str| list["items"].as_array().unwrap().iter().find(|a| a["email"] == email).unwrap()["id"].clone();
    let (locked_id, other_id) = (id_of(&applicant.email), id_of(&other.email));
    let reset = |application_id: &Value| format!("/api/v1/admin/applications/{application_id}/code-attempts/reset");

    let check_in = paths::me_check_in(&applicant.key);
    pin(&[&app], s - Duration::minutes(10));
    for n in 0..5 {
        assert_problem(enter(&app, &check_in, &format!("000{n}"), None).await, 422, "wrong_code").await;
    }
    assert_problem(enter(&app, &check_in, START, None).await, 429, "code_attempts_exhausted").await;
    // The other participant's wrong code is theirs: a reset of this one leaves it.
    assert_problem(enter(&app, &paths::me_check_in(&other.key), "0009", None).await, 422, "wrong_code").await;

    // Reading roles may not lift it; staff may.
    let prefecture = app.token(Role::Prefecture).await;
    assert_problem(app.post_empty(&reset(&locked_id), &prefecture).await, 403, "forbidden").await;
    assert_problem(enter(&app, &check_in, START, None).await, 429, "code_attempts_exhausted").await;
    let res = app.post_empty(&reset(&locked_id), &staff).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"application_id": locked_id, "cleared": 5}));

    let res = enter(&app, &check_in, START, None).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert!(app.get_json(&paths::me(&applicant.key)).await["day"]["checked_in_at"].is_string());
    // The other one still has four tries left.
    let problem =
        assert_problem(enter(&app, &paths::me_check_in(&other.key), "0008", None).await, 422, "wrong_code").await;
    assert_eq!(problem["detail"], "あと3回まで入力できます");
    let body: Value = app.post_empty(&reset(&other_id), &staff).await.json().await.unwrap();
    assert_eq!(body["cleared"], 2);
    app.state.clock.pin(None);

    let admin = app.token(Role::Admin).await;
    let audit = app.get_auth_json("/api/v1/admin/audit-log?action=code-attempts&per_page=100", &admin).await;
    let statuses: Vec<(i64, String)> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["status"].as_i64().unwrap(), r["action"].as_str().unwrap().to_owned()))
        .collect();
    let action = "POST /api/v1/admin/applications/{id}/code-attempts/reset".to_owned();
    assert_eq!(statuses, [(200, action.clone()), (200, action.clone()), (403, action)], "newest first");
    assert_problem(app.post_empty(&reset(&json!(987_654)), &staff).await, 404, "application_not_found").await;
}

/// Six applicants (to apply before the clock is pinned on the day).
async fn hall(app: &TestApp, id: i64) -> Vec<String> {
    let mut keys = Vec::new();
    for person in 0..6 {
        keys.push(app.seed().applicant(id, &format!("hall{person}")).await.key);
    }
    keys
}

/// The hall's five wrong codes each fill one address's budget of 30.
async fn exhaust_an_address(app: &TestApp, keys: &[String], forwarded_for: impl Fn(usize) -> Option<String>) {
    for (person, key) in keys.iter().enumerate() {
        for n in 0..5 {
            let address = forwarded_for(person * 5 + n);
            let res = enter(app, &paths::me_check_in(key), "0000", address.as_deref()).await;
            assert_problem(res, 422, "wrong_code").await;
        }
    }
}

#[tokio::test]
async fn an_address_is_limited_only_for_itself_behind_a_trusted_proxy() {
    let app = spawn_app_with(|c| {
        c.trusted_proxies = kenshu_http::transport::client::TrustedProxies::parse("127.0.0.1").unwrap()
    })
    .await;
    let (id, s, _) = training_with_codes(&app).await;
    let rightful = app.seed().applicant(id, "rightful").await;
    let keys = hall(&app, id).await;
    pin(&[&app], s);
    exhaust_an_address(&app, &keys, |_| Some("203.0.113.7".into())).await;
    let res = enter(&app, &paths::me_check_in(&rightful.key), START, Some("203.0.113.7")).await;
    let problem = assert_problem(res, 429, "too_many_requests").await;
    assert!(problem["title"].as_str().is_some());
    // The rightful applicant, from another address, is not locked out by someone else's guesses.
    let res = enter(&app, &paths::me_check_in(&rightful.key), START, Some("198.51.100.20")).await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_spoofed_forwarded_for_changes_nothing_unless_the_proxy_is_trusted() {
    let app = spawn_app().await;
    let (id, s, _) = training_with_codes(&app).await;
    let rightful = app.seed().applicant(id, "spoof").await;
    let keys = hall(&app, id).await;
    pin(&[&app], s);
    // Every guess claims another address; without a trusted proxy all come from 127.0.0.1.
    exhaust_an_address(&app, &keys, |n| Some(format!("198.51.100.{n}"))).await;
    let res = enter(&app, &paths::me_check_in(&rightful.key), START, Some("192.0.2.99")).await;
    assert_problem(res, 429, "too_many_requests").await;
    let res = app
        .client
        .post(app.url(&paths::me_check_in(&rightful.key)))
        .header("Forwarded", "for=192.0.2.99")
        .json(&json!({"code": START}))
        .send()
        .await
        .unwrap();
    assert_problem(res, 429, "too_many_requests").await;
}

#[tokio::test]
async fn staff_set_or_generate_the_codes_and_only_staff_see_them() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let token = app.staff().await;
    let codes = app.get_auth_json(&paths::admin_codes(t.id), &token).await;
    assert_eq!((codes["start_code"].clone(), codes["end_code"].clone()), (Value::Null, Value::Null));
    assert_eq!(at(&codes["start_window"]["opens_at"]), at(&t["starts_at"]) - Duration::minutes(30));
    assert_eq!(at(&codes["end_window"]["closes_at"]), at(&t["ends_at"]) + Duration::minutes(30));

    let res = app.put_json(&paths::admin_codes(t.id), &json!({"generate": ["start", "end"]}), &token).await;
    assert_eq!(res.status(), 200);
    let codes: Value = res.json().await.unwrap();
    let (start, end) = (codes["start_code"].as_str().unwrap(), codes["end_code"].as_str().unwrap());
    assert!(start.len() == 4 && start.bytes().all(|b| b.is_ascii_digit()), "{start}");
    assert!(end.len() == 4 && end.bytes().all(|b| b.is_ascii_digit()), "{end}");
    assert_ne!(start, end);

    let res = app.put_json(&paths::admin_codes(t.id), &json!({"start_code": "１２３４"}), &token).await;
    let codes: Value = res.json().await.unwrap();
    assert_eq!(codes["start_code"], "1234");
    assert_eq!(codes["end_code"], end, "an absent code is kept");

    let bad = json!({"start_code": "12345", "end_code": "98", "generate": []});
    let problem =
        assert_problem(app.put_json(&paths::admin_codes(t.id), &bad, &token).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["start_code", "end_code"]);
    let both = json!({"start_code": "5555", "generate": ["start"]});
    let problem =
        assert_problem(app.put_json(&paths::admin_codes(t.id), &both, &token).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["start_code"]);
    let same = json!({"start_code": "7777", "end_code": "7777"});
    let problem =
        assert_problem(app.put_json(&paths::admin_codes(t.id), &same, &token).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["end_code"]);
    assert_eq!(app.get_auth_json(&paths::admin_codes(t.id), &token).await["start_code"], "1234");

    let viewer = app.token(Role::Prefecture).await;
    assert_problem(app.get_auth(&paths::admin_codes(t.id), &viewer).await, 403, "forbidden").await;
    assert_problem(app.get(&paths::admin_codes(t.id)).await, 401, "unauthorized").await;
}

/// Issue 13 item 4: every other 4-digit code, 64 at a time, spread over two instances. The
/// attempts are counted in the database before the code is compared, so parallel guesses
/// cannot slip past the limit: at most five are judged, every other is refused, and
/// afterwards the right code is refused too.
#[tokio::test]
async fn a_sweep_of_every_code_in_parallel_over_two_instances_gets_at_most_five_tries() {
    use futures_util::stream::{self, StreamExt};
    let apps = spawn_instances(2).await;
    let (one, two) = (&apps[0], &apps[1]);
    let (id, s, _) = training_with_codes(one).await;
    let applicant = one.seed().applicant(id, "sweep").await;
    let check_in = paths::me_check_in(&applicant.key);
    pin(&[one, two], s - Duration::minutes(10));
    let guesses: Vec<String> = (0..10_000).map(|n| format!("{n:04}")).filter(|c| c != START).collect();
    let (check_in, apps) = (&check_in, &apps);
    let statuses: Vec<(u16, String)> = stream::iter(guesses.iter().enumerate())
        .map(|(i, code)| async move {
            let res = enter(&apps[i % 2], check_in, code, None).await;
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            (status, body["code"].as_str().unwrap_or_default().to_owned())
        })
        .buffer_unordered(64)
        .collect()
        .await;
    // At most five are judged (the application's budget; guesses that arrive together count
    // each other, so fewer may be); every other guess is refused, by that budget or by the
    // client address's (30 per 10 minutes), and none checks in.
    let wrong = statuses.iter().filter(|(s, c)| *s == 422 && c == "wrong_code").count();
    // Or, when the machine is too busy to hand out a database connection in time, 503
    // `database_unavailable` (with Retry-After): not judged either.
    let refused = |(s, c): &&(u16, String)| {
        (*s == 429 && (c == "code_attempts_exhausted" || c == "too_many_requests"))
            || (*s == 503 && c == "database_unavailable")
    };
    let others: Vec<&(u16, String)> =
        statuses.iter().filter(|(_, c)| c != "wrong_code").filter(|a| !refused(a)).collect();
    assert!(wrong <= 5, "{wrong} guesses judged");
    assert!(others.is_empty(), "{:?}", &others[..others.len().min(5)]);
    println!("{} guesses over two instances: {wrong} judged wrong, {} refused", guesses.len(), statuses.len() - wrong);
    assert_eq!(one.get_json(&paths::me(&applicant.key)).await["day"]["checked_in_at"], Value::Null);
    // Refused guesses are never judged and do not count; the budget's remaining tries, one
    // at a time, are judged, and after them the right code is refused too.
    for n in wrong..5 {
        let res = enter(&apps[n % 2], check_in, &guesses[n], None).await;
        assert_problem(res, 422, "wrong_code").await;
    }
    assert_problem(enter(two, check_in, START, None).await, 429, "code_attempts_exhausted").await;
}

/// Issue 13 item 4: a hundred applications, a hundred wrong guesses each, all from one client
/// address and spread over two instances, 64 at a time. The address's budget (30 per 10
/// minutes, counted in the database) stops the sweep: at most 30 guesses are judged in all
/// and at most 5 per application; nobody is checked in; and once the address is locked out,
/// even the right code from it is refused.
#[tokio::test]
async fn a_hundred_applications_guessed_a_hundred_times_over_two_instances_stop_at_the_address_budget() {
    use futures_util::stream::{self, StreamExt};
    let one = spawn_app_with_smtp(None).await;
    let two = spawn_beside(&one, None).await;
    let t = one.seed().training().capacity(101).starts_in(Duration::days(7)).published().await;
    let codes = json!({"start_code": START, "end_code": END});
    assert_eq!(one.put_json(&paths::admin_codes(t.id), &codes, &one.staff().await).await.status(), 200);
    for i in 0..101 {
        let res = one.apply(t.id, &one.unique_email(&format!("guessed-{i}")), json!({})).await;
        assert_eq!(res.status(), 201);
    }
    let keys = one.keys_in_outbox().await;
    assert_eq!(keys.len(), 101);
    let (spare, keys) = keys.split_last().expect("keys");
    pin(&[&one, &two], at(&t["starts_at"]) - Duration::minutes(10));

    // Guess j of every application before guess j + 1 of any: the sweep moves across them.
    let attempts: Vec<(usize, String)> = (0..100)
        .flat_map(|j| (0..keys.len()).map(move |a| (a, format!("{:04}", (a * 100 + j) % 10_000))))
        .filter(|(_, code)| code != START)
        .collect();
    let apps = [&one, &two];
    let (apps, keys) = (&apps, &keys);
    let answers: Vec<(usize, usize, u16, String)> = stream::iter(attempts.iter().enumerate())
        .map(|(n, (a, code))| async move {
            let res = enter(apps[n % 2], &paths::me_check_in(&keys[*a]), code, None).await;
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            (n, *a, status, body["code"].as_str().unwrap_or_default().to_owned())
        })
        .buffer_unordered(64)
        .collect()
        .await;
    let judged: Vec<&(usize, usize, u16, String)> =
        answers.iter().filter(|(.., s, c)| *s == 422 && c == "wrong_code").collect();
    let others: Vec<_> = answers
        .iter()
        .filter(|(.., s, c)| {
            !(*s == 422 && c == "wrong_code")
                && !(*s == 429 && (c == "too_many_requests" || c == "code_attempts_exhausted"))
                && !(*s == 503 && c == "database_unavailable")
        })
        .collect();
    assert!(others.is_empty(), "{:?}", &others[..others.len().min(5)]);
    assert!(judged.len() <= 30, "{} guesses judged from one address", judged.len());
    for a in 0..keys.len() {
        let per_application = judged.iter().filter(|(_, app, ..)| *app == a).count();
        assert!(per_application <= 5, "application {a}: {per_application} judged");
    }
    let first_refusal = answers.iter().filter(|(.., s, _)| *s == 429).map(|(n, ..)| n + 1).min();
    println!(
        "{} guesses at {} applications over two instances: {} judged, the first refusal at attempt {:?}",
        attempts.len(),
        keys.len(),
        judged.len(),
        first_refusal
    );
    for key in keys.iter() {
        assert_eq!(one.get_json(&paths::me(key)).await["day"]["checked_in_at"], Value::Null);
    }
    // Under load some guesses may have been turned away (503) before they were judged: the
    // address's budget is spent one wrong guess at a time until it is refused. Then the right
    // code of an untouched application is refused too.
    let mut topped_up = 0;
    for i in 0..1_000 {
        let (a, code) = (i % keys.len(), format!("{:04}", 9_000 + i));
        let res = enter(apps[i % 2], &paths::me_check_in(&keys[a]), &code, None).await;
        let body: Value = res.json().await.unwrap_or(Value::Null);
        match body["code"].as_str() {
            Some("too_many_requests") => break,
            Some("wrong_code") => topped_up += 1,
            // This application's own five are spent: not judged, try the next one.
            Some("code_attempts_exhausted") => {}
            other => panic!("topping up the budget: {other:?}"),
        }
    }
    assert!(judged.len() + topped_up <= 30, "{} judged from one address", judged.len() + topped_up);
    assert_problem(enter(&two, &paths::me_check_in(spare), START, None).await, 429, "too_many_requests").await;
}
