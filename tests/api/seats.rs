//! The seat desk's transaction (`repos::seats::take`), fed batches of a known shape: under a
//! rush, which requests share a batch depends on timing, so the cases that only happen
//! inside one batch (twins, more claims than seats, a conflict after the seat was granted)
//! are built here directly, on the test's real database.

use kenshu_api_tests::{spawn_app, TestApp};
use kenshu_domain::application::ApplicationStatus::Confirmed;
use kenshu_domain::application::Membership;
use kenshu_persistence::repos::applications::{self, NewApplication};
use kenshu_persistence::repos::idempotency::{self, StoredResponse};
use kenshu_persistence::repos::outbox::{self, NewMail};
use kenshu_persistence::repos::seats::{self, SeatClaim, SeatOutcome};
use kenshu_persistence::repos::{trainings, Page};
use kenshu_persistence::TransactionTrait;
use time::OffsetDateTime;

/// A published training of this capacity; its id as the repos take it.
async fn training(app: &TestApp, capacity: i64) -> i32 {
    let id = app.seed().training().capacity(capacity).published().await.id;
    i32::try_from(id).expect("an i32 id")
}

/// A claim for `email` (lower case), with an idempotent answer under `key` when given.
fn claim(training_id: i32, email: &str, key: Option<&str>) -> SeatClaim {
    let key_hash = format!("hash-of-{training_id}-{email}-{}", key.unwrap_or("none"));
    let response = StoredResponse {
        request_hash: format!("body-{email}"),
        status: 201,
        body: format!("{{\"email\":\"{email}\"}}"),
    };
    SeatClaim::new(
        NewApplication {
            training_id,
            status: Confirmed,
            member: Membership::Member,
            full_name: "𠮷野 髙﨑",
            job_title: None,
            workplace: "有限会社谷川企画",
            phone: "0123-45-6789",
            email,
            email_normalized: email,
            key_hash: &key_hash,
            checklist: None,
            office: None,
        },
        NewMail {
            kind: "application_received",
            application_id: None,
            training_id: Some(training_id),
            recipient: email,
            cc: None,
            subject: "申込内容のご確認",
            body: &format!("{email} 様"),
        },
        key.map(|k| (format!("apply:{training_id}"), k.to_owned(), response.clone()))
            .as_ref()
            .map(|(s, k, r)| (s.as_str(), k.as_str(), r)),
        OffsetDateTime::now_utc(),
    )
}

async fn take(app: &TestApp, claims: &[SeatClaim]) -> Vec<SeatOutcome> {
    let tx = app.state.db.begin().await.unwrap();
    let outcomes = seats::take(&tx, claims, i64::MAX).await.unwrap();
    tx.commit().await.unwrap();
    outcomes
}

fn kinds(outcomes: &[SeatOutcome]) -> Vec<&'static str> {
    outcomes
        .iter()
        .map(|o| match o {
            SeatOutcome::Seated(_) => "seated",
            SeatOutcome::Full => "full",
            SeatOutcome::AlreadyApplied => "already_applied",
            SeatOutcome::KeyTaken => "key_taken",
            SeatOutcome::NotBefore(_) => "not_before",
        })
        .collect()
}

async fn seats_taken(app: &TestApp, id: i32) -> i32 {
    trainings::find(&app.state.db, id).await.unwrap().unwrap().seats_taken
}

/// Mails in the outbox, as (application id, recipient).
async fn mails(app: &TestApp) -> Vec<(Option<i32>, String)> {
    let (rows, _) = outbox::list(&app.state.db, None, None, Page { page: 1, per_page: 100 }).await.unwrap();
    let mut mails: Vec<_> = rows.into_iter().map(|m| (m.application_id, m.recipient)).collect();
    mails.sort();
    mails
}

