//! Refusals that cost nothing (issue 13, item 9): once a training is sold out, each instance
//! refuses from memory (`kenshu_refusals_from_memory_total` in `/metrics` counts them), with
//! the database's very answer; a retry of a request that holds a seat is still replayed; a
//! seat freed on one instance is offered on every instance within a second.

use std::time::{Duration, Instant};

use kenshu_api_tests::forms::{application_form, with};
use kenshu_api_tests::{paths, spawn_instances, spawn_instances_with, TestApp};
use serde_json::{json, Value};

/// A memory long enough that nothing in a test outlives it by accident.
const LONG: Duration = Duration::from_secs(60);

/// Refusals this instance answered from memory, as `/metrics` shows them.
async fn from_memory(app: &TestApp) -> u64 {
    let text = app.get(paths::METRICS).await.text().await.expect("metrics");
    text.lines()
        .find_map(|line| line.strip_prefix("kenshu_refusals_from_memory_total "))
        .and_then(|n| n.trim().parse().ok())
        .expect("kenshu_refusals_from_memory_total in /metrics")
}

/// A keyed application by a new applicant, as the SPA sends it: status, headers but the
/// date, body.
async fn newcomer(app: &TestApp, training_id: i64, changes: Value) -> (u16, Vec<(String, String)>, String) {
    let body = with(application_form(&app.unique_email("late")), changes);
    let key = app.unique_email("key");
    answer(app.apply_with_key(training_id, &body, &key).await).await
}

async fn answer(res: reqwest::Response) -> (u16, Vec<(String, String)>, String) {
    let mut headers: Vec<(String, String)> = res
        .headers()
        .iter()
        .filter(|(name, _)| name.as_str() != "date")
        .map(|(name, value)| (name.as_str().to_owned(), value.to_str().unwrap_or_default().to_owned()))
        .collect();
    headers.sort();
    (res.status().as_u16(), headers, res.text().await.expect("body"))
}

