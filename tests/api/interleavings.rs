//! Interleavings (issue 13, item 2): a model-based property test. proptest draws sequences of
//! apply, idempotent replay and cancel (a confirmed applicant leaving promotes the head of
//! the waiting list; a waiting one leaving just leaves) by six people on a training of 1–3
//! seats with a waiting list, runs them against the real app and database, and after every
//! step compares everything the API says with a model: who is confirmed, the waiting list in
//! order (so each waiting applicant is promoted at most once and in turn), `seats_left`, the
//! stored rows, and that a replay answers exactly as the first time. proptest shrinks a
//! failing sequence to a short one. CI: 24 sequences per backend; `KENSHU_RELIABILITY_CASES`
//! sets more.

use std::collections::{HashMap, VecDeque};

use kenshu_api_tests::{application_form, paths, spawn_app_with_smtp, TestApp};
use kenshu_domain::application::ApplicationStatus;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

const PEOPLE: u8 = 6;

#[derive(Debug, Clone, Copy)]
enum Op {
    Apply(u8),
    /// The person's last accepted application sent again, same key and body.
    Replay(u8),
    /// From My Page: leaves the seat (promoting the next) or the waiting list.
    Cancel(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..PEOPLE).prop_map(Op::Apply),
        1 => (0..PEOPLE).prop_map(Op::Replay),
        2 => (0..PEOPLE).prop_map(Op::Cancel),
    ]
}

#[derive(Default)]
struct Model {
    capacity: usize,
    confirmed: Vec<u8>,
    waiting: VecDeque<u8>,
    /// The last 201 of each person: its idempotency key, body and answer.
    accepted: HashMap<u8, (String, Value, Value)>,
}

impl Model {
    fn status(&self, p: u8) -> Option<(&'static str, Option<usize>)> {
        if self.confirmed.contains(&p) {
            return Some(("confirmed", None));
        }
        self.waiting.iter().position(|w| *w == p).map(|i| ("waitlisted", Some(i + 1)))
    }
}

/// The latest My Page key of each recipient: the live application's (the app has no SMTP, so
/// its mail bodies keep their keys; a later application's mail comes after an earlier one's).
async fn latest_keys(app: &TestApp) -> HashMap<String, String> {
    let db = &app.state.db;
    let sql = "SELECT recipient, body FROM outbox ORDER BY id";
    let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.expect("outbox");
    let mut keys = HashMap::new();
    for row in rows {
        let (recipient, body): (String, String) = (row.try_get_by_index(0).unwrap(), row.try_get_by_index(1).unwrap());
        if let Some(start) = body.find("/me/").map(|i| i + 4) {
            keys.insert(recipient, body[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect());
        }
    }
    keys
}

async fn run(app: &TestApp, capacity: i64, ops: &[Op], case: usize) {
    let id = app.seed().training().capacity(capacity).waiting_list().published().await.id;
    let emails: Vec<String> = (0..PEOPLE).map(|p| app.unique_email(&format!("model-{case}-{p}"))).collect();
    let mut model = Model { capacity: capacity as usize, ..Model::default() };
    for (step, op) in ops.iter().enumerate() {
        let at = format!("step {step} ({op:?}) of {ops:?}");
        match *op {
            Op::Apply(p) => {
                let body = application_form(&emails[p as usize]);
                let key = format!("model-{case}-{step}-{}", std::process::id());
                let res = app.apply_with_key(id, &body, &key).await;
                let status = res.status().as_u16();
                let answer: Value = res.json().await.expect("json");
                if model.status(p).is_some() {
                    assert_eq!((status, answer["code"].as_str()), (409, Some("already_applied")), "{at}");
                    continue;
                }
                assert_eq!(status, 201, "{at}: {answer}");
                if model.confirmed.len() < model.capacity {
                    assert_eq!(answer["status"], "confirmed", "{at}");
                    model.confirmed.push(p);
                } else {
                    assert_eq!(answer["status"], "waitlisted", "{at}");
                    assert_eq!(answer["waitlist_position"], model.waiting.len() + 1, "{at}");
                    model.waiting.push_back(p);
                }
                model.accepted.insert(p, (key, body, answer));
            }
            Op::Replay(p) => {
                let Some((key, body, first)) = model.accepted.get(&p) else { continue };
                let res = app.apply_with_key(id, body, key).await;
                assert_eq!(res.status(), 201, "{at}");
                let again: Value = res.json().await.expect("json");
                assert_eq!(&again, first, "{at}: a replay answers as the first time");
            }
            Op::Cancel(p) => {
                let keys = latest_keys(app).await;
                let Some(key) = keys.get(&emails[p as usize]) else { continue };
                let res = app.post(&paths::me_cancel(key)).await;
                match model.status(p) {
                    Some(_) => {
                        assert_eq!(res.status(), 200, "{at}");
                        if let Some(i) = model.confirmed.iter().position(|c| *c == p) {
                            model.confirmed.remove(i);
                            if let Some(next) = model.waiting.pop_front() {
                                model.confirmed.push(next);
                            }
                        } else {
                            model.waiting.retain(|w| *w != p);
                        }
                    }
                    None => assert!(res.status().is_client_error(), "{at}: a second cancel is refused"),
                }
            }
        }
        // Everything the API says agrees with the model.
        let detail = app.get_json(&paths::training(id)).await;
        assert_eq!(detail["seats_left"], model.capacity - model.confirmed.len(), "{at}: seats_left");
        assert!(model.confirmed.len() <= model.capacity);
        let confirmed = app.count_applications(id, ApplicationStatus::Confirmed).await;
        assert_eq!(confirmed as usize, model.confirmed.len(), "{at}: confirmed rows");
        let waitlisted = app.count_applications(id, ApplicationStatus::Waitlisted).await;
        assert_eq!(waitlisted as usize, model.waiting.len(), "{at}: waiting rows");
        let keys = latest_keys(app).await;
        for p in 0..PEOPLE {
            let (Some(expected), Some(key)) = (model.status(p), keys.get(&emails[p as usize])) else { continue };
            let page = app.get_json(&paths::me(key)).await;
            assert_eq!(page["status"], expected.0, "{at}: person {p}");
            if let Some(position) = expected.1 {
                assert_eq!(page["waitlist_position"], position, "{at}: person {p}'s place");
            }
        }
    }
}

#[test]
fn apply_replay_cancel_and_promotion_in_any_order_keep_the_books() {
    let cases = std::env::var("KENSHU_RELIABILITY_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(24);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let app = runtime.block_on(spawn_app_with_smtp(None));
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let case = std::sync::atomic::AtomicUsize::new(0);
    let strategy = (1..=3i64, proptest::collection::vec(op(), 1..24));
    let result = runner.run(&strategy, |(capacity, ops)| {
        let n = case.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        runtime.block_on(run(&app, capacity, &ops, n));
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
