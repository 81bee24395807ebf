//! Gap-free certificate numbers (issue 13, item 10): many first downloads at once over two
//! instances on one database, with every 7th numbering on each instance failing after it took
//! its number (as a crash or a lost connection would). The failed requests are retried, as a
//! participant would tap again; in the end the fiscal year's numbers are exactly 1..n, one
//! per participant. CI: 300 participants; `KENSHU_RELIABILITY_CERTIFICATES=1000` is the bench
//! size.

use futures_util::stream::{self, StreamExt};
use kenshu_api_tests::day::Day;
use kenshu_api_tests::{paths, spawn_app_with_smtp, spawn_beside};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use time::OffsetDateTime;

fn participants() -> usize {
    std::env::var("KENSHU_RELIABILITY_CERTIFICATES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
}

#[tokio::test]
async fn first_downloads_over_two_instances_with_failures_after_numbering_leave_no_gap() {
    let first = spawn_app_with_smtp(None).await;
    let second = spawn_beside(&first, None).await;
    let apps = [&first, &second];
    let n = participants();
    let training = first.seed().training().capacity(n as i64).published().await.id;
    let emails: Vec<String> = (0..n).map(|i| first.unique_email(&format!("cert-{i}"))).collect();
    let statuses: Vec<u16> = stream::iter(emails.iter().enumerate())
        .map(|(i, email)| async move { apps[i % 2].apply(training, email, json!({})).await.status().as_u16() })
        .buffer_unordered(32)
        .collect()
        .await;
    assert!(statuses.iter().all(|s| *s == 201));
    let keys = first.keys_in_outbox().await;
    assert_eq!(keys.len(), n);
    for key in &keys {
        first.record_day(key, Day::Attended(OffsetDateTime::now_utc())).await;
    }

    for app in apps {
        app.state.certificate_desk.inject_failures(7);
    }
    // Everyone taps at once; a failed download is tapped again until it succeeds.
    let failures: Vec<usize> = stream::iter(keys.iter().enumerate())
        .map(|(i, key)| async move {
            let app = apps[i % 2];
            for failed in 0..20 {
                let res = app.get(&paths::me_certificate(key)).await;
                match res.status().as_u16() {
                    200 => return failed,
                    500 | 503 => continue,
                    other => panic!("participant {i}: {other} {}", res.text().await.unwrap_or_default()),
                }
            }
            panic!("participant {i}: no certificate after 20 tries")
        })
        .buffer_unordered(64)
        .collect()
        .await;
    let injected: usize = failures.iter().sum();
    assert!(injected >= n / 7 - 2, "the failures were injected ({injected})");

    let db = &first.state.db;
    let sql = "SELECT number FROM certificates WHERE kind = 'attendance' ORDER BY number";
    let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.expect("numbers");
    let numbers: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get_by_index::<i64>(0).or_else(|_| r.try_get_by_index::<i32>(0).map(i64::from)).expect("number"))
        .collect();
    assert_eq!(numbers, (1..=n as i64).collect::<Vec<_>>(), "numbers 1..{n}, no gap, none twice");
    println!("{n} certificates numbered 1..{n} over two instances; {injected} numberings failed after taking a number");
}
