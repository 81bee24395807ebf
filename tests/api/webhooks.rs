//! Webhooks: a real receiver on loopback gets every event, signed (checked here with an
//! HMAC written from its definition, not the server's function), retried after a 500,
//! redelivered on demand, and sent once even by two instances; refused URLs store nothing.

use std::time::Duration as StdDuration;

use kenshu_api_tests::receiver::{Received, Receiver};
use kenshu_api_tests::{assert_problem, paths, spawn_app_with, spawn_instances_with, TestApp};
use kenshu_domain::staff::Role;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const START: &str = "4821";
const END: &str = "0937";
const ALL_EVENTS: [&str; 4] =
    ["application.created", "application.cancelled", "attendance.completed", "certificate.issued"];

fn webhooks() -> String {
    paths::api("/admin/webhooks")
}

fn deliveries() -> String {
    paths::api("/admin/webhook-deliveries?per_page=100")
}

/// HMAC-SHA256 from RFC 2104: H((K ^ opad) || H((K ^ ipad) || m)), 64-byte blocks.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let inner: Vec<u8> = block.iter().map(|b| b ^ 0x36).chain(message.iter().copied()).collect();
    let inner = Sha256::digest(&inner);
    let outer: Vec<u8> = block.iter().map(|b| b ^ 0x5c).chain(inner.iter().copied()).collect();
    Sha256::digest(&outer).into()
}

/// Checks `Kenshu-Signature: t=…,v1=…` against the body with the secret; returns the body.
fn verified(received: &Received, secret: &str) -> Value {
    let header = &received.headers["kenshu-signature"];
    let (t, v1) = header.split_once(",v1=").expect("t=…,v1=…");
    let t = t.strip_prefix("t=").expect("t=");
    let timestamp: i64 = t.parse().expect("a unix time");
    assert!((OffsetDateTime::now_utc().unix_timestamp() - timestamp).abs() < 60 * 60 * 24 * 30);
    let expected: String = hmac_sha256(secret.as_bytes(), format!("{t}.{}", received.body).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(v1, expected, "signature of {}", received.body);
    let body: Value = serde_json::from_str(&received.body).expect("JSON body");
    assert_eq!(body["id"].to_string(), received.headers["kenshu-delivery"]);
    assert_eq!(body["event"], received.headers["kenshu-event"].as_str());
    assert_eq!(received.headers["content-type"], "application/json");
    body
}

async fn spawn() -> TestApp {
    spawn_app_with(|c| c.webhook_allow_private = true).await
}

async fn subscribe(app: &TestApp, admin: &str, url: &str, events: &[&str]) -> Value {
    let res = app.post_json(&webhooks(), &json!({"url": url, "events": events}), Some(admin)).await;
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, 201, "{body}");
    body
}

fn at(value: &Value) -> OffsetDateTime {
    OffsetDateTime::parse(value.as_str().expect("a time"), &Rfc3339).expect("rfc3339")
}

