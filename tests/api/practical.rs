//! The Hokkaido practical-training form (seed 003) through the API: every field rule, the
//! one-address-per-person rule across trainings, selection, notices, PDFs, completion.
//!
//! The seed's ア example is for a lecture on 2022-06-06, which can no longer be applied
//! for: `forms::practical_form` moves it five years later, to the default lecture day of
//! `seed().practical_training()` (2027-06-07).

use kenshu_api_tests::forms::{practical_form, practical_multipart};
use kenshu_api_tests::{assert_problem, error_fields, paths, set_at, spawn_app, TestApp, Training};
use reqwest::multipart;
use serde_json::{json, Value};

/// A published practical training on 2027-06-07 with `places` in each of its two schedules.
pub(crate) async fn training(app: &TestApp, places: i64) -> Training {
    app.seed().practical_training().places_per_schedule(places).published().await
}

pub(crate) async fn selection(app: &TestApp, training_id: i64) -> Value {
    let res = app.get_auth(&paths::selection(training_id), &app.staff().await).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// A staff step without a body (apply the proposal, send notices, attendance, completion).
pub(crate) async fn step(app: &TestApp, path: &str) -> reqwest::Response {
    app.post_empty(path, &app.staff().await).await
}

/// Moves the app's clock to the day of `training(..)` (2027-06-07, lectures and exercises
/// on one day), when attendance and completion may be recorded.
pub(crate) fn on_training_day(app: &TestApp) {
    app.state.clock.pin(Some(time::macros::datetime!(2027-06-07 17:00 +09:00)));
}

/// Staff accept the proposal as it stands and send the notices.
pub(crate) async fn decide_as_proposed(app: &TestApp, training_id: i64) {
    step(app, &paths::apply_proposal(training_id)).await;
    step(app, &paths::practical_notices(training_id)).await;
}

/// Another applicant's ア form: a name, a placement category, a preferred schedule with the
/// reason it binds, and the `n`th office of its own.
pub(crate) fn candidate(
    app: &TestApp,
    name: &str,
    category: &str,
    schedule: Option<i64>,
    reason: &str,
    n: usize,
) -> Value {
    let mut form = practical_form(&app.unique_email("candidate"), schedule);
    set_at(&mut form, "applicant.full_name", json!(name));
    set_at(&mut form, "placement_need.plan_category", json!(category));
    set_at(&mut form, "schedule_reason", json!(reason));
    set_at(&mut form, "placement.office_number", json!(format!("0{n:09}")));
    form
}

/// Submits a practical form that must be accepted; its id.
pub(crate) async fn submitted(app: &TestApp, training_id: i64, form: &Value) -> i64 {
    let res = app.submit_practical(training_id, form).await;
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

/// One practical application as staff see it.
pub(crate) async fn application_detail(app: &TestApp, id: impl std::fmt::Display) -> Value {
    app.get_auth_json(&paths::practical_application(id), &app.staff().await).await
}

#[tokio::test]
async fn the_seed_a_example_is_stored_with_its_verdict_and_acknowledged_by_mail() {
    let app = spawn_app().await;
    let t = training(&app, 10).await;
    let (id, schedules) = (t.id, &t.schedules);
    let email = app.unique_email("hanako");
    let res = app.submit_practical(id, &practical_form(&email, Some(schedules[0]))).await;
    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["verdict"]["outcome"], "eligible");
    assert_eq!(body["verdict"]["derived"]["total_label"], "2年1ヶ月15日");
    assert!(body["submitted_at"].as_str().unwrap().ends_with("+09:00"), "RFC 3339 in Tokyo time: {body}");

    let detail = application_detail(&app, &body["id"]).await;
    // Stored normalised, the name exactly as typed.
    assert_eq!(detail["form"]["applicant"]["full_name"], "髙橋 花子");
    assert_eq!(detail["form"]["affiliation"]["postal_code"], "060-0001");
    assert_eq!(detail["form"]["history"]["consultation"]["certificate_number"], "123456");
    assert_eq!(detail["submitted_verdict"]["derived"]["total_label"], "2年1ヶ月15日");
    assert_eq!(detail["current_verdict"]["outcome"], "eligible");
    assert_eq!(detail["events"][0]["action"], "submit");

    let mails = app.mails_to(&email, 1).await;
    assert_eq!(mails.len(), 1);
    let text = mails[0]["text"].as_str().unwrap();
    assert!(mails[0]["subject"].as_str().unwrap().contains("申込内容のご確認"));
    assert!(text.contains("髙橋 花子 様"), "{text}");
    assert!(text.contains("第1日程"), "{text}");
    assert!(text.contains("修了証書に記載されます"), "{text}");
}

#[tokio::test]
async fn every_bad_field_of_the_issue_is_reported_at_once_and_nothing_is_stored() {
    let app = spawn_app().await;
    let t = training(&app, 10).await;
    let (id, schedules) = (t.id, &t.schedules);
    let outbox = app.count_outbox().await;
    let mut form = practical_form(&app.unique_email("bad"), Some(schedules[0]));
    set_at(&mut form, "applicant.furigana", json!("タカハシ ハナコ"));
    set_at(&mut form, "placement.office_number", json!("012345678"));
    set_at(&mut form, "affiliation.postal_code", json!("06O-OOO1"));
    set_at(&mut form, "history.consultation.category", json!("g"));
    set_at(&mut form, "history.basic.completed_on", json!("2030-01-01"));
    set_at(&mut form, "ojt.end", json!("2024-01-01"));
    set_at(
        &mut form,
        "ojt.leave_periods",
        json!([{"start": "2025-12-01", "end": "2026-03-31"}, {"start": "2026-03-01", "end": "2026-04-30"}]),
    );
    set_at(&mut form, "recommended", json!(false));
    let problem = assert_problem(app.submit_practical(id, &form).await, 422, "validation_failed").await;
    let fields = error_fields(&problem);
    for field in [
        "applicant.furigana",
        "placement.office_number",
        "affiliation.postal_code",
        "history.consultation.category",
        "history.basic.completed_on",
        "ojt.end",
        "ojt.leave_periods[1].start",
        "recommended",
    ] {
        assert!(fields.contains(&field.to_owned()), "{field} missing from {fields:?}");
    }
    assert!(problem["errors"].as_array().unwrap().iter().all(|e| !e["message"].as_str().unwrap().is_ascii()));
    assert_eq!(selection(&app, id).await["applications"], json!([]));
    assert_eq!(app.count_outbox().await, outbox);

    // A full-width postal code without its hyphen is normalised; ① e completed in 2000 is
    // outside its fiscal years.
    let mut form = practical_form(&app.unique_email("fy"), None);
    set_at(&mut form, "affiliation.postal_code", json!("０６００００１"));
    set_at(&mut form, "history.consultation.completed_on", json!("2000-10-30"));
    let problem = assert_problem(app.submit_practical(id, &form).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["history.consultation.completed_on"]);
    assert_eq!(problem["errors"][0]["code"], "outside_fiscal_years");
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_size() {
    let app = spawn_app().await;
    let id = training(&app, 10).await.id;
    let send = |form: Value, name: &'static str, bytes: Vec<u8>| {
        let app = &app;
        async move { app.submit_practical_with_attachment(id, &form, name, bytes).await }
    };
    let elsewhere = |email: String| {
        let mut form = practical_form(&email, None);
        set_at(&mut form, "history.completed_elsewhere", json!(true));
        form
    };

    // An executable renamed .pdf, and a 20 MB image: per-field problems, nothing stored.
    let exe = [b"MZ\x90\x00\x03\x00\x00\x00".as_slice(), &[0u8; 200]].concat();
    let problem =
        assert_problem(send(elsewhere(app.unique_email("exe")), "証書.pdf", exe).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["attachment"]);
    assert_eq!(problem["errors"][0]["code"], "unsupported_type");
    let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
    big.resize(20 * 1024 * 1024, 0);
    let problem =
        assert_problem(send(elsewhere(app.unique_email("big")), "scan.png", big).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "too_large");
    // Completed elsewhere with neither a copy nor the FAX mark.
    let problem =
        assert_problem(app.submit_practical(id, &elsewhere(app.unique_email("none"))).await, 422, "validation_failed")
            .await;
    assert_eq!(error_fields(&problem), ["attachment"]);
    assert_eq!(selection(&app, id).await["applications"], json!([]));

    // A real PDF is kept and served back to staff as it came.
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let res = send(elsewhere(app.unique_email("pdf")), "修了証書.pdf", pdf.clone()).await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    let detail = application_detail(&app, &created["id"]).await;
    assert_eq!(detail["attachment"]["filename"], "修了証書.pdf");
    assert_eq!(detail["attachment"]["content_type"], "application/pdf");
    let download = app.get_auth(detail["attachment"]["url"].as_str().unwrap(), &app.staff().await).await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf);

    // A PDF under another name is kept under the extension of what it is.
    let res = send(elsewhere(app.unique_email("html")), "修了証書.html", pdf.clone()).await;
    let created: Value = res.json().await.unwrap();
    let detail = application_detail(&app, &created["id"]).await;
    assert_eq!(detail["attachment"]["filename"], "修了証書.html.pdf");
}

