//! マイページ and cancellation.

use kenshu_api_tests::forms::file_form;
use kenshu_api_tests::{assert_problem, key_from_mail, paths, spawn_app, spawn_app_with_smtp};
use kenshu_domain::application::ApplicationStatus::Confirmed;
use kenshu_domain::staff::Role;
use serde_json::{json, Value};

#[tokio::test]
async fn my_page_shows_the_training_materials_and_zoom_to_a_confirmed_applicant() {
    let app = spawn_app().await;
    let t = app
        .seed()
        .training()
        .online()
        .format("hybrid")
        .with(json!({"zoom_url": "https://us02web.zoom.us/j/87320701848"}))
        .published()
        .await;
    let pdf = b"%PDF-1.4\n%%EOF\n";
    let form = file_form(pdf, "shiryou.pdf", "participants");
    let res = app.post_multipart(&paths::admin_training_files(t.id), form, Some(&app.staff().await)).await;
    assert_eq!(res.status(), 201);

    let applicant =
        app.seed().applicant_with(t.id, "mypage", json!({"checklist_answers": null, "full_name": "札幌 花子"})).await;
    let page = app.get_json(&paths::me(&applicant.key)).await;
    assert_eq!(page["applicant"]["full_name"], "札幌 花子");
    assert_eq!(page["training"]["zoom"]["passcode"], "548733");
    assert!(page["training"]["zoom"]["room_opens_at"].as_str().unwrap().ends_with("+09:00"));
    assert_eq!(page["can_cancel"], true);
    let files = page["training"]["files"].as_array().unwrap();
    assert_eq!(files[0]["title"], "研修資料");
    let res = app.get(files[0]["url"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), pdf);
}

#[tokio::test]
async fn only_an_explicit_post_cancels() {
    let app = spawn_app().await;
    let id = app.seed().training().published().await.id;
    let key = app.seed().applicant(id, "cancel").await.key;

    // What a mail scanner does: GET the page behind the cancellation link (and the API
    // paths next to it). Only reads answer; nothing changes.
    assert_eq!(app.get(&paths::me(&key)).await.status(), 200);
    let get_cancel = app.get(&paths::me_cancel(&key)).await.status().as_u16();
    assert!(matches!(get_cancel, 404 | 405), "GET of the cancel action answered {get_cancel}");
    app.get(&paths::spa_me_cancel(&key)).await;
    assert_eq!(app.count_applications(id, Confirmed).await, 1);

    let page: Value = app.post(&paths::me_cancel(&key)).await.json().await.unwrap();
    assert_eq!(page["status"], "cancelled");
    assert!(page["cancelled_at"].as_str().is_some());
    assert_eq!(page["can_cancel"], false);
    assert_eq!(page["training"]["files"], json!([]));
    assert_eq!(app.count_applications(id, Confirmed).await, 0);
    let detail = app.get_json(&paths::training(id)).await;
    assert_eq!(detail["seats_left"], 100);

    assert_problem(app.post(&paths::me_cancel(&key)).await, 409, "already_cancelled").await;
    let page = app.get_json(&paths::me(&key)).await;
    assert_eq!(page["status"], "cancelled");
}

#[tokio::test]
async fn an_unknown_key_is_a_404_that_says_nothing() {
    let app = spawn_app().await;
    let id = app.seed().training().published().await.id;
    app.apply(id, &app.unique_email("someone"), json!({})).await;
    let fake = "0".repeat(48);
    let problem = assert_problem(app.get(&paths::me(&fake)).await, 404, "application_not_found").await;
    assert!(!problem.to_string().contains("someone"));
    assert_problem(app.post(&paths::me_cancel(&fake)).await, 404, "application_not_found").await;
}

