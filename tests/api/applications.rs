//! 研修に申し込む: seats, the waiting list, idempotency, the acknowledgement mail.

use kenshu_api_tests::seed::TrainingBuilder;
use kenshu_api_tests::{
    application_form, assert_problem, error_fields, key_from_mail, paths, spawn_app, spawn_instances, with, TestApp,
    ORGANISER_INBOX,
};
use kenshu_domain::application::ApplicationStatus::{Cancelled, Confirmed, Waitlisted};
use serde_json::{json, Value};

/// An online training with the self-check and the organiser's contact, as the mails show them.
fn online_training(app: &TestApp) -> TrainingBuilder<'_> {
    app.seed()
        .training()
        .online()
        .checklist_required()
        .contact("〒001-0010 札幌市北区北10条西4丁目1 SCビル2F\nTel：011-792-1811")
}

#[tokio::test]
async fn an_application_takes_a_seat_and_mails_the_links() {
    let app = spawn_app().await;
    let id = online_training(&app).published().await.id;
    let email = app.unique_email("hanako");
    let res = app
        .apply(
            id,
            &email,
            json!({"full_name": "髙橋 﨑子 𠮷野", "phone": "０１２３－４５－６７８９", "member": "member"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let text = res.text().await.unwrap();
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["status"], "confirmed");
    assert_eq!(body["full_name"], "髙橋 﨑子 𠮷野");
    assert!(!text.contains("/me/") && !text.contains("key"), "the key is only in the mail: {text}");

    let mails = app.mails_to(&email, 1).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail["subject"], "【一般社団法人札幌市介護支援専門員連絡協議会】申込内容のご確認（自動返信）");
    assert!(mail["cc"].as_array().unwrap().iter().any(|c| c["address"] == ORGANISER_INBOX));
    let text = mail["text"].as_str().unwrap();
    for expected in [
        "【研修会日時】",
        "令和",
        "会員/非会員：会員",
        "氏名：髙橋 﨑子 𠮷野",
        "勤務先：有限会社谷川企画",
        "電話番号：0123-45-6789",
        "https://us02web.zoom.us/j/87320701848?pwd=abc",
        "ミーティングID：873 2070 1848",
        "パスコード：548733",
        "※研修開始30分前（",
        "【マイページURL】\nhttp://kenshu.test/me/",
        "【キャンセルURL】\nhttp://kenshu.test/me/",
        "一般社団法人札幌市介護支援専門員連絡協議会\n〒001-0010 札幌市北区北10条西4丁目1 SCビル2F\nTel：011-792-1811\n----- □■",
    ] {
        assert!(text.contains(expected), "mail lacks {expected:?}:\n{text}");
    }
    let key = key_from_mail(mail);
    assert!(key.len() >= 32, "at least 128 bits: {key}");
    assert!(text.contains(&paths::spa_me_cancel(&key)));

    let page = app.get_json(&paths::me(&key)).await;
    assert_eq!(page["applicant"]["full_name"], "髙橋 﨑子 𠮷野");
    assert_eq!(page["status"], "confirmed");
    let detail = app.get_json(&paths::training(id)).await;
    assert_eq!(detail["seats_left"], 99);
    assert!(detail["contact"].as_str().unwrap().starts_with("〒001-0010"));
}

#[tokio::test]
async fn a_full_training_answers_409_and_stores_nothing() {
    let app = spawn_app().await;
    let id = online_training(&app).capacity(1).published().await.id;
    assert_eq!(app.apply(id, &app.unique_email("a"), json!({})).await.status(), 201);
    let outbox_before = app.count_outbox().await;
    assert_problem(app.apply(id, &app.unique_email("b"), json!({})).await, 409, "training_full").await;
    assert_eq!(app.count_applications(id, Confirmed).await, 1);
    assert_eq!(app.count_applications(id, Waitlisted).await, 0);
    assert_eq!(app.count_outbox().await, outbox_before);
    let list = app.get_json(&paths::trainings()).await;
    assert_eq!(list["items"][0]["availability_label"], "満員");
    assert_eq!(list["items"][0]["seats_left"], 0);
}

#[tokio::test]
async fn the_waiting_list_is_promoted_in_order_with_a_mail() {
    let app = spawn_app().await;
    let id = online_training(&app).capacity(1).waiting_list().published().await.id;
    let (first, second, third) = (app.unique_email("first"), app.unique_email("second"), app.unique_email("third"));
    assert_eq!(app.apply(id, &first, json!({})).await.status(), 201);
    let waiting: Value = app.apply(id, &second, json!({})).await.json().await.unwrap();
    assert_eq!((waiting["status"].as_str(), waiting["waitlist_position"].as_i64()), (Some("waitlisted"), Some(1)));
    let waiting: Value = app.apply(id, &third, json!({})).await.json().await.unwrap();
    assert_eq!(waiting["waitlist_position"], 2);
    let second_mail = &app.mails_to(&second, 1).await[0];
    assert!(second_mail["text"].as_str().unwrap().contains("キャンセル待ちとして承りました（1番目）"));
    assert!(!second_mail["text"].as_str().unwrap().contains("パスコード"), "no Zoom data before a seat");

    let first_key = app.my_page_key(&first).await;
    let res = app.post(&paths::me_cancel(&first_key)).await;
    assert_eq!(res.status(), 200);

    let mails = app.mails_to(&second, 2).await;
    let promotion = mails.iter().find(|m| m["subject"].as_str().unwrap().contains("繰り上げ")).expect("promotion mail");
    assert!(promotion["text"].as_str().unwrap().contains("パスコード：548733"));
    let second_key = key_from_mail(second_mail);
    let page: Value = app.get_json(&paths::me(&second_key)).await;
    assert_eq!(page["status"], "confirmed", "the first mail's link still opens My Page");
    let third_key = app.my_page_key(&third).await;
    let page: Value = app.get_json(&paths::me(&third_key)).await;
    assert_eq!((page["status"].as_str(), page["waitlist_position"].as_i64()), (Some("waitlisted"), Some(1)));

    assert_eq!(app.count_applications(id, Confirmed).await, 1);
    assert_eq!(app.count_applications(id, Cancelled).await, 1);
    let detail = app.get_json(&paths::training(id)).await;
    assert_eq!(detail["seats_left"], 0);

    // A waiting applicant leaves the list from My Page; the seat count does not move.
    let res = app.post(&paths::me_cancel(&third_key)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.count_applications(id, Waitlisted).await, 0);
    let detail = app.get_json(&paths::training(id)).await;
    assert_eq!(detail["seats_left"], 0);
}

#[tokio::test]
async fn one_live_application_per_address_and_training() {
    let app = spawn_app().await;
    let id = online_training(&app).published().await.id;
    let email = app.unique_email("Hanako");
    assert_eq!(app.apply(id, &email, json!({})).await.status(), 201);
    let shouted = email.replace("@example.jp", "@EXAMPLE.JP");
    let res = app.apply(id, &shouted, json!({})).await;
    let problem = assert_problem(res, 409, "already_applied").await;
    assert_eq!(error_fields(&problem), ["email"]);
    assert_eq!(app.count_applications(id, Confirmed).await, 1);
    // After cancelling, the same person may apply again (to change entries: cancel and reapply).
    app.post(&paths::me_cancel(&app.my_page_key(&email).await)).await;
    assert_eq!(app.apply(id, &email, json!({"workplace": "新しい勤務先"})).await.status(), 201);
}

#[tokio::test]
async fn a_replayed_idempotency_key_creates_one_application() {
    let app = spawn_app().await;
    let id = online_training(&app).published().await.id;
    let email = app.unique_email("retry");
    let body = application_form(&email);
    let key = "7f3c0a52-2f0e-4c55-9d1d-3a4a7c1f0b11";
    let (a, b) = tokio::join!(app.apply_with_key(id, &body, key), app.apply_with_key(id, &body, key));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (201, 201));
    assert_eq!(a.text().await.unwrap(), b.text().await.unwrap());
    let replay = app.apply_with_key(id, &body, key).await;
    assert_eq!(replay.headers()["idempotency-replayed"], "true");
    assert_eq!(app.count_applications(id, Confirmed).await, 1);
    assert_eq!(app.mails_to(&email, 1).await.len(), 1);

    let other = with(body, json!({"workplace": "別の勤務先"}));
    assert_problem(app.apply_with_key(id, &other, key).await, 422, "idempotency_key_reused").await;
    assert_eq!(app.count_applications(id, Confirmed).await, 1);
}