#[tokio::test]
async fn one_address_belongs_to_one_person_across_overlapping_trainings() {
    let app = spawn_app().await;
    let first = training(&app, 10).await.id;
    let overlapping = training(&app, 10).await.id;
    let later = app.seed().practical_training().on("2027-06-28").published().await.id;
    let shared = app.unique_email("shared");
    assert_eq!(app.submit_practical(first, &practical_form(&shared, None)).await.status(), 201);

    // The same address again for the same training.
    let problem =
        assert_problem(app.submit_practical(first, &practical_form(&shared, None)).await, 422, "validation_failed")
            .await;
    assert_eq!(problem["errors"][0]["code"], "already_applied");

    // Another person with the same address in an overlapping training: refused.
    let mut other = practical_form(&shared.replace("@example.jp", "@EXAMPLE.JP"), None);
    set_at(&mut other, "applicant.full_name", json!("𠮷野 太郎"));
    set_at(&mut other, "applicant.furigana", json!("よしの たろう"));
    let problem = assert_problem(app.submit_practical(overlapping, &other).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["affiliation.email"]);
    assert_eq!(problem["errors"][0]["code"], "email_used_by_another");
    // … but fine for a training that does not overlap, and for the same person.
    assert_eq!(app.submit_practical(later, &other).await.status(), 201);
    assert_eq!(app.submit_practical(overlapping, &practical_form(&shared, None)).await.status(), 201);

    // A simple-form application counts too.
    let simple = app
        .seed()
        .training()
        .title("同日開催の研修")
        .capacity(10)
        .with(json!({"starts_at": "2027-06-07T13:00:00+09:00", "ends_at": "2027-06-07T15:00:00+09:00",
            "application_closes_at": "2027-06-06T12:00:00+09:00", "issues_certificate": false}))
        .published()
        .await;
    let taken = app.unique_email("simple");
    assert_eq!(app.apply(simple.id, &taken, json!({"full_name": "﨑山 次郎"})).await.status(), 201);
    let problem =
        assert_problem(app.submit_practical(first, &practical_form(&taken, None)).await, 422, "validation_failed")
            .await;
    assert_eq!(problem["errors"][0]["code"], "email_used_by_another");
}