#[tokio::test]
async fn every_event_reaches_a_loopback_receiver_signed_and_a_failed_attempt_is_retried() {
    let app = spawn().await;
    let admin = app.token(Role::Admin).await;
    let receiver = Receiver::start(&[500]).await;
    let created = subscribe(&app, &admin, &receiver.url, &ALL_EVENTS).await;
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_") && secret.len() > 40, "{secret}");
    let listed = app.get_auth_json(&webhooks(), &admin).await;
    assert_eq!(listed["items"][0]["events"], json!(ALL_EVENTS));
    assert!(!listed.to_string().contains(&secret), "the secret is shown only once");

    let t = app.seed().training().starts_in(Duration::days(7)).published().await;
    let codes = json!({"start_code": START, "end_code": END});
    assert_eq!(app.put_json(&paths::admin_codes(t.id), &codes, &app.staff().await).await.status(), 200);
    let (s, e) = (at(&t["starts_at"]), at(&t["ends_at"]));
    let attendee = app.seed().applicant(t.id, "attendee").await;
    // The first delivery meets a 500 and waits for its retry.
    let first = receiver.wait_for(1).await;
    let first_id = first[0].headers["kenshu-delivery"].clone();
    let quitter = app.seed().applicant(t.id, "quitter").await;
    assert_eq!(app.post(&paths::me_cancel(&quitter.key)).await.status(), 200);
    receiver.wait_for(3).await;
    let log = app.get_auth_json(&deliveries(), &admin).await;
    let failed =
        log["items"].as_array().unwrap().iter().find(|d| d["id"].as_i64() == first_id.parse().ok()).unwrap().clone();
    assert_eq!(
        (&failed["status"], &failed["attempts"], &failed["last_status_code"]),
        (&json!("pending"), &json!(1), &json!(500))
    );
    assert!(at(&failed["next_attempt_at"]) > at(&failed["created_at"]), "{failed}");

    // The day: the retry is due once the clock passes its backoff.
    app.state.clock.pin(Some(s - Duration::minutes(30)));
    let got = receiver.wait_for(4).await;
    assert_eq!(got[3].headers["kenshu-delivery"], first_id, "the same delivery, tried again");
    let enter = |path: String, code: &'static str| {
        let req = app.client.post(app.url(&path)).json(&json!({ "code": code }));
        async move { req.send().await.unwrap().status() }
    };
    assert_eq!(enter(paths::me_check_in(&attendee.key), START).await, 200);
    app.state.clock.pin(Some(e + Duration::minutes(30)));
    assert_eq!(enter(paths::me_check_out(&attendee.key), END).await, 200);
    let certificate = app.get(&paths::me_certificate(&attendee.key)).await;
    assert_eq!(certificate.status(), 200, "{:?}", certificate.text().await);

    let got = receiver.wait_for(6).await;
    let bodies: Vec<Value> = got.iter().map(|r| verified(r, &secret)).collect();
    let events: Vec<&str> = bodies.iter().map(|b| b["event"].as_str().unwrap()).collect();
    assert_eq!(
        events,
        [
            "application.created",
            "application.created",
            "application.cancelled",
            "application.created",
            "attendance.completed",
            "certificate.issued"
        ]
    );
    let attendee_id = bodies[0]["data"]["application_id"].clone();
    assert_eq!(
        bodies[0]["data"],
        json!({"application_id": attendee_id, "training_id": t.id, "form": "simple", "status": "confirmed"})
    );
    assert_eq!(bodies[2]["data"]["application_id"], bodies[1]["data"]["application_id"]);
    assert_eq!(bodies[4]["data"], json!({"application_id": attendee_id, "training_id": t.id, "form": "simple"}));
    assert_eq!(bodies[5]["data"]["training_id"], t.id);
    assert_eq!(bodies[5]["data"]["subject_id"], attendee_id);
    assert_eq!(bodies[5]["data"]["number"], 1);
    for received in &got {
        for personal in
            ["札幌", "花子", attendee.email.as_str(), quitter.email.as_str(), "0123-45-6789", attendee.key.as_str()]
        {
            assert!(!received.body.contains(personal), "{personal} in {}", received.body);
        }
    }
    let log = app.get_auth_json(&deliveries(), &admin).await;
    assert!(log["items"].as_array().unwrap().iter().all(|d| d["status"] == "delivered"), "{log}");
    assert_eq!(log["total"], 5);
}

#[tokio::test]
async fn refused_urls_are_named_problems_and_store_nothing() {
    let strict = spawn_app_with(|_| {}).await;
    let admin = strict.token(Role::Admin).await;
    let refused = |app: &TestApp, admin: &str, url: &str, code: &'static str| {
        let body = json!({"url": url, "events": ["application.created"]});
        let req = app.client.post(app.url(&webhooks())).bearer_auth(admin).json(&body);
        async move {
            let problem = assert_problem(req.send().await.unwrap(), 422, "webhook_url_refused").await;
            assert_eq!(problem["errors"][0]["field"], "url", "{problem}");
            assert_eq!(problem["errors"][0]["code"], code, "{problem}");
            assert!(problem["errors"][0]["message"].as_str().unwrap().chars().any(|c| c > '\u{3000}'), "{problem}");
        }
    };
    refused(&strict, &admin, "ftp://partner.example.jp/hook", "not_http").await;
    refused(&strict, &admin, "javascript:alert(1)", "not_http").await;
    refused(&strict, &admin, "http://169.254.169.254/latest/meta-data", "link_local").await;
    refused(&strict, &admin, "http://[fe80::1]/hook", "link_local").await;
    refused(&strict, &admin, "http://127.0.0.1:9/hook", "loopback").await;
    refused(&strict, &admin, "http://localhost:9/hook", "loopback").await;
    refused(&strict, &admin, "http://10.0.0.8/hook", "private_address").await;
    refused(&strict, &admin, "http://kenshu.test/hook", "this_server").await;
    refused(&strict, &admin, "http://user:pw@partner.example.jp/", "malformed").await;
    assert_eq!(strict.get_auth_json(&webhooks(), &admin).await["items"], json!([]));

    let relaxed = spawn().await;
    let admin = relaxed.token(Role::Admin).await;
    let own = relaxed.address.replace("http://", "");
    refused(&relaxed, &admin, &format!("http://{own}/api/v1/trainings"), "this_server").await;
    refused(&relaxed, &admin, "http://169.254.169.254/", "link_local").await;
    let empty = json!({"url": "http://127.0.0.1:9/hook", "events": []});
    let problem =
        assert_problem(relaxed.post_json(&webhooks(), &empty, Some(&admin)).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "events");
    let unknown = json!({"url": "http://127.0.0.1:9/hook", "events": ["training.deleted"]});
    assert_eq!(relaxed.post_json(&webhooks(), &unknown, Some(&admin)).await.status(), 422);
    assert_eq!(relaxed.get_auth_json(&webhooks(), &admin).await["items"], json!([]));

    for role in [Role::Staff, Role::Prefecture] {
        let token = relaxed.token(role).await;
        assert_problem(relaxed.get_auth(&webhooks(), &token).await, 403, "forbidden").await;
        assert_problem(relaxed.get_auth(&deliveries(), &token).await, 403, "forbidden").await;
        let body = json!({"url": "http://127.0.0.1:9/hook", "events": ["application.created"]});
        assert_problem(relaxed.post_json(&webhooks(), &body, Some(&token)).await, 403, "forbidden").await;
    }
}

