//! 資格・職名 (SPEC §7): optional on the public form and on staff entry, normalised like
//! the other text, shown on My Page and to staff, offered in the rosters, kept in the
//! certificate's snapshot and printed before the name: 「主任介護支援専門員　田中 太郎　様」.

use kenshu_api_tests::day::Day;
use kenshu_api_tests::{application_form, assert_problem, error_fields, paths, spawn_app, with, TestApp};
use kenshu_domain::application::ApplicationStatus;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::certificates::{download, issued, pdf_lines, pdf_text};

async fn staff_items(app: &TestApp, training_id: i64) -> Vec<Value> {
    let path = format!("{}?per_page=100", paths::admin_training_applications(training_id));
    app.get_auth_json(&path, &app.staff().await).await["items"].as_array().unwrap().clone()
}

fn find<'a>(items: &'a [Value], email: &str) -> &'a Value {
    items.iter().find(|a| a["email"] == email).unwrap_or_else(|| panic!("no {email}"))
}

async fn count(app: &TestApp, training_id: i64) -> u64 {
    let mut total = 0;
    for status in ApplicationStatus::ALL {
        total += app.count_applications(training_id, status).await;
    }
    total
}

#[tokio::test]
async fn a_title_typed_on_the_public_form_is_normalised_and_shown_on_my_page_in_the_mail_and_to_staff() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let titled = app.seed().applicant_with(t.id, "titled", json!({"job_title": "　ｹｱﾏﾈｼﾞｬｰ（ＣＭ）　"})).await;
    let untitled = app.seed().applicant(t.id, "untitled").await;
    let blank = app.seed().applicant_with(t.id, "blank", json!({"job_title": "  "})).await;

    let page = app.get_json(&paths::me(&titled.key)).await;
    assert_eq!(page["applicant"]["job_title"], "ケアマネジャー（CM）");
    for other in [&untitled, &blank] {
        assert!(app.get_json(&paths::me(&other.key)).await["applicant"]["job_title"].is_null());
    }
    let mail = titled.mail["text"].as_str().unwrap();
    assert!(mail.contains("氏名：札幌 花子\n資格・職名：ケアマネジャー（CM）\n"), "{mail}");
    assert!(!untitled.mail["text"].as_str().unwrap().contains("資格・職名"));

    let items = staff_items(&app, t.id).await;
    assert_eq!(find(&items, &titled.email)["job_title"], "ケアマネジャー（CM）");
    assert!(find(&items, &untitled.email)["job_title"].is_null());
    assert!(find(&items, &blank.email)["job_title"].is_null(), "an empty title is no title");
}

#[tokio::test]
async fn staff_enter_a_title_by_phone_and_a_bad_one_is_named_and_nothing_is_stored() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let phone_form =
        |email: &str, title: Value| with(application_form(email), json!({"channel": "phone", "job_title": title}));
    let path = paths::admin_training_applications(t.id);
    let email = app.unique_email("phone");
    let res = app.post_json(&path, &phone_form(&email, json!("主任介護支援専門員")), Some(&staff)).await;
    assert_eq!(res.status(), 201);
    assert_eq!(find(&staff_items(&app, t.id).await, &email)["job_title"], "主任介護支援専門員");

    for (title, code, message) in [
        (json!("主".repeat(41)), "length", Some("資格・職名は40文字以内で入力してください")),
        (
            json!("主任\n介護支援専門員"),
            "control_character",
            Some("資格・職名に使用できない文字（制御文字）が含まれています"),
        ),
        (json!("主任\u{0}"), "control_character", None),
        (json!(12), "invalid_type", None),
    ] {
        let res = app.post_json(&path, &phone_form(&app.unique_email("bad"), title.clone()), Some(&staff)).await;
        let problem = assert_problem(res, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), ["job_title"], "{title}");
        assert_eq!(problem["errors"][0]["code"], code, "{title}");
        if let Some(message) = message {
            assert_eq!(problem["errors"][0]["message"], message);
        }
    }
    assert_eq!(count(&app, t.id).await, 1, "only the good one");
    assert_eq!(app.count_outbox().await, 1, "one mail");
}

#[tokio::test]
async fn the_certificate_prints_the_title_before_the_name_and_keeps_it_on_every_redownload() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let changes = json!({"full_name": "田中 太郎", "job_title": "主任介護支援専門員"});
    let tanaka = app.seed().applicant_with(t.id, "tanaka", changes).await;
    app.record_day(&tanaka.key, Day::Attended(OffsetDateTime::now_utc())).await;

    let pdf = download(&app, &tanaka.key).await;
    let lines = pdf_lines("titled", &pdf);
    assert!(lines.iter().any(|l| l == "主任介護支援専門員 田中 太郎 様"), "{lines:#?}");
    assert!(pdf_text("titled", &pdf).contains("上記の研修を受講したことを証明します。"));

    // The title changes afterwards (as a correction would): the certificate does not.
    set_title(&app, &tanaka.key, Some("介護支援専門員")).await;
    assert_eq!(download(&app, &tanaka.key).await, pdf, "byte for byte the same document");
    assert_eq!(issued(&app, t.id).await[0]["holder_name"], "田中 太郎");
}