#[tokio::test]
async fn selection_proposes_allocates_overrides_with_reasons_notifies_and_promotes() {
    let app = spawn_app().await;
    // One place per schedule.
    let t = training(&app, 1).await;
    let (id, schedules) = (t.id, &t.schedules);
    let (s1, s2) = (schedules[0], schedules[1]);
    let applicant = |name: &str, kana: &str, category: &str, schedule: Option<i64>, reason: &str| {
        let mut form = practical_form(&app.unique_email("selection"), schedule);
        set_at(&mut form, "applicant.full_name", json!(name));
        set_at(&mut form, "applicant.furigana", json!(kana));
        set_at(&mut form, "placement_need.plan_category", json!(category));
        set_at(&mut form, "schedule_reason", json!(reason));
        set_at(&mut form, "placement.office_number", json!(format!("01{:08}", name.chars().count() * 7 + kana.len())));
        form
    };
    // 人材育成 prefers 第1日程 without a reason; 減算中 must attend 第1日程; 新設 takes any.
    let ids: Vec<i64> = {
        let mut ids = Vec::new();
        for form in [
            applicant("育成 一郎", "いくせい いちろう", "development", Some(s1), ""),
            applicant("減算 二郎", "げんさん じろう", "reduction", Some(s1), "事業所の行事のため第2日程は不可"),
            applicant("新設 三郎", "しんせつ さぶろう", "new_office", None, ""),
        ] {
            let res = app.submit_practical(id, &form).await;
            let status = res.status();
            let body: Value = res.json().await.unwrap();
            assert_eq!(status, 201, "{body}");
            ids.push(body["id"].as_i64().unwrap());
        }
        ids
    };
    let (ikusei, gensan, shinsetsu) = (ids[0], ids[1], ids[2]);
    let list = selection(&app, id).await;
    let order: Vec<i64> = list["applications"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(order, [gensan, shinsetsu, ikusei], "urgency orders the list");
    let proposal =
        |id: i64| list["applications"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap()["proposal"].clone();
    assert_eq!(proposal(gensan)["schedule_id"], s1, "the binding preference is kept");
    assert_eq!(proposal(shinsetsu)["schedule_id"], s2);
    assert_eq!(proposal(ikusei)["decision"], "waitlisted");
    assert!(proposal(gensan)["reason"].as_str().unwrap().starts_with("減算中"));

    // Departing from the proposal needs a reason, which is kept.
    let staff = app.staff().await;
    let decide = |app_id: i64, body: Value| {
        let (app, staff) = (&app, &staff);
        async move { app.post_json(&paths::decision(app_id), &body, Some(staff)).await }
    };
    let problem = assert_problem(
        decide(ikusei, json!({"decision": "accepted", "schedule_id": s1})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["reason"]);
    assert_eq!(problem["errors"][0]["code"], "reason_required");
    let res = decide(ikusei, json!({"decision": "rejected", "reason": "同一法人から別の方が受講決定のため"})).await;
    assert_eq!(res.status(), 200);
    let detail: Value = res.json().await.unwrap();
    assert_eq!(detail["state_label"], "受講不可（未通知）");
    let event = detail["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (event["is_override"].clone(), event["reason"].clone()),
        (json!(true), json!("同一法人から別の方が受講決定のため"))
    );

    // The rest as proposed; the notices go by mail.
    let res = step(&app, &paths::apply_proposal(id)).await;
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 2);
    let res = step(&app, &paths::practical_notices(id)).await;
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 3);
    let list = selection(&app, id).await;
    let labels: Vec<&str> =
        list["applications"].as_array().unwrap().iter().map(|a| a["state_label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["受講決定", "受講決定", "受講不可"]);
    assert_eq!(list["schedules"][0]["accepted"], 1);
    assert_eq!(list["schedules"][1]["accepted"], 1);
    let detail = application_detail(&app, gensan).await;
    let notice = app.mails_to(detail["form"]["affiliation"]["email"].as_str().unwrap(), 2).await;
    let notice = notice.iter().find(|m| m["subject"].as_str().unwrap().contains("受講可否通知")).expect("a notice");
    assert!(notice["text"].as_str().unwrap().contains("受講決定"));
    assert!(notice["text"].as_str().unwrap().contains("第1日程"));

    // Nothing left to notify; a notified acceptance can attend and complete, which numbers
    // the certificate.
    let res = step(&app, &paths::practical_notices(id)).await;
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 0);
    on_training_day(&app);
    let res = step(&app, &paths::completion(shinsetsu)).await;
    assert_problem(res, 409, "invalid_selection_transition").await;
    let res = step(&app, &paths::attendance(shinsetsu)).await;
    assert_eq!(res.status(), 200);
    let res = step(&app, &paths::completion(shinsetsu)).await;
    let done: Value = res.json().await.unwrap();
    assert_eq!(done["status"], "completed");
    assert_eq!(done["certificate_number"], format!("2027-{id}-0001"));
}

#[tokio::test]
async fn a_cancelled_acceptance_promotes_the_best_waiting_applicant_who_fits() {
    let app = spawn_app().await;
    let t = training(&app, 1).await;
    let (id, schedules) = (t.id, &t.schedules);
    let mut ids = Vec::new();
    for (name, category, schedule, reason) in [
        ("一番 花子", "reduction", Some(schedules[0]), ""),
        ("二番 花子", "deemed", Some(schedules[1]), "遠方のため第2日程を希望"),
        // Bound to 第2日程 (taken by 二番): cannot take a place freed in 第1日程.
        ("三番 花子", "new_office", Some(schedules[1]), "介護のため第1日程は不可"),
        ("四番 花子", "retirement", None, ""),
    ] {
        let form = candidate(&app, name, category, schedule, reason, ids.len() + 1);
        ids.push(submitted(&app, id, &form).await);
    }
    decide_as_proposed(&app, id).await;

    let (cancel, staff) = (paths::practical_cancel(ids[0]), app.staff().await);
    let problem =
        assert_problem(app.post_json(&cancel, &json!({"reason": " "}), Some(&staff)).await, 422, "validation_failed")
            .await;
    assert_eq!(error_fields(&problem), ["reason"]);
    let res = app.post_json(&cancel, &json!({"reason": "本人から電話で辞退の連絡"}), Some(&staff)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["promoted_id"], ids[3], "the bound applicant is skipped");
    let promoted = application_detail(&app, ids[3]).await;
    assert_eq!(promoted["state_label"], "受講決定（未通知）");
    assert_eq!(promoted["schedule_id"], schedules[0]);
    assert!(promoted["events"].as_array().unwrap().iter().any(|e| e["action"] == "promote"));
}

#[tokio::test]
async fn notices_and_certificates_print_as_pdf() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = training(&app, 5).await;
    let (id, schedules) = (t.id, &t.schedules);
    let mut form = practical_form(&app.unique_email("yoshino"), Some(schedules[1]));
    set_at(&mut form, "applicant.full_name", json!("𠮷野 髙﨑"));
    let created: Value = app.submit_practical(id, &form).await.json().await.unwrap();
    let app_id = created["id"].as_i64().unwrap();
    let notice = paths::notice_pdf(app_id);
    assert_problem(app.get_auth(&notice, &staff).await, 409, "not_decided").await;
    decide_as_proposed(&app, id).await;
    let res = app.get_auth(&notice, &staff).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() < 200_000, "the font is subset: {} bytes", pdf.len());

    let certificate = paths::certificate_pdf(app_id);
    assert_problem(app.get_auth(&certificate, &staff).await, 409, "not_completed").await;
    on_training_day(&app);
    step(&app, &paths::attendance(app_id)).await;
    step(&app, &paths::completion(app_id)).await;
    let res = app.get_auth(&certificate, &staff).await;
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));
    // Staff only.
    assert_eq!(app.get(&certificate).await.status(), 401);
}

