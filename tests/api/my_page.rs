//! マイページ and cancellation.

use kenshu_api_tests::{assert_problem, key_from_mail, spawn_app, training_input, with};
use kenshu_domain::application::ApplicationStatus::Confirmed;
use kenshu_domain::staff::Role;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

#[tokio::test]
async fn my_page_shows_the_training_materials_and_zoom_to_a_confirmed_applicant() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let input = with(
        training_input(),
        json!({"format": "hybrid", "zoom_url": "https://us02web.zoom.us/j/87320701848",
        "zoom_meeting_id": "873 2070 1848", "zoom_passcode": "548733", "checklist_required": false}),
    );
    let id = app.published_training(&staff, &input).await["id"].as_i64().unwrap();
    let pdf = b"%PDF-1.4\n%%EOF\n".to_vec();
    let form = Form::new()
        .text("title", "研修資料")
        .text("visibility", "participants")
        .part("file", Part::bytes(pdf.clone()).file_name("shiryou.pdf"));
    let res = app
        .client
        .post(app.url(&format!("/api/v1/admin/trainings/{id}/files")))
        .bearer_auth(&staff)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);

    let email = app.unique_email("mypage");
    let res = app.apply(id, &email, json!({"checklist_answers": null, "full_name": "札幌 花子"})).await;
    assert_eq!(res.status(), 201);
    let key = key_from_mail(&app.mails_to(&email, 1).await[0]);
    let page: Value = app.get(&format!("/api/v1/me/{key}")).await.json().await.unwrap();
    assert_eq!(page["applicant"]["full_name"], "札幌 花子");
    assert_eq!(page["training"]["zoom"]["passcode"], "548733");
    assert!(page["training"]["zoom"]["room_opens_at"].as_str().unwrap().ends_with("+09:00"));
    assert_eq!(page["can_cancel"], true);
    let files = page["training"]["files"].as_array().unwrap();
    assert_eq!(files[0]["title"], "研修資料");
    let res = app.get(files[0]["url"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf);
}

#[tokio::test]
async fn only_an_explicit_post_cancels() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.published_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    let email = app.unique_email("cancel");
    app.apply(id, &email, json!({})).await;
    let key = key_from_mail(&app.mails_to(&email, 1).await[0]);

    // What a mail scanner does: GET the page behind the cancellation link (and the API
    // paths next to it). Only reads answer; nothing changes.
    assert_eq!(app.get(&format!("/api/v1/me/{key}")).await.status(), 200);
    let get_cancel = app.get(&format!("/api/v1/me/{key}/cancel")).await.status().as_u16();
    assert!(matches!(get_cancel, 404 | 405), "GET of the cancel action answered {get_cancel}");
    app.get(&format!("/me/{key}/cancel")).await;
    assert_eq!(app.count_applications(id, Confirmed).await, 1);

    let res = app.client.post(app.url(&format!("/api/v1/me/{key}/cancel"))).send().await.unwrap();
    let page: Value = res.json().await.unwrap();
    assert_eq!(page["status"], "cancelled");
    assert!(page["cancelled_at"].as_str().is_some());
    assert_eq!(page["can_cancel"], false);
    assert_eq!(page["training"]["files"], json!([]));
    assert_eq!(app.count_applications(id, Confirmed).await, 0);
    let detail: Value = app.get(&format!("/api/v1/trainings/{id}")).await.json().await.unwrap();
    assert_eq!(detail["seats_left"], 100);

    let again = app.client.post(app.url(&format!("/api/v1/me/{key}/cancel"))).send().await.unwrap();
    assert_problem(again, 409, "already_cancelled").await;
    let page: Value = app.get(&format!("/api/v1/me/{key}")).await.json().await.unwrap();
    assert_eq!(page["status"], "cancelled");
}

#[tokio::test]
async fn an_unknown_key_is_a_404_that_says_nothing() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.published_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    app.apply(id, &app.unique_email("someone"), json!({})).await;
    let fake = "0".repeat(48);
    let problem = assert_problem(app.get(&format!("/api/v1/me/{fake}")).await, 404, "application_not_found").await;
    assert!(!problem.to_string().contains("someone"));
    let res = app.client.post(app.url(&format!("/api/v1/me/{fake}/cancel"))).send().await.unwrap();
    assert_problem(res, 404, "application_not_found").await;
}