#[tokio::test]
async fn a_batch_seats_in_arrival_order_and_refuses_twins_and_the_overflow() {
    let app = spawn_app().await;
    let id = training(&app, 4).await;
    let outcomes = take(
        &app,
        &[
            claim(id, "a@example.jp", Some("key-a")),
            claim(id, "a@example.jp", Some("key-a")), // a double click: same key, same body
            claim(id, "b@example.jp", Some("key-b")),
            claim(id, "b@example.jp", Some("key-b2")), // the same person, another key
            claim(id, "c@example.jp", None),
            claim(id, "f@example.jp", Some("key-a")), // a's key with another body
            claim(id, "d@example.jp", Some("key-d")),
            claim(id, "e@example.jp", None),
        ],
    )
    .await;
    assert_eq!(
        kinds(&outcomes),
        ["seated", "already_applied", "seated", "already_applied", "seated", "key_taken", "full", "full"]
    );
    assert_eq!(seats_taken(&app, id).await, 3, "f's seat was given back");
    assert_eq!(app.count_applications(id.into(), Confirmed).await, 3);
    assert!(!applications::has_live(&app.state.db, id, "f@example.jp").await.unwrap());

    // Each seated claim has its own mail, pointing at its own application.
    let seated: Vec<(Option<i32>, String)> = outcomes
        .iter()
        .filter_map(|o| match o {
            SeatOutcome::Seated(a) => Some((Some(a.id), a.email.clone())),
            _ => None,
        })
        .collect();
    let mut expected = seated.clone();
    expected.sort();
    assert_eq!(mails(&app).await, expected);
    let SeatOutcome::Seated(first) = &outcomes[0] else { unreachable!() };
    assert_eq!((first.full_name.as_str(), first.status), ("𠮷野 髙﨑", Confirmed));

    // Answers are stored for the seated claims that sent a key, and only for them.
    let scope = format!("apply:{id}");
    for (key, stored) in [("key-a", true), ("key-b", true), ("key-b2", false), ("key-d", false)] {
        let found = idempotency::find(&app.state.db, &scope, key).await.unwrap();
        assert_eq!(found.is_some(), stored, "{key}");
    }
    let a = idempotency::find(&app.state.db, &scope, "key-a").await.unwrap().unwrap();
    assert_eq!(a.request_hash, "body-a@example.jp", "key-a answers for a, not f");
}

#[tokio::test]
async fn a_conflict_with_stored_rows_gives_the_seat_back_and_stores_nothing() {
    let app = spawn_app().await;
    let id = training(&app, 10).await;
    assert_eq!(
        kinds(&take(&app, &[claim(id, "x@example.jp", None), claim(id, "y@example.jp", Some("key-y"))]).await),
        ["seated", "seated"]
    );
    let before = mails(&app).await;

    let outcomes = take(
        &app,
        &[
            claim(id, "x@example.jp", Some("key-x2")), // x already holds a live application
            claim(id, "z@example.jp", Some("key-y")),  // key-y already answered for y
            claim(id, "w@example.jp", None),
        ],
    )
    .await;
    assert_eq!(kinds(&outcomes), ["already_applied", "key_taken", "seated"]);
    assert_eq!(seats_taken(&app, id).await, 3, "the two refused claims gave their seats back");
    assert_eq!(app.count_applications(id.into(), Confirmed).await, 3);
    assert!(!applications::has_live(&app.state.db, id, "z@example.jp").await.unwrap(), "z's row was undone");
    let scope = format!("apply:{id}");
    assert!(idempotency::find(&app.state.db, &scope, "key-x2").await.unwrap().is_none());
    let y = idempotency::find(&app.state.db, &scope, "key-y").await.unwrap().unwrap();
    assert_eq!(y.request_hash, "body-y@example.jp", "the first answer under key-y stands");
    let after = mails(&app).await;
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|(_, to)| to == "w@example.jp"));
}

#[tokio::test]
async fn the_last_seats_go_to_the_first_claims_of_each_training() {
    let app = spawn_app().await;
    let (one, two) = (training(&app, 2).await, training(&app, 5).await);
    take(&app, &[claim(one, "early@example.jp", None)]).await;
    // Claims of two trainings, interleaved; `one` has a single seat left.
    let outcomes = take(
        &app,
        &[
            claim(two, "p@example.jp", None),
            claim(one, "q@example.jp", None),
            claim(two, "q@example.jp", None),
            claim(one, "r@example.jp", None),
            claim(one, "s@example.jp", None),
        ],
    )
    .await;
    assert_eq!(kinds(&outcomes), ["seated", "seated", "seated", "full", "full"]);
    assert_eq!((seats_taken(&app, one).await, seats_taken(&app, two).await), (2, 2));
    // A batch for a full training takes nothing and stores nothing.
    let outcomes = take(&app, &[claim(one, "t@example.jp", Some("key-t"))]).await;
    assert_eq!(kinds(&outcomes), ["full"]);
    assert_eq!(seats_taken(&app, one).await, 2);
    assert!(idempotency::find(&app.state.db, &format!("apply:{one}"), "key-t").await.unwrap().is_none());
    assert_eq!(mails(&app).await.len(), 4);
}