#[tokio::test]
async fn a_simple_training_does_not_take_the_practical_form() {
    let app = spawn_app().await;
    let simple = app.seed().training().published().await.id;
    let res = app.submit_practical(simple, &practical_form(&app.unique_email("x"), None)).await;
    assert_problem(res, 409, "wrong_application_form").await;
    let res = app.post_raw(&paths::training_practical_applications(simple), "text/plain", "x", None).await;
    assert_problem(res, 415, "unsupported_media_type").await;
}

#[tokio::test]
async fn the_other_field_rules_of_the_form_are_reported_per_field() {
    let app = spawn_app().await;
    let id = training(&app, 10).await.id;
    let mut form = practical_form(&app.unique_email("rules"), Some(999_999));
    set_at(&mut form, "kind", json!("jihatsukan")); // 就労継続支援B型 is not a 児発管 service
    set_at(&mut form, "affiliation.via_other_corporation", json!(true)); // … without a notification address
    set_at(&mut form, "affiliation.email_confirmation", json!("someone-else@example.jp"));
    set_at(&mut form, "applicant.birth_date", json!("2030-01-01"));
    set_at(&mut form, "applicant.sex", Value::Null);
    set_at(&mut form, "ojt.six_month_requirements", json!(true)); // イ only
    set_at(&mut form, "ojt.start", Value::Null); // required for ア
    set_at(&mut form, "ojt.direct_support", json!(false)); // no activity for ア
    set_at(&mut form, "history.basic.certificate_number", json!("未記載")); // completed in FY2024
    set_at(&mut form, "placement_need.plan_category", json!("other")); // without its detail
    set_at(&mut form, "confirmed", json!(false));
    let problem = assert_problem(app.submit_practical(id, &form).await, 422, "validation_failed").await;
    let found: Vec<(String, String)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
        .collect();
    for (field, code) in [
        ("preferred_schedule_id", "unknown_schedule"),
        ("placement.services", "service_mismatch"),
        ("notification", "required"),
        ("affiliation.email_confirmation", "mismatch"),
        ("applicant.birth_date", "future_date"),
        ("applicant.sex", "required"),
        ("ojt.six_month_requirements", "only_for_target_i"),
        ("ojt.start", "required"),
        ("ojt.activities", "required"),
        ("history.basic.certificate_number", "invalid"),
        ("placement_need.plan_detail", "required"),
        ("confirmed", "confirmation_required"),
    ] {
        assert!(found.contains(&(field.to_owned(), code.to_owned())), "{field}/{code} missing from {found:?}");
    }
    // A mistyped value is named too, before the rules run.
    set_at(&mut form, "placement_need.required_count", json!("二人"));
    let problem = assert_problem(app.submit_practical(id, &form).await, 422, "validation_failed").await;
    assert!(error_fields(&problem).contains(&"placement_need.required_count".to_owned()), "{problem}");
    assert_eq!(selection(&app, id).await["applications"], json!([]));
}