/// Double clicks and a second tab, all at once for many people: requests that arrive
/// together are seated in one transaction, and twins must still get one answer.
#[tokio::test]
async fn twins_in_a_rush_get_the_same_answer() {
    let app = spawn_app().await;
    let id = online_training(&app).published().await.id;
    let people: Vec<(String, Value, String, String)> = (0..12)
        .map(|i| {
            let email = app.unique_email(&format!("twin{i}"));
            let body = application_form(&email);
            (email, body, format!("twin-{i}"), format!("tab-{i}"))
        })
        .collect();
    let requests = people.iter().flat_map(|(_, body, twin, tab)| {
        [app.apply_with_key(id, body, twin), app.apply_with_key(id, body, twin), app.apply_with_key(id, body, tab)]
    });
    let answers = futures_util::future::join_all(requests).await;
    let mut answers = answers.into_iter();
    for (email, ..) in &people {
        let mut group = Vec::new();
        for res in answers.by_ref().take(3) {
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap();
            group.push((status, body));
        }
        let kinds: Vec<(u16, &str)> =
            group.iter().map(|(s, b)| (*s, b["code"].as_str().or(b["status"].as_str()).unwrap_or("?"))).collect();
        assert_eq!(group[0], group[1], "{email}: one key, one answer: {kinds:?}");
        let mut kinds = kinds;
        kinds.sort();
        assert!(
            kinds == [(201, "confirmed"), (201, "confirmed"), (409, "already_applied")]
                || kinds == [(201, "confirmed"), (409, "already_applied"), (409, "already_applied")],
            "{email}: {kinds:?}"
        );
        assert_eq!(app.mails_to(email, 1).await.len(), 1, "{email}");
    }
    assert_eq!(app.count_applications(id, Confirmed).await, 12);
}

