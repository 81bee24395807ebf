//! マイページURLの再送: the same answer for any address, a fresh link for an applicant.

use kenshu_api_tests::{assert_problem, error_fields, key_from_mail, paths, spawn_app};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn an_applicant_gets_a_fresh_link_and_a_stranger_the_same_answer() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let applicant = app.seed().applicant(t.id, "resend").await;

    let res = app
        .post_json(
            &paths::resend_link(t.id),
            &json!({"email": applicant.email.replace("@example.jp", "@Example.JP")}),
            None,
        )
        .await;
    let (status, known) = (res.status(), res.text().await.unwrap());
    let stranger = app.unique_email("stranger");
    let res = app.post_json(&paths::resend_link(t.id), &json!({ "email": stranger }), None).await;
    assert_eq!((res.status(), res.text().await.unwrap()), (status, known.clone()));
    assert_eq!(status, StatusCode::ACCEPTED);
    assert!(known.contains("マイページURL"), "{known}");

    let mails = app.mails_to(&applicant.email, 2).await;
    assert_eq!(mails.len(), 2, "the first mail and the resent one");
    let fresh = mails.iter().map(key_from_mail).find(|k| *k != applicant.key).expect("a new key");
    assert_problem(app.get(&paths::me(&applicant.key)).await, 404, "application_not_found").await;
    let page = app.get_json(&paths::me(&fresh)).await;
    assert_eq!(page["status"], "confirmed");
    assert!(app.mails_to(&stranger, 0).await.is_empty());
}

#[tokio::test]
async fn a_malformed_address_is_a_clear_problem_and_nothing_is_sent() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let before = app.count_outbox().await;
    for bad in [json!({"email": "hanako"}), json!({"email": ""}), json!({})] {
        let res = app.post_json(&paths::resend_link(t.id), &bad, None).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), ["email"], "{bad}");
    }
    assert_eq!(app.count_outbox().await, before);
}

#[tokio::test]
async fn resends_are_limited_per_address_and_cancelled_applications_get_nothing() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let applicant = app.seed().applicant(t.id, "limited").await;
    let res = app.post(&paths::me_cancel(&applicant.key)).await;
    assert_eq!(res.status(), 200);
    let before = app.count_outbox().await;
    let body = json!({"email": applicant.email});
    for _ in 0..2 {
        assert_eq!(app.post_json(&paths::resend_link(t.id), &body, None).await.status(), StatusCode::ACCEPTED);
    }
    assert_eq!(app.count_outbox().await, before, "a cancelled application gets no link");
    let res = app.post_json(&paths::resend_link(t.id), &body, None).await;
    let problem: Value = assert_problem(res, 429, "too_many_requests").await;
    assert!(problem["title"].is_string());
    // Another address from the same client is still answered.
    let other = json!({"email": app.unique_email("other")});
    assert_eq!(app.post_json(&paths::resend_link(t.id), &other, None).await.status(), StatusCode::ACCEPTED);
}

// The applicant's small things (issue 11 item 9).

#[tokio::test]
async fn cancelling_mails_the_applicant_and_the_organiser() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let applicant = app.seed().applicant(t.id, "cancelmail").await;
    assert_eq!(app.post(&paths::me_cancel(&applicant.key)).await.status(), 200);
    let mails = app.mails_to(&applicant.email, 2).await;
    let cancelled = mails
        .iter()
        .find(|m| m["subject"].as_str().is_some_and(|s| s.contains("キャンセルを承りました")))
        .expect("a cancellation mail");
    let cc = cancelled["cc"].as_array().cloned().unwrap_or_default();
    assert!(cc.iter().any(|c| c["address"] == kenshu_api_tests::ORGANISER_INBOX), "{cancelled}");
    assert!(cancelled["text"].as_str().unwrap().contains(t["title"].as_str().unwrap()));
}

#[tokio::test]
async fn the_sender_address_comes_from_the_server_and_a_waiting_list_is_named() {
    let app = spawn_app().await;
    let site = app.get_json("/api/v1/reference/site").await;
    assert_eq!(site["mail_from"], "no-reply@kenshu.test");

    let t = app.seed().training().capacity(1).waiting_list().published().await;
    app.seed().applicant(t.id, "seat").await;
    let detail = app.get_json(&paths::training(t.id)).await;
    assert_eq!(
        (detail["availability"].clone(), detail["availability_label"].clone()),
        (json!("full"), json!("キャンセル待ち受付中"))
    );
    let full = app.seed().training().capacity(1).published().await;
    app.seed().applicant(full.id, "seat2").await;
    assert_eq!(app.get_json(&paths::training(full.id)).await["availability_label"], "満員");
}