#[tokio::test]
async fn people_racing_for_one_address_leave_it_to_one_person() {
    let app = spawn_app().await;
    let first = training(&app, 10).await.id;
    let second = training(&app, 10).await.id;
    let shared = app.unique_email("race");
    let names = ["一 花子", "二 花子", "三 花子", "四 花子", "五 花子", "六 花子", "七 花子", "八 花子"];
    let submissions = names.iter().enumerate().map(|(i, name)| {
        let mut form = practical_form(&shared, None);
        set_at(&mut form, "applicant.full_name", json!(name));
        let training = if i % 2 == 0 { first } else { second };
        let app = &app;
        async move { (name, app.submit_practical(training, &form).await.status().as_u16()) }
    });
    let results = futures_util::future::join_all(submissions).await;
    let winners: Vec<&&str> = results.iter().filter(|(_, status)| *status == 201).map(|(name, _)| *name).collect();
    // 422 email_used_by_another, or 409 already_applied for a twin in the same training.
    assert!(results.iter().all(|(_, status)| [201, 409, 422].contains(status)), "{results:?}");
    assert!(!winners.is_empty());
    assert!(winners.iter().all(|w| *w == winners[0]), "one person holds the address: {winners:?}");
    let stored = selection(&app, first).await["applications"].as_array().unwrap().len()
        + selection(&app, second).await["applications"].as_array().unwrap().len();
    assert_eq!(stored, winners.len());
}