#[tokio::test]
async fn capacity_holds_across_instances_sharing_one_database() {
    let apps = spawn_instances(3).await;
    let id = online_training(&apps[0]).capacity(7).waiting_list().published().await.id;
    let emails: Vec<String> = (0..45).map(|i| apps[0].unique_email(&format!("multi{i}"))).collect();
    let answers =
        futures_util::future::join_all(emails.iter().enumerate().map(|(i, e)| apps[i % 3].apply(id, e, json!({}))))
            .await;
    let mut confirmed = 0;
    let mut positions = Vec::new();
    for answer in answers {
        assert_eq!(answer.status(), 201);
        let body: Value = answer.json().await.unwrap();
        match body["status"].as_str() {
            Some("confirmed") => confirmed += 1,
            _ => positions.push(body["waitlist_position"].as_i64().unwrap()),
        }
    }
    assert_eq!(confirmed, 7);
    positions.sort();
    assert_eq!(positions, (1..=38).collect::<Vec<i64>>(), "waiting places are unique and gapless");
    for app in &apps {
        let detail = app.get_json(&paths::training(id)).await;
        assert_eq!(detail["seats_left"], 0);
    }
    assert_eq!(apps[1].count_applications(id, Confirmed).await, 7);
}

#[tokio::test]
async fn capacity_holds_under_a_concurrent_rush() {
    let app = spawn_app().await;
    let id = online_training(&app).capacity(5).published().await.id;
    let emails: Vec<String> = (0..40).map(|i| app.unique_email(&format!("rush{i}"))).collect();
    let answers = futures_util::future::join_all(emails.iter().map(|e| app.apply(id, e, json!({})))).await;
    let statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 5, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 201 || *s == 409), "{statuses:?}");
    assert_eq!(app.count_applications(id, Confirmed).await, 5);
    let detail = app.get_json(&paths::training(id)).await;
    assert_eq!(detail["seats_left"], 0);
}