#[tokio::test]
async fn the_checklist_is_served_and_summarised_for_staff() {
    let app = spawn_app().await;
    let checklist = app.get_json(&paths::checklist()).await;
    let questions: usize =
        checklist["sections"].as_array().unwrap().iter().map(|s| s["questions"].as_array().unwrap().len()).sum();
    assert_eq!(questions, 34);
    assert_eq!(
        checklist["sections"][0]["questions"][0]["text"],
        "殆どの利用者に自立できている点があることを認識していますか。"
    );
    assert_eq!(checklist["bands"][3]["label"], "④（80%以上）");
    assert_eq!(checklist["bands"][1]["min_yes"], 11);

    let staff = app.staff().await;
    let id = app.seed().training().checklist_required().published().await.id;
    // 20 はい (band ③) and 34 はい (band ④).
    app.apply(id, &app.unique_email("c1"), json!({})).await;
    app.apply(id, &app.unique_email("c2"), json!({"checklist_answers": vec![true; 34]})).await;
    let summary = app.get_auth_json(&paths::checklist_summary(id), &staff).await;
    assert_eq!(summary["respondents"], 2);
    let counts: Vec<i64> = summary["bands"].as_array().unwrap().iter().map(|b| b["count"].as_i64().unwrap()).collect();
    assert_eq!(counts, [0, 0, 1, 1]);
    // Section 1 (questions 1–4): both said はい to all → 1.0; section 5 (31–34): only the second → 0.5.
    assert_eq!(summary["sections"][0]["yes_rate"], 1.0);
    assert_eq!(summary["sections"][4]["yes_rate"], 0.5);
    let list = app.get_auth_json(&paths::admin_training_applications(id), &staff).await;
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["checklist"]["band_label"], "③（50%以上80%未満）");
    assert_eq!(list["items"][1]["checklist"]["yes_count"], 34);
}

#[tokio::test]
async fn failed_mail_is_retried_and_staff_can_resend_it() {
    // An SMTP port nobody listens on.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let app = spawn_app_with_smtp(Some(format!("smtp://127.0.0.1:{dead}"))).await;
    let staff = app.staff().await;
    let id = app.seed().training().published().await.id;
    app.apply(id, &app.unique_email("lost"), json!({})).await;
    let mut item = Value::Null;
    for _ in 0..100 {
        let list = app.get_auth_json(&paths::outbox(), &staff).await;
        item = list["items"][0].clone();
        if item["attempts"].as_i64().unwrap_or(0) >= 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(item["status"], "pending", "{item}");
    assert_eq!(item["attempts"], 1);
    assert!(item["last_error"].as_str().is_some_and(|e| !e.is_empty()));
    assert!(item.get("body").is_none(), "staff lists never show the key-bearing body");
    let res = app.post_empty(&paths::resend(&item["id"]), &staff).await;
    let resent: Value = res.json().await.unwrap();
    assert_eq!(resent["status"], "pending");
    assert_eq!(resent["attempts"], 0);
    let prefecture = app.token(Role::Prefecture).await;
    assert_problem(app.get_auth(&paths::outbox(), &prefecture).await, 403, "forbidden").await;
}

#[tokio::test]
async fn staff_reissue_the_links_and_the_old_ones_stop_working() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let id = app.seed().training().published().await.id;
    let applicant = app.seed().applicant(id, "lostmail").await;
    let old_key = applicant.key;
    let list = app.get_auth_json(&paths::admin_training_applications(id), &staff).await;
    let application_id = &list["items"][0]["id"];

    let prefecture = app.token(Role::Prefecture).await;
    let reissue = paths::reissue(application_id);
    assert_problem(app.post_empty(&reissue, &prefecture).await, 403, "forbidden").await;
    let res = app.post_empty(&reissue, &staff).await;
    assert_eq!(res.status(), 202);
    let body = res.text().await.unwrap();
    assert!(!body.contains(&old_key) && !body.contains("/me/"), "staff never see keys: {body}");

    let mails = app.mails_to(&applicant.email, 2).await;
    assert_eq!(mails.len(), 2);
    let new_key = key_from_mail(&mails[1]);
    assert_ne!(new_key, old_key);
    assert_problem(app.get(&paths::me(&old_key)).await, 404, "application_not_found").await;
    assert_eq!(app.get(&paths::me(&new_key)).await.status(), 200);
    assert_problem(app.post_empty(&paths::reissue(999999), &staff).await, 404, "application_not_found").await;
}