#[tokio::test]
async fn a_staff_step_answers_with_the_application_as_a_reload_shows_it() {
    let app = spawn_app().await;
    let t = training(&app, 1).await;
    let (id, schedules) = (t.id, &t.schedules);
    let mut ids = Vec::new();
    for (name, category) in [("一番 花子", "reduction"), ("二番 花子", "deemed")] {
        let form = candidate(&app, name, category, None, "", ids.len() + 1);
        ids.push(submitted(&app, id, &form).await);
    }
    assert_eq!(application_detail(&app, ids[0]).await["proposal"]["schedule_id"], schedules[0]);
    // Accepted on the other schedule: the proposal changes with the seat it now holds.
    let decision = json!({"decision": "accepted", "schedule_id": schedules[1], "reason": "本人の希望"});
    let res = app.post_json(&paths::decision(ids[0]), &decision, Some(&app.staff().await)).await;
    assert_eq!(res.status(), 200);
    let answered: Value = res.json().await.unwrap();
    assert_eq!(answered["proposal"]["schedule_id"], schedules[1]);
    assert_eq!(answered, application_detail(&app, ids[0]).await);
    assert_eq!(application_detail(&app, ids[1]).await["proposal"]["schedule_id"], schedules[0]);

    step(&app, &paths::practical_notices(id)).await;
    on_training_day(&app);
    for (name, path) in [("attendance", paths::attendance(ids[0])), ("completion", paths::completion(ids[0]))] {
        let res = step(&app, &path).await;
        assert_eq!(res.status(), 200, "{name}");
        assert_eq!(res.json::<Value>().await.unwrap(), application_detail(&app, ids[0]).await, "{name}");
    }
}

