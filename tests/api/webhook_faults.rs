//! Webhook deliveries survive faults (issue 13, item 6), as mail does (`mail_faults`): the
//! partner's receiver away while events happen, an instance that dies holding a claimed
//! batch, and two instances draining one delivery queue. Every request carries
//! `Kenshu-Delivery`, the delivery's id, the same on every attempt, so the receiver can tell
//! a delivery sent twice from two deliveries. `KENSHU_RELIABILITY_WEBHOOKS` sets the number of
//! deliveries of the outage and the drain (CI: 300 and 1,000; the bench size is 10,000).

use std::collections::HashSet;
use std::time::Duration;

use futures_util::stream::{self, StreamExt};
use kenshu_api_tests::receiver::Receiver;
use kenshu_api_tests::{paths, spawn_app_with, spawn_beside_with, TestApp};
use kenshu_domain::staff::Role;
use kenshu_domain::webhook::WebhookEvent;
use kenshu_http::workers::webhooks::LEASE;
use kenshu_persistence::repos::webhooks;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use time::OffsetDateTime;

fn deliveries(ci: usize) -> usize {
    std::env::var("KENSHU_RELIABILITY_WEBHOOKS").ok().and_then(|n| n.parse().ok()).unwrap_or(ci)
}

/// An instance that may post to a loopback receiver and sends no mail.
async fn spawn() -> TestApp {
    spawn_app_with(|c| {
        c.webhook_allow_private = true;
        c.smtp_url = None;
    })
    .await
}

async fn spawn_sender(beside: &TestApp) -> TestApp {
    spawn_beside_with(beside, None, |c| c.webhook_allow_private = true).await
}