#[tokio::test]
async fn a_certificate_issued_without_a_title_prints_the_name_alone_whatever_is_added_later() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let plain = app.seed().applicant_with(t.id, "plain", json!({"full_name": "田中 太郎"})).await;
    app.record_day(&plain.key, Day::Attended(OffsetDateTime::now_utc())).await;
    let pdf = download(&app, &plain.key).await;
    let lines = pdf_lines("untitled", &pdf);
    assert!(lines.iter().any(|l| l == "田中 太郎 様"), "{lines:#?}");
    assert!(!lines.iter().any(|l| l.contains("主任")), "{lines:#?}");
    // The stored snapshot has no title key at all: as certificates issued before titles.
    let snapshot = snapshot_of(&app, t.id).await;
    assert!(!snapshot.contains("holder_title"), "{snapshot}");

    set_title(&app, &plain.key, Some("主任介護支援専門員")).await;
    assert_eq!(download(&app, &plain.key).await, pdf, "the snapshot decides, not the application");
}

#[tokio::test]
async fn the_rosters_offer_the_title_as_a_column() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let titled = app.seed().applicant_with(t.id, "titled", json!({"job_title": "主任介護支援専門員"})).await;
    app.seed().applicant(t.id, "untitled").await;
    app.record_day(&titled.key, Day::Attended(OffsetDateTime::now_utc())).await;
    download(&app, &titled.key).await;

    for kind in ["participants", "completers"] {
        let catalogue =
            app.get_auth_json(&format!("/api/v1/admin/trainings/{}/rosters/{kind}/columns", t.id), &staff).await;
        let column = catalogue["columns"].as_array().unwrap().iter().find(|c| c["key"] == "job_title").cloned();
        assert_eq!(column.unwrap()["label"], "資格・職名", "{kind}");
    }
    let csv = roster_csv(&app, t.id, "participants", &staff).await;
    assert_eq!(csv, ["氏名,資格・職名", "札幌 花子,主任介護支援専門員", "札幌 花子,"]);
    let csv = roster_csv(&app, t.id, "completers", &staff).await;
    assert_eq!(csv, ["氏名,資格・職名", "札幌 花子,主任介護支援専門員"]);
}

async fn roster_csv(app: &TestApp, training_id: i64, kind: &str, token: &str) -> Vec<String> {
    let path = format!("/api/v1/admin/trainings/{training_id}/rosters/{kind}?format=csv&columns=full_name,job_title");
    let res = app.get_auth(&path, token).await;
    assert_eq!(res.status(), 200, "{kind}");
    let bytes = res.bytes().await.unwrap();
    let text = String::from_utf8(bytes.strip_prefix("\u{feff}".as_bytes()).unwrap().to_vec()).unwrap();
    text.lines().map(str::to_owned).collect()
}

/// Changes the stored title behind the API, without the checks of the staff's correction.
async fn set_title(app: &TestApp, key: &str, title: Option<&str>) {
    let mut update = Query::update();
    update
        .table(Alias::new("applications"))
        .value(Alias::new("job_title"), title.map(str::to_owned))
        .and_where(Expr::col(Alias::new("key_hash")).eq(kenshu_http::usecases::apply::hash_key(key)));
    let db = &app.state.db;
    let result = db.execute(db.get_database_backend().build(&update)).await.unwrap();
    assert_eq!(result.rows_affected(), 1);
}

async fn snapshot_of(app: &TestApp, training_id: i64) -> String {
    let records = kenshu_persistence::repos::certificates::list_for_training(
        &app.state.db,
        training_id as i32,
        kenshu_domain::certificate::CertificateKind::Attendance,
    )
    .await
    .unwrap();
    records[0].snapshot.clone()
}

#[tokio::test]
async fn staff_correct_the_title_with_the_contact_and_an_issued_certificate_keeps_its_own() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let a = app.seed().applicant_with(t.id, "a", json!({"full_name": "田中 太郎"})).await;
    let id = app.application_id(t.id, &a.email).await;
    let patch = |body: Value| {
        let (app, staff) = (&app, &staff);
        async move {
            let request = app.client.patch(app.url(&paths::admin_application(id))).json(&body).bearer_auth(staff);
            request.send().await.expect("request")
        }
    };
    let contact = |title: Option<&str>| {
        let mut body = json!({"email": a.email, "phone": "011-792-1811"});
        if let Some(title) = title {
            body["job_title"] = json!(title);
        }
        body
    };

    let res = patch(contact(Some(" ｼｭﾆﾝｹｱﾏﾈ "))).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["job_title"], "シュニンケアマネ", "normalised as the form does");
    let res = patch(contact(None)).await;
    assert_eq!(res.json::<Value>().await.unwrap()["job_title"], "シュニンケアマネ", "left out: unchanged");

    for bad in ["職".repeat(41), "主任\n介護支援専門員".to_owned()] {
        let problem = assert_problem(patch(contact(Some(&bad))).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), ["job_title"], "{bad}");
    }
    assert_eq!(find(&staff_items(&app, t.id).await, &a.email)["job_title"], "シュニンケアマネ", "nothing stored");

    let res = patch(contact(Some("主任介護支援専門員"))).await;
    assert_eq!(res.status(), 200);
    app.record_day(&a.key, Day::Attended(OffsetDateTime::now_utc())).await;
    let pdf = download(&app, &a.key).await;
    assert!(pdf_lines("corrected", &pdf).iter().any(|l| l == "主任介護支援専門員 田中 太郎 様"));

    let res = patch(contact(Some(""))).await;
    assert!(res.json::<Value>().await.unwrap()["job_title"].is_null(), "empty: removed");
    assert_eq!(app.get_json(&paths::me(&a.key)).await["applicant"]["job_title"], Value::Null);
    assert_eq!(download(&app, &a.key).await, pdf, "the issued certificate keeps its title");
}