#[tokio::test]
async fn a_delivery_is_redelivered_on_demand_and_a_disabled_or_deleted_subscription_gets_nothing_new() {
    let app = spawn().await;
    let admin = app.token(Role::Admin).await;
    let receiver = Receiver::start(&[]).await;
    let hook = subscribe(&app, &admin, &receiver.url, &["application.created"]).await;
    let secret = hook["secret"].as_str().unwrap().to_owned();
    let t = app.seed().training().published().await;
    app.apply(t.id, &app.unique_email("one"), json!({})).await;
    let got = receiver.wait_for(1).await;
    let id = got[0].headers["kenshu-delivery"].clone();

    let res = app.post_empty(&paths::api(&format!("/admin/webhook-deliveries/{id}/redeliver")), &admin).await;
    assert_eq!(res.status(), 202);
    let got = receiver.wait_for(2).await;
    assert_eq!(got[1].headers["kenshu-delivery"], id);
    verified(&got[1], &secret);
    assert_eq!(got[1].body, got[0].body, "the same delivery, signed again");
    let missing = app.post_empty(&paths::api("/admin/webhook-deliveries/99999/redeliver"), &admin).await;
    assert_problem(missing, 404, "webhook_delivery_not_found").await;

    let hook_id = hook["id"].as_i64().unwrap();
    let res = app.post_empty(&paths::api(&format!("/admin/webhooks/{hook_id}/disable")), &admin).await;
    assert_eq!(res.json::<Value>().await.unwrap()["active"], false);
    app.apply(t.id, &app.unique_email("two"), json!({})).await;
    assert_eq!(app.get_auth_json(&deliveries(), &admin).await["total"], 1, "nothing queued while disabled");
    let res = app.delete_auth(&paths::api(&format!("/admin/webhooks/{hook_id}")), &admin).await;
    assert_eq!(res.status(), 204);
    assert_eq!(app.get_auth_json(&webhooks(), &admin).await["items"], json!([]));
    assert_eq!(app.get_auth_json(&deliveries(), &admin).await["total"], 0);
    let res = app.delete_auth(&paths::api(&format!("/admin/webhooks/{hook_id}")), &admin).await;
    assert_problem(res, 404, "webhook_not_found").await;
    tokio::time::sleep(StdDuration::from_millis(500)).await;
    assert_eq!(receiver.received().len(), 2);
}

#[tokio::test]
async fn two_instances_on_one_database_deliver_each_row_once() {
    let apps = spawn_instances_with(2, |c| c.webhook_allow_private = true).await;
    let admin = apps[0].token(Role::Admin).await;
    let receiver = Receiver::start(&[]).await;
    subscribe(&apps[0], &admin, &receiver.url, &["application.created"]).await;
    let t = apps[0].seed().training().published().await;
    let n = 24;
    let applied = futures_util::future::join_all((0..n).map(|i| {
        let app = &apps[i % 2];
        async move { app.apply(t.id, &app.unique_email(&format!("twin{i}")), json!({})).await.status() }
    }))
    .await;
    assert!(applied.iter().all(|s| *s == 201), "{applied:?}");
    receiver.wait_for(n).await;
    tokio::time::sleep(StdDuration::from_secs(1)).await;
    let got = receiver.received();
    let mut ids: Vec<String> = got.iter().map(|r| r.headers["kenshu-delivery"].clone()).collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!((before, ids.len()), (n, n), "each delivery exactly once");
}