/// Sends refused newcomers to `app` until it refuses one from memory (it learns in the
/// background after its first refusal); fails after 20 s.
async fn until_remembered(app: &TestApp, training_id: i64) {
    let before = from_memory(app).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while from_memory(app).await == before {
        assert!(Instant::now() < deadline, "the instance never refused from memory");
        let (status, _, body) = newcomer(app, training_id, json!({})).await;
        assert_eq!(status, 409, "{body}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn after_sell_out_refusals_come_from_memory_byte_for_byte_as_from_the_database() {
    // The first refusal of an instance reads the database: instances 1 and 2 give the
    // database's answers, instance 0 those from memory.
    let apps = spawn_instances_with(3, |c| c.sold_out_memory = LONG).await;
    let t = apps[0].seed().training().capacity(1).published().await;
    apps[0].seed().applicant(t.id, "first").await;
    let bad = json!({"email": "not-an-address", "privacy_consent": false});
    let from_database = (newcomer(&apps[1], t.id, json!({})).await, newcomer(&apps[2], t.id, bad.clone()).await);
    assert_eq!((from_memory(&apps[1]).await, from_memory(&apps[2]).await), (0, 0));
    assert_eq!(from_database.0 .0, 409);
    assert!(from_database.0 .2.contains(r#""code":"training_full""#), "{}", from_database.0 .2);

    until_remembered(&apps[0], t.id).await;
    let before = from_memory(&apps[0]).await;
    let remembered = (newcomer(&apps[0], t.id, json!({})).await, newcomer(&apps[0], t.id, bad).await);
    assert_eq!(from_memory(&apps[0]).await, before + 2, "both answered from memory");
    assert_eq!(remembered, from_database, "status, headers and body as the database path answered");
}

/// Sends `body` as it is (not through the form helper).
async fn raw_newcomer(app: &TestApp, training_id: i64, body: &str) -> (u16, Vec<(String, String)>, String) {
    answer(app.post_raw(&paths::training_applications(training_id), "application/json", body.to_owned(), None).await)
        .await
}

#[tokio::test]
async fn a_body_the_checks_refuse_is_told_what_is_wrong_even_when_the_training_is_remembered_full() {
    // The memory answers before the body is parsed, but only a body the checks surely accept.
    let apps = spawn_instances_with(2, |c| c.sold_out_memory = LONG).await;
    let t = apps[0].seed().training().capacity(1).published().await;
    apps[0].seed().applicant(t.id, "first").await;
    until_remembered(&apps[0], t.id).await;

    let valid = application_form("late@example.jp").to_string();
    let bodies = [
        valid.replace(r#""privacy_consent":true"#, r#""privacy_consent":"yes""#),
        valid.replace(r#""full_name":"#, r#""full_name":null,"x":"#),
        with(application_form("late@example.jp"), json!({"phone": null})).to_string(),
        valid.replace("late@", "la\\u0000te@"),
        valid.replace("non_member", "guest"),
        valid.trim_end_matches('}').to_owned(),
    ];
    for body in &bodies {
        assert!(body != &valid, "the case changes the body: {body}");
        let before = from_memory(&apps[0]).await;
        let remembered = raw_newcomer(&apps[0], t.id, body).await;
        assert_eq!(from_memory(&apps[0]).await, before, "not refused from memory: {body}");
        assert!(remembered.0 == 400 || remembered.0 == 422, "{body}: {remembered:?}");
        assert_eq!(remembered, raw_newcomer(&apps[1], t.id, body).await, "as the other instance answers: {body}");
    }
}

#[tokio::test]
async fn a_retry_of_the_request_that_took_the_last_seat_is_replayed_on_an_instance_that_remembers_it_full() {
    let apps = spawn_instances_with(2, |c| c.sold_out_memory = LONG).await;
    let t = apps[0].seed().training().capacity(1).published().await;
    let (body, key) = (application_form(&apps[1].unique_email("lucky")), "5d0c2b7e-3f14-4a8e-9b61-0c7d2e4f8a93");
    let first = answer(apps[1].apply_with_key(t.id, &body, key).await).await;
    assert_eq!(first.0, 201, "{}", first.2);

    until_remembered(&apps[0], t.id).await;
    let before = from_memory(&apps[0]).await;
    let retried = answer(apps[0].apply_with_key(t.id, &body, key).await).await;
    assert_eq!((retried.0, &retried.2), (201, &first.2), "the first answer again, not a refusal");
    assert_eq!(from_memory(&apps[0]).await, before, "the retry went to the database");
}

/// How a seat is freed on the other instance.
#[derive(Clone, Copy, Debug)]
enum Freed {
    ByTheApplicant,
    ByALargerCapacity,
}

async fn free_a_seat(app: &TestApp, how: Freed, training_id: i64, holder_key: &str, input: &Value) {
    let res = match how {
        Freed::ByTheApplicant => app.post(&paths::me_cancel(holder_key)).await,
        Freed::ByALargerCapacity => {
            let input = with(input.clone(), json!({"capacity": 2}));
            app.put_json(&paths::admin_training(training_id), &input, &app.staff().await).await
        }
    };
    assert_eq!(res.status(), 200, "{how:?}");
}

async fn a_seat_freed_on_one_instance_is_offered_on_the_other_within_a_second(how: Freed) {
    let apps = spawn_instances(2).await;
    let builder = apps[0].seed().training().capacity(1);
    let input = builder.input().clone();
    let t = builder.published().await;
    let holder = apps[1].seed().applicant(t.id, "holder").await;
    until_remembered(&apps[0], t.id).await;

    free_a_seat(&apps[1], how, t.id, &holder.key, &input).await;
    let freed = Instant::now();
    let mut answers = Vec::new();
    while freed.elapsed() < Duration::from_secs(1) {
        let (status, _, body) = newcomer(&apps[0], t.id, json!({})).await;
        answers.push(status);
        if status == 201 {
            assert!(body.contains(r#""status":"confirmed""#), "{body}");
            return;
        }
        assert_eq!(status, 409, "{body}");
    }
    panic!("{how:?}: no seat offered on the other instance within 1 s: {answers:?}");
}

#[tokio::test]
async fn a_seat_cancelled_on_one_instance_is_offered_on_the_other_within_a_second() {
    a_seat_freed_on_one_instance_is_offered_on_the_other_within_a_second(Freed::ByTheApplicant).await;
}

#[tokio::test]
async fn a_seat_added_on_one_instance_is_offered_on_the_other_within_a_second() {
    a_seat_freed_on_one_instance_is_offered_on_the_other_within_a_second(Freed::ByALargerCapacity).await;
}

/// The window the hold closes: a seat freed on instance B, taken at once on B by a keyed
/// request whose answer is lost, and the retry sent to instance A, which still remembers the
/// training as full (its memory began before the seat was freed). Without the hold the seat
/// is taken at once and A refuses the retry from memory; with it, the seat is taken only once
/// A's memory has run out, and the retry is replayed.
#[tokio::test]
async fn a_seat_freed_elsewhere_is_held_until_no_instance_remembers_the_training_full() {
    let memory = Duration::from_secs(3);
    let apps = spawn_instances_with(2, |c| c.sold_out_memory = memory).await;
    let t = apps[0].seed().training().capacity(1).published().await;
    let holder = apps[1].seed().applicant(t.id, "holder").await;
    until_remembered(&apps[0], t.id).await;

    let cancelled = apps[1].post(&paths::me_cancel(&holder.key)).await;
    assert_eq!(cancelled.status(), 200);
    let (body, key) = (application_form(&apps[1].unique_email("next")), "8e2f4a61-7b3c-4d95-a0e8-1f6c9b2d5e70");
    let seated = answer(apps[1].apply_with_key(t.id, &body, key).await).await;
    assert_eq!(seated.0, 201, "{}", seated.2);
    let retried = answer(apps[0].apply_with_key(t.id, &body, key).await).await;
    assert_eq!((retried.0, &retried.2), (201, &seated.2), "the retry is replayed, not refused");
}
