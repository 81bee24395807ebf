//! What schemathesis found against the served OpenAPI document (`scripts/schemathesis`,
//! issue 13 item 11), each server fix kept as a test that fails without it.

use futures_util::future::join_all;
use kenshu_api_tests::{assert_problem, paths, spawn_app, training_input, with};
use kenshu_domain::staff::Role;
use reqwest::multipart::Form;
use serde_json::{json, Value};

/// JSON has one kind of number, and JSON Schema counts `30.0` as the integer 30.
#[tokio::test]
async fn an_integer_written_with_a_zero_fraction_is_taken_as_that_integer() {
    let app = spawn_app().await;
    let token = app.staff().await;
    let body = with(training_input(), json!({"capacity": 30.0, "fee_yen": 0.0}));
    let res = app.post_json(&paths::admin_trainings(), &body, Some(&token)).await;
    assert_eq!(res.status(), 201);
    assert_eq!(res.json::<Value>().await.unwrap()["capacity"], 30);
    // A real fraction is still the wrong type, and nothing is stored.
    let before = app.count_trainings().await;
    let res = app
        .post_json(&paths::admin_trainings(), &with(training_input(), json!({"capacity": 30.5})), Some(&token))
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "capacity");
    assert_eq!(problem["errors"][0]["code"], "invalid_type");
    assert_eq!(app.count_trainings().await, before);
}

/// serde skips members a body's schema does not name, so the control-character net does
/// not judge them either; the members it names are still judged.
#[tokio::test]
async fn members_a_body_does_not_name_are_ignored_even_with_control_characters() {
    let app = spawn_app().await;
    let training = app.seed().training().by(&app.staff().await).published().await.id;
    let body = json!({"email": "hanako@example.jp", "\u{1}": "\u{2}", "extra": {"note\u{0}": ["\u{7}"]}});
    let res = app.post_json(&paths::resend_link(training), &body, None).await;
    assert_eq!(res.status(), 202, "{}", res.text().await.unwrap());
    let res = app.post_json(&paths::resend_link(training), &json!({"email": "hanako\u{1}@example.jp"}), None).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        (&problem["errors"][0]["field"], &problem["errors"][0]["code"]),
        (&json!("email"), &json!("control_character"))
    );
}

/// The certificate preview of an issuer holding a character the font lacks was a 500.
#[tokio::test]
async fn a_character_the_pdf_font_lacks_is_a_409_naming_it_not_a_500() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let form = Form::new().text("issuer", "北海道\u{10FFFD}研修センター").text("representative", "理事長 札幌 太郎");
    let res = app.client.put(app.url(&paths::organiser())).bearer_auth(&admin).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let res = app.get_auth(&paths::organiser_preview(), &admin).await;
    let problem = assert_problem(res, 409, "pdf_missing_glyph").await;
    assert!(problem["detail"].as_str().unwrap_or_default().contains("U+10FFFD"), "{problem}");
}

/// A transaction that read first and wrote later failed on SQLite with "database is locked"
/// (SQLITE_BUSY_SNAPSHOT, 500) when another writer committed in between; write transactions
/// now take the write lock first.
#[tokio::test]
async fn staff_account_changes_at_the_same_moment_never_fail_with_a_locked_database() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let mut ids = Vec::new();
    for n in 0..4 {
        let body = json!({"email": format!("member{n}@kenshu.test"), "role": "staff", "password": "correct horse battery staple"});
        let res = app.post_json(&paths::staff_users(), &body, Some(&admin)).await;
        assert_eq!(res.status(), 201);
        ids.push(res.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    for round in 0..3 {
        let requests = (0..48).map(|i| {
            let id = ids[i % ids.len()];
            let action = ["disable", "enable", "role"][(i + round) % 3];
            let body = json!({"role": if i % 2 == 0 { "prefecture" } else { "staff" }});
            let (app, admin) = (&app, &admin);
            async move {
                let url = app.url(&paths::staff_user_action(id, action));
                let res = app.client.post(url).bearer_auth(admin).json(&body).send().await.unwrap();
                res.status().as_u16()
            }
        });
        let statuses = join_all(requests).await;
        assert!(statuses.iter().all(|s| *s == 200), "round {round}: {statuses:?}");
    }
}