#[tokio::test]
async fn the_checklist_is_served_and_summarised_for_staff() {
    let app = spawn_app().await;
    let checklist: Value = app.get("/api/v1/checklist").await.json().await.unwrap();
    let questions: usize =
        checklist["sections"].as_array().unwrap().iter().map(|s| s["questions"].as_array().unwrap().len()).sum();
    assert_eq!(questions, 34);
    assert_eq!(
        checklist["sections"][0]["questions"][0]["text"],
        "殆どの利用者に自立できている点があることを認識していますか。"
    );
    assert_eq!(checklist["bands"][3]["label"], "④（80%以上）");
    assert_eq!(checklist["bands"][1]["min_yes"], 11);

    let staff = app.token(Role::Staff).await;
    let id = app.published_training(&staff, &with(training_input(), json!({"checklist_required": true}))).await["id"]
        .as_i64()
        .unwrap();
    // 20 はい (band ③) and 34 はい (band ④).
    app.apply(id, &app.unique_email("c1"), json!({})).await;
    app.apply(id, &app.unique_email("c2"), json!({"checklist_answers": vec![true; 34]})).await;
    let summary: Value =
        app.get_auth(&format!("/api/v1/admin/trainings/{id}/checklist-summary"), &staff).await.json().await.unwrap();
    assert_eq!(summary["respondents"], 2);
    let counts: Vec<i64> = summary["bands"].as_array().unwrap().iter().map(|b| b["count"].as_i64().unwrap()).collect();
    assert_eq!(counts, [0, 0, 1, 1]);
    // Section 1 (questions 1–4): both said はい to all → 1.0; section 5 (31–34): only the second → 0.5.
    assert_eq!(summary["sections"][0]["yes_rate"], 1.0);
    assert_eq!(summary["sections"][4]["yes_rate"], 0.5);
    let list: Value =
        app.get_auth(&format!("/api/v1/admin/trainings/{id}/applications"), &staff).await.json().await.unwrap();
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["checklist"]["band_label"], "③（50%以上80%未満）");
    assert_eq!(list["items"][1]["checklist"]["yes_count"], 34);
}

#[tokio::test]
async fn failed_mail_is_retried_and_staff_can_resend_it() {
    // An SMTP port nobody listens on.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let app = kenshu_api_tests::spawn_app_with_smtp(Some(format!("smtp://127.0.0.1:{dead}"))).await;
    let staff = app.token(Role::Staff).await;
    let id = app.published_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    app.apply(id, &app.unique_email("lost"), json!({})).await;
    let mut item = Value::Null;
    for _ in 0..100 {
        let list: Value = app.get_auth("/api/v1/admin/outbox", &staff).await.json().await.unwrap();
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
    let mail_id = item["id"].as_i64().unwrap();
    let res = app.post_empty(&format!("/api/v1/admin/outbox/{mail_id}/resend"), &staff).await;
    let resent: Value = res.json().await.unwrap();
    assert_eq!(resent["status"], "pending");
    assert_eq!(resent["attempts"], 0);
    let prefecture = app.token(Role::Prefecture).await;
    assert_problem(app.get_auth("/api/v1/admin/outbox", &prefecture).await, 403, "forbidden").await;
}

#[tokio::test]
async fn staff_reissue_the_links_and_the_old_ones_stop_working() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.published_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    let email = app.unique_email("lostmail");
    app.apply(id, &email, json!({})).await;
    let old_key = key_from_mail(&app.mails_to(&email, 1).await[0]);
    let list: Value =
        app.get_auth(&format!("/api/v1/admin/trainings/{id}/applications"), &staff).await.json().await.unwrap();
    let application_id = list["items"][0]["id"].as_i64().unwrap();

    let prefecture = app.token(Role::Prefecture).await;
    let path = format!("/api/v1/admin/applications/{application_id}/reissue");
    assert_problem(app.post_empty(&path, &prefecture).await, 403, "forbidden").await;
    let res = app.post_empty(&path, &staff).await;
    assert_eq!(res.status(), 202);
    let body = res.text().await.unwrap();
    assert!(!body.contains(&old_key) && !body.contains("/me/"), "staff never see keys: {body}");

    let mails = app.mails_to(&email, 2).await;
    assert_eq!(mails.len(), 2);
    let new_key = key_from_mail(&mails[1]);
    assert_ne!(new_key, old_key);
    assert_problem(app.get(&format!("/api/v1/me/{old_key}")).await, 404, "application_not_found").await;
    assert_eq!(app.get(&format!("/api/v1/me/{new_key}")).await.status(), 200);
    assert_problem(
        app.post_empty("/api/v1/admin/applications/999999/reissue", &staff).await,
        404,
        "application_not_found",
    )
    .await;
}
