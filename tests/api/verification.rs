//! Verification of every certificate Kenshu issues (SPEC §7): the code behind the QR code
//! says whether the certificate is genuine or revoked and for whom, and nothing else.

use kenshu_api_tests::day::Day;
use kenshu_api_tests::forms::practical_form;
use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, TestApp};
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::certificates::{download, issued, pdf_text};

fn code_of(certificate: &Value) -> String {
    certificate["verification_code"].as_str().unwrap().replace('-', "")
}

#[tokio::test]
async fn a_certificate_verifies_as_genuine_until_staff_revoke_it_with_a_reason() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let person = app.seed().applicant_with(t.id, "verify", json!({"full_name": "髙橋 﨑子"})).await;
    app.record_day(&person.key, Day::Attended(OffsetDateTime::now_utc())).await;
    let text = pdf_text("verified", &download(&app, &person.key).await);
    let certificate = issued(&app, t.id).await[0].clone();
    let code = code_of(&certificate);
    assert!(text.contains(&format!("/verify/{code}")), "the URL is printed: {text}");

    let answer = app.get_json(&paths::verify_certificate(&code)).await;
    assert_eq!(answer["validity"], "genuine");
    assert_eq!(answer["holder_name"], "髙橋 﨑子");
    assert_eq!(answer["training_title"], "令和8年度第3回ケアマネ資質向上研修会");
    assert_eq!(answer["hours"], "1時間30分");
    assert!(answer["held"].as_str().unwrap().starts_with("令和"), "{answer}");
    let mut keys: Vec<&str> = answer.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["document", "held", "holder_name", "hours", "kind", "revoked_on", "training_title", "validity"]);
    // Lower case and hyphens, as typed from paper.
    let typed = certificate["verification_code"].as_str().unwrap().to_lowercase();
    assert_eq!(app.get_json(&paths::verify_certificate(&typed)).await["validity"], "genuine");

    let staff = app.staff().await;
    let revoke = paths::revoke_certificate(certificate["id"].as_i64().unwrap());
    let problem =
        assert_problem(app.post_json(&revoke, &json!({"reason": "  "}), Some(&staff)).await, 422, "validation_failed")
            .await;
    assert_eq!(error_fields(&problem), ["reason"]);
    assert_problem(app.post_json(&revoke, &json!({}), Some(&staff)).await, 422, "validation_failed").await;
    assert_eq!(app.get_json(&paths::verify_certificate(&code)).await["validity"], "genuine", "nothing changed");

    let res = app.post_json(&revoke, &json!({"reason": "受講記録の誤りのため"}), Some(&staff)).await;
    assert_eq!(res.status(), 200);
    let answer = app.get_json(&paths::verify_certificate(&code)).await;
    assert_eq!(answer["validity"], "revoked");
    assert!(answer["revoked_on"].is_string());
    assert!(!answer.to_string().contains("受講記録の誤り"), "the reason stays with staff");
    assert_problem(
        app.post_json(&revoke, &json!({"reason": "再度"}), Some(&staff)).await,
        409,
        "certificate_already_revoked",
    )
    .await;
    assert_problem(app.get(&paths::me_certificate(&person.key)).await, 409, "certificate_revoked").await;
    assert_eq!(app.post_json(&revoke, &json!({"reason": "x"}), None).await.status(), 401);
}

#[tokio::test]
async fn a_code_of_the_wrong_shape_or_unknown_is_a_clear_problem() {
    let app = spawn_app().await;
    for bad in ["abc", "0123456789ABCDEFGHJKM", "0123456789ABCDEFGHJI", "%E5%90%89"] {
        let problem =
            assert_problem(app.get(&paths::verify_certificate(bad)).await, 422, "invalid_verification_code").await;
        assert_eq!(problem["title"], "検証コードの形式が正しくありません");
    }
    let problem =
        assert_problem(app.get(&paths::verify_certificate("0123456789ABCDEFGHJK")).await, 404, "certificate_not_found")
            .await;
    assert_eq!(problem["title"], "該当する証明書が見つかりません");
}

async fn completed_practical(app: &TestApp) -> i64 {
    let staff = app.staff().await;
    let t = app.seed().practical_training().places_per_schedule(5).published().await;
    let form = practical_form(&app.unique_email("completion"), Some(t.schedules[1]));
    let created: Value = app.submit_practical(t.id, &form).await.json().await.unwrap();
    let id = created["id"].as_i64().unwrap();
    for path in [paths::apply_proposal(t.id), paths::practical_notices(t.id)] {
        assert_eq!(app.post_empty(&path, &staff).await.status(), 200, "{path}");
    }
    // Attendance and completion are recorded in their time.
    crate::practical::on_training_day(app);
    for path in [paths::attendance(id), paths::completion(id)] {
        assert_eq!(app.post_empty(&path, &staff).await.status(), 200, "{path}");
    }
    id
}

#[tokio::test]
async fn a_completion_certificate_carries_a_code_that_verifies_and_stays_the_same() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let id = completed_practical(&app).await;
    let pdf = app.get_auth(&paths::certificate_pdf(id), &staff).await.bytes().await.unwrap();
    let text = pdf_text("completion", &pdf);
    let start = text.find("/verify/").expect("a verification URL") + "/verify/".len();
    let code: String = text[start..start + 20].to_owned();
    let answer = app.get_json(&paths::verify_certificate(&code)).await;
    assert_eq!(answer["validity"], "genuine");
    assert_eq!(answer["kind"], "completion");
    assert_eq!(answer["document"], "修了証書");
    assert!(answer["hours"].is_null());
    let again = app.get_auth(&paths::certificate_pdf(id), &staff).await.bytes().await.unwrap();
    assert!(pdf_text("completion-again", &again).contains(&code), "the same code on every print");
}
