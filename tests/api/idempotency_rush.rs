//! The same `Idempotency-Key` 50 times at once, spread over two instances, on each form:
//! one stored application and 50 identical answers (issue 13, item 3).

use futures_util::future::join_all;
use kenshu_api_tests::forms::{application_form, practical_form};
use kenshu_api_tests::{spawn_instances, TestApp};
use kenshu_domain::application::ApplicationStatus::{Confirmed, Waitlisted};

use crate::practical::selection;

const RUSH: usize = 50;

/// Status, `Location` and body of each answer.
async fn answers(responses: Vec<reqwest::Response>) -> Vec<(u16, String, String)> {
    let mut out = Vec::new();
    for res in responses {
        let location = res.headers().get("location").map(|v| v.to_str().unwrap_or_default().to_owned());
        out.push((res.status().as_u16(), location.unwrap_or_default(), res.text().await.expect("body")));
    }
    out
}

fn assert_identical(answers: &[(u16, String, String)]) {
    assert_eq!(answers.len(), RUSH);
    assert_eq!(answers[0].0, 201, "{:?}", answers[0]);
    for answer in answers {
        assert_eq!(answer, &answers[0], "every answer is the first one");
    }
}

fn instance(apps: &[TestApp], i: usize) -> &TestApp {
    &apps[i % apps.len()]
}

#[tokio::test]
async fn fifty_simultaneous_simple_applications_under_one_key_make_one() {
    let apps = spawn_instances(2).await;
    let id = apps[0].seed().training().capacity(5).published().await.id;
    let email = apps[0].unique_email("rush");
    let body = application_form(&email);
    let key = "0b9d3c4e-5f60-4a71-8b92-a3b4c5d6e7f8";
    let sent = join_all((0..RUSH).map(|i| instance(&apps, i).apply_with_key(id, &body, key))).await;
    assert_identical(&answers(sent).await);
    let stored = apps[0].count_applications(id, Confirmed).await + apps[0].count_applications(id, Waitlisted).await;
    assert_eq!(stored, 1);
    assert_eq!(apps[0].mails_to(&email, 1).await.len(), 1, "one acknowledgement");
}

#[tokio::test]
async fn fifty_simultaneous_practical_forms_under_one_key_make_one() {
    let apps = spawn_instances(2).await;
    let id = apps[0].seed().practical_training().places_per_schedule(10).published().await.id;
    let form = practical_form(&apps[0].unique_email("rush"), None);
    let key = "1c0e4d5f-6a71-4b82-9ca3-b4c5d6e7f809";
    let sent = join_all((0..RUSH).map(|i| instance(&apps, i).submit_practical_with_key(id, &form, key))).await;
    assert_identical(&answers(sent).await);
    assert_eq!(selection(&apps[0], id).await["applications"].as_array().expect("list").len(), 1);
}