#[tokio::test]
async fn an_unreadable_stored_value_is_a_server_error_never_a_guess() {
    use kenshu_persistence::ConnectionTrait;
    let app = spawn_app().await;
    let staff = app.staff().await;
    let id = training(&app, 5).await.id;
    let created: Value =
        app.submit_practical(id, &practical_form(&app.unique_email("corrupt"), None)).await.json().await.unwrap();
    let app_id = created["id"].as_i64().unwrap();
    let list = paths::selection(id);
    let detail = paths::practical_application(app_id);
    let db = &app.state.db;
    let verdict: String = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT submitted_verdict FROM practical_applications WHERE id = {app_id}"),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "submitted_verdict")
        .unwrap();
    let quoted = |s: &str| format!("'{}'", s.replace('\'', "''"));
    // (table, column, an unreadable value, the stored one, read by the list too)
    let cases = [
        ("practical_applications", "submitted_outcome", "'maybe'", quoted("eligible"), true),
        ("practical_applications", "status", "'accepted'", quoted("submitted"), true),
        ("practical_applications", "decision", "'accepted'", "NULL".to_owned(), true),
        ("practical_applications", "submitted_verdict", r#"'{"outcome":"eligible"}'"#, quoted(&verdict), false),
        ("practical_events", "action", "'advance'", quoted("submit"), false),
        ("practical_events", "to_status", "'done'", quoted("submitted"), false),
    ];
    for (table, column, bad, stored, in_list) in cases {
        let key = if table == "practical_events" { "application_id" } else { "id" };
        let set = |value: &str| format!("UPDATE {table} SET {column} = {value} WHERE {key} = {app_id}");
        db.execute_unprepared(&set(bad)).await.unwrap();
        assert_problem(app.get_auth(&detail, &staff).await, 500, "internal_error").await;
        if in_list {
            assert_problem(app.get_auth(&list, &staff).await, 500, "internal_error").await;
        }
        db.execute_unprepared(&set(&stored)).await.unwrap();
        assert_eq!(app.get_auth(&detail, &staff).await.status(), 200, "{column} restored");
        assert_eq!(app.get_auth(&list, &staff).await.status(), 200, "{column} restored");
    }
}

#[tokio::test]
async fn a_retry_with_the_same_idempotency_key_gets_the_first_answer() {
    let app = spawn_app().await;
    let id = training(&app, 10).await.id;
    let form = practical_form(&app.unique_email("retry"), None);
    let key = "3b0c7d2e-9f4a-4a55-8d1d-0c4a7c1f0b22";
    // The first 201 was lost on the way: the retry must not read as "already applied".
    let first = app.submit_practical_with_key(id, &form, key).await;
    assert_eq!(first.status(), 201);
    let first_location = first.headers()["location"].clone();
    let first_body = first.text().await.unwrap();
    let retries = futures_util::future::join_all((0..5).map(|_| app.submit_practical_with_key(id, &form, key))).await;
    for retry in retries {
        assert_eq!(retry.status(), 201);
        assert_eq!(retry.headers()["idempotency-replayed"], "true");
        assert_eq!(retry.headers()["location"], first_location);
        assert_eq!(retry.text().await.unwrap(), first_body);
    }
    assert_eq!(selection(&app, id).await["applications"].as_array().unwrap().len(), 1);
    // Another form under the same key is refused, and stores nothing.
    let mut other = practical_form(&app.unique_email("other"), None);
    set_at(&mut other, "applicant.full_name", json!("別人 太郎"));
    assert_problem(app.submit_practical_with_key(id, &other, key).await, 422, "idempotency_key_reused").await;
    assert_eq!(selection(&app, id).await["applications"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_whole_upload_is_limited_not_only_each_part() {
    let app = spawn_app().await;
    let id = training(&app, 10).await.id;
    let form = practical_form(&app.unique_email("many"), None);
    // Each copy is under the per-part limit; together they are past the request's.
    let mut parts = practical_multipart(&form);
    for n in 0..3 {
        let mut scan = b"\x89PNG\r\n\x1a\n".to_vec();
        scan.resize(12 * 1024 * 1024, 0);
        parts = parts.part("attachment", multipart::Part::bytes(scan).file_name(format!("scan{n}.png")));
    }
    let res = app.post_multipart(&paths::training_practical_applications(id), parts, None).await;
    assert_problem(res, 413, "payload_too_large").await;
    assert_eq!(selection(&app, id).await["applications"], json!([]));
}

#[tokio::test]
async fn personal_downloads_are_never_stored_by_caches() {
    let app = spawn_app().await;
    let id = training(&app, 10).await.id;
    let mut form = practical_form(&app.unique_email("pdf"), None);
    set_at(&mut form, "history.completed_elsewhere", json!(true));
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let res = app.submit_practical_with_attachment(id, &form, "修了証書.pdf", pdf).await;
    let created: Value = res.json().await.unwrap();
    let download = app.get_auth(&paths::practical_attachment(&created["id"]), &app.staff().await).await;
    assert_eq!(download.status(), 200);
    let headers = download.headers();
    assert_eq!(headers["cache-control"], "private, no-store");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"____.pdf\"; filename*=UTF-8''%E4%BF%AE%E4%BA%86%E8%A8%BC%E6%9B%B8.pdf"
    );
}