/// Deliveries by status: (delivered, pending, failed), and how many were attempted at all.
async fn by_status(app: &TestApp) -> ((i64, i64, i64), i64) {
    let db = &app.state.db;
    let sql = "SELECT \
        COALESCE(SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0) FROM webhook_deliveries";
    let row = db
        .query_one(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("count the deliveries")
        .expect("a row");
    let get = |i: usize| -> i64 {
        row.try_get_by_index::<i64>(i).or_else(|_| row.try_get_by_index::<i32>(i).map(i64::from)).expect("count")
    };
    ((get(0), get(1), get(2)), get(3))
}

/// Waits up to `limit` until `done` holds for the counts; returns the last counts seen.
async fn wait_for_counts(
    app: &TestApp,
    limit: Duration,
    done: impl Fn(&((i64, i64, i64), i64)) -> bool,
) -> ((i64, i64, i64), i64) {
    let deadline = std::time::Instant::now() + limit;
    loop {
        let counts = by_status(app).await;
        if done(&counts) || std::time::Instant::now() > deadline {
            return counts;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn delivery_ids(app: &TestApp) -> HashSet<i64> {
    let db = &app.state.db;
    let sql = "SELECT id FROM webhook_deliveries";
    let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.expect("ids");
    rows.iter().map(|r| i64::from(r.try_get_by_index::<i32>(0).expect("id"))).collect()
}

/// Every delivery of the database reached the receiver exactly once.
async fn assert_each_delivered_once(app: &TestApp, receiver: &Receiver) {
    let got = receiver.delivery_ids();
    let twice: Vec<_> = got.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "deliveries received more than once: {twice:?}");
    let got: HashSet<i64> = got.into_keys().collect();
    let stored = delivery_ids(app).await;
    assert_eq!(got.len(), stored.len(), "distinct deliveries received");
    assert_eq!(got, stored, "the receiver got exactly the stored deliveries");
}

/// `n` pending deliveries of `application.created` to `url`, queued directly, due at `now`.
async fn queue(app: &TestApp, url: &str, n: usize, now: OffsetDateTime) {
    let db = &app.state.db;
    let secret = "whsec_reliability-test-secret-reliability-test";
    webhooks::create_subscription(db, url, &[WebhookEvent::ApplicationCreated], secret, now).await.expect("subscribe");
    let data: Vec<_> = (0..n).map(|i| json!({"application_id": i, "training_id": 1, "form": "simple"})).collect();
    for chunk in data.chunks(500) {
        webhooks::enqueue_many(db, WebhookEvent::ApplicationCreated, chunk, now).await.expect("enqueue");
    }
}

/// An instance that writes deliveries but never sends one: its clock stands a day back, so
/// no row is due for its worker.
async fn idle_writer() -> (TestApp, OffsetDateTime) {
    let writer = spawn().await;
    let now = OffsetDateTime::now_utc();
    writer.state.clock.pin(Some(now - time::Duration::days(1)));
    (writer, now)
}

#[tokio::test]
async fn events_while_the_receiver_is_down_are_all_delivered_once_it_returns() {
    let mut receiver = Receiver::start(&[]).await;
    let app = spawn().await;
    let admin = app.token(Role::Admin).await;
    let hook = json!({"url": receiver.url, "events": ["application.created"]});
    assert_eq!(app.post_json(&paths::api("/admin/webhooks"), &hook, Some(&admin)).await.status(), 201);
    let n = deliveries(300);
    let id = app.seed().training().capacity(n as i64).published().await.id;
    receiver.stop().await;

    let emails: Vec<String> = (0..n).map(|i| app.unique_email(&format!("hook-outage-{i}"))).collect();
    let app_ref = &app;
    let statuses: Vec<u16> = stream::iter(&emails)
        .map(|email| async move { app_ref.apply(id, email, json!({})).await.status().as_u16() })
        .buffer_unordered(32)
        .collect()
        .await;
    assert!(statuses.iter().all(|s| *s == 201), "every application is accepted while the receiver is down");
    // Every delivery meets the closed port once; none is delivered or given up.
    let n = n as i64;
    let (counts, attempted) = wait_for_counts(&app, Duration::from_secs(600), |(_, tried)| *tried >= n).await;
    assert_eq!(attempted, n, "every delivery was tried while the receiver was down");
    assert_eq!(counts, (0, n, 0), "nothing delivered or given up while the receiver is away");
    assert!(receiver.received().is_empty());

    receiver.resume().await;
    // Failed deliveries wait 20 s, then longer, before their next attempt: move this
    // instance's clock past every backoff.
    app.state.clock.pin(Some(OffsetDateTime::now_utc() + time::Duration::hours(2)));
    let back = std::time::Instant::now();
    let (counts, _) = wait_for_counts(&app, Duration::from_secs(600), |((delivered, ..), _)| *delivered >= n).await;
    assert_eq!(counts, (n, 0, 0), "every delivery made once the receiver is back");
    assert_each_delivered_once(&app, &receiver).await;
    println!("{n} deliveries held through the outage, all delivered once in {:?} after it", back.elapsed());
}

#[tokio::test]
async fn a_batch_claimed_by_an_instance_that_died_is_delivered_once_after_its_lease() {
    let receiver = Receiver::start(&[]).await;
    let (writer, now) = idle_writer().await;
    queue(&writer, &receiver.url, 40, now).await;
    // What `kill -9` leaves behind: a worker claimed a batch (its lease in the rows) and died
    // before sending or marking any of it.
    let claimed = webhooks::claim(&writer.state.db, now, LEASE, 10).await.expect("claim");
    assert_eq!(claimed.len(), 10);
    let claimed: HashSet<i64> = claimed.iter().map(|(d, _)| i64::from(d.id)).collect();

    let sender = spawn_sender(&writer).await;
    let (counts, _) = wait_for_counts(&sender, Duration::from_secs(60), |((delivered, ..), _)| *delivered >= 30).await;
    assert_eq!(counts.0, 30, "the deliveries nobody holds are sent at once");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(by_status(&sender).await.0, (30, 10, 0), "a claimed delivery is left to its holder within the lease");
    let early: Vec<i64> = receiver.delivery_ids().into_keys().filter(|id| claimed.contains(id)).collect();
    assert!(early.is_empty(), "claimed deliveries sent within the lease: {early:?}");

    // The lease runs out: the deliveries are reclaimed and sent, each once.
    sender.state.clock.pin(Some(now + LEASE + time::Duration::seconds(1)));
    let (counts, _) = wait_for_counts(&sender, Duration::from_secs(60), |((delivered, ..), _)| *delivered >= 40).await;
    assert_eq!(counts, (40, 0, 0));
    assert_each_delivered_once(&sender, &receiver).await;
}

#[tokio::test]
async fn two_instances_draining_one_delivery_queue_deliver_each_exactly_once() {
    let receiver = Receiver::start(&[]).await;
    let (writer, now) = idle_writer().await;
    let n = deliveries(1_000);
    queue(&writer, &receiver.url, n, now).await;
    let started = std::time::Instant::now();
    let first = spawn_sender(&writer).await;
    let _second = spawn_sender(&writer).await;
    let n = n as i64;
    let (counts, _) = wait_for_counts(&first, Duration::from_secs(900), |((delivered, ..), _)| *delivered >= n).await;
    assert_eq!(counts, (n, 0, 0), "every delivery made");
    assert_each_delivered_once(&first, &receiver).await;
    println!("{n} deliveries drained by two instances in {:?}, each once", started.elapsed());
}
