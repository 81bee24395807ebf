//! The Hokkaido practical-training form (seed 003) through the API: every field rule, the
//! one-address-per-person rule across trainings, selection, notices, PDFs, completion.
//!
//! The seed's ア example is for a lecture on 2022-06-06, which can no longer be applied
//! for. These tests move it five years later (lecture 2027-06-07): completions stay in the
//! past and the art. 143 periods are the same, so the verdict is still 2年1ヶ月15日.

use kenshu_api_tests::{assert_problem, error_fields, rfc3339_in, spawn_app, TestApp};
use kenshu_domain::staff::Role;
use reqwest::multipart;
use serde_json::{json, Value};
use time::Duration;

/// A practical training whose lecture starts on `day` (JST) with two exercise schedules of
/// `capacity` places each, open for applications now.
pub(crate) fn practical_training(day: &str, capacity: i32) -> Value {
    json!({
        "title": "北海道サービス管理責任者実践研修",
        "purpose": "サービス管理責任者等の実践的な知識・技術の習得",
        "organiser": "北海道サービス管理責任者等研修事務局",
        "starts_at": format!("{day}T09:30:00+09:00"),
        "ends_at": format!("{day}T16:30:00+09:00"),
        "venue": "かでる2・7",
        "theme": "実践研修",
        "lecturer": "研修講師",
        "target_audience": "サービス管理責任者等",
        "fee_yen": 0,
        "capacity": capacity * 2,
        "format": "in_person",
        "application_opens_at": rfc3339_in(Duration::days(-1)),
        "application_closes_at": format!("{day}T09:00:00+09:00"),
        "issues_certificate": true,
        "checklist_required": false,
        "form_kind": "practical",
        "waiting_list": true,
        "contact": "北海道サービス管理責任者等研修事務局\nFAX：011-521-8551",
        "exercise_schedules": [
            {"label": "第1日程", "starts_at": format!("{day}T09:30:00+09:00"), "ends_at": format!("{day}T16:30:00+09:00"), "capacity": capacity},
            {"label": "第2日程", "starts_at": format!("{day}T09:30:00+09:00"), "ends_at": format!("{day}T16:30:00+09:00"), "capacity": capacity}
        ]
    })
}

/// The seed's ア example, five years later.
pub(crate) fn form_a(email: &str, schedule_id: Option<i64>) -> Value {
    json!({
        "kind": "sabikan",
        "preferred_schedule_id": schedule_id,
        "any_schedule": schedule_id.is_none(),
        "schedule_reason": "",
        "applicant": {"furigana": "たかはし はなこ", "full_name": "髙橋 花子", "job_title": "生活支援員",
                      "birth_date": "1985-04-01", "sex": "female"},
        "affiliation": {"via_other_corporation": false, "corporation": "社会福祉法人 北の杜",
                        "office": "就労支援センターきたのもり", "postal_code": "０６０－０００１",
                        "address": "札幌市中央区北1条西1丁目", "phone": "011-123-4567", "fax": "",
                        "email": email, "email_confirmation": email},
        "notification": null,
        "placement": {"setting": "existing", "corporation": "社会福祉法人 北の杜", "office": "就労支援センターきたのもり",
                      "office_number": "0123456789", "address": "札幌市中央区", "services": ["就労継続支援B型"]},
        "target": "a",
        "history": {
            "consultation": {"category": "e", "completed_on": "2024-12-15", "certificate_number": "第１２３４５６号"},
            "basic": {"category": "g", "completed_on": "2024-11-02", "certificate_number": "A123456"},
            "practical": null, "renewal": null,
            "completed_elsewhere": false, "send_by_fax": false, "transitional": false
        },
        "ojt": {"six_month_requirements": false, "start": "2024-12-16", "end": "2027-05-31",
                "total_years": 2, "total_months": 1, "working_days": 541,
                "plan_creation": false, "consultation_work": false, "direct_support": true,
                "leave_periods": [{"start": "2025-12-01", "end": "2026-03-31"}],
                "remarks": "2025年12月1日～2026年3月31日(4ヶ月間)病気療養のため休職"},
        "accommodations": {"wheelchair": false, "sign_language": false, "large_print": false, "other": ""},
        "placement_need": {"required_count": 2, "completed_count": 1, "plan_category": "retirement",
                           "plan_detail": "", "reason": "現サビ管が定年退職するため後任が必要",
                           "office_priority": 1, "wants_waitlist": true},
        "recommended": true,
        "confirmed": true
    })
}

pub(crate) async fn training(app: &TestApp, token: &str, day: &str, capacity: i32) -> (i64, Vec<i64>) {
    let t = app.published_training(token, &practical_training(day, capacity)).await;
    let schedules = t["exercise_schedules"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    (t["id"].as_i64().unwrap(), schedules)
}

pub(crate) async fn submit(app: &TestApp, training_id: i64, form: &Value) -> reqwest::Response {
    app.post_json(&format!("/api/v1/trainings/{training_id}/practical-applications"), form, None).await
}

pub(crate) async fn selection(app: &TestApp, token: &str, training_id: i64) -> Value {
    let res = app.get_auth(&format!("/api/v1/admin/trainings/{training_id}/practical-applications"), token).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

pub(crate) fn set(form: &mut Value, path: &str, value: Value) {
    let mut target = form;
    let parts: Vec<&str> = path.split('.').collect();
    for part in &parts[..parts.len() - 1] {
        target = &mut target[*part];
    }
    target[parts[parts.len() - 1]] = value;
}

#[tokio::test]
async fn the_seed_a_example_is_stored_with_its_verdict_and_acknowledged_by_mail() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, schedules) = training(&app, &token, "2027-06-07", 10).await;
    let email = app.unique_email("hanako");
    let res = submit(&app, id, &form_a(&email, Some(schedules[0]))).await;
    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "submitted");
    assert_eq!(body["verdict"]["outcome"], "eligible");
    assert_eq!(body["verdict"]["derived"]["total_label"], "2年1ヶ月15日");
    assert!(body["submitted_at"].as_str().unwrap().ends_with("+09:00"), "RFC 3339 in Tokyo time: {body}");

    let detail: Value = app
        .get_auth(&format!("/api/v1/admin/practical-applications/{}", body["id"]), &token)
        .await
        .json()
        .await
        .unwrap();
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
    let token = app.token(Role::Staff).await;
    let (id, schedules) = training(&app, &token, "2027-06-07", 10).await;
    let outbox = app.count_outbox().await;
    let mut form = form_a(&app.unique_email("bad"), Some(schedules[0]));
    set(&mut form, "applicant.furigana", json!("タカハシ ハナコ"));
    set(&mut form, "placement.office_number", json!("012345678"));
    set(&mut form, "affiliation.postal_code", json!("06O-OOO1"));
    set(&mut form, "history.consultation.category", json!("g"));
    set(&mut form, "history.basic.completed_on", json!("2030-01-01"));
    set(&mut form, "ojt.end", json!("2024-01-01"));
    set(
        &mut form,
        "ojt.leave_periods",
        json!([{"start": "2025-12-01", "end": "2026-03-31"}, {"start": "2026-03-01", "end": "2026-04-30"}]),
    );
    set(&mut form, "recommended", json!(false));
    let problem = assert_problem(submit(&app, id, &form).await, 422, "validation_failed").await;
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
    assert_eq!(selection(&app, &token, id).await["applications"], json!([]));
    assert_eq!(app.count_outbox().await, outbox);

    // A full-width postal code without its hyphen is normalised; ① e completed in 2000 is
    // outside its fiscal years.
    let mut form = form_a(&app.unique_email("fy"), None);
    set(&mut form, "affiliation.postal_code", json!("０６００００１"));
    set(&mut form, "history.consultation.completed_on", json!("2000-10-30"));
    let problem = assert_problem(submit(&app, id, &form).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["history.consultation.completed_on"]);
    assert_eq!(problem["errors"][0]["code"], "outside_fiscal_years");
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_size() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, _) = training(&app, &token, "2027-06-07", 10).await;
    let url = app.url(&format!("/api/v1/trainings/{id}/practical-applications"));
    let send = |form: Value, name: &'static str, bytes: Vec<u8>| {
        let client = app.client.clone();
        let url = url.clone();
        async move {
            let parts = multipart::Form::new()
                .part("application", multipart::Part::text(form.to_string()).mime_str("application/json").unwrap())
                .part("attachment", multipart::Part::bytes(bytes).file_name(name));
            client.post(url).multipart(parts).send().await.unwrap()
        }
    };
    let elsewhere = |email: String| {
        let mut form = form_a(&email, None);
        set(&mut form, "history.completed_elsewhere", json!(true));
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
        assert_problem(submit(&app, id, &elsewhere(app.unique_email("none"))).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["attachment"]);
    assert_eq!(selection(&app, &token, id).await["applications"], json!([]));

    // A real PDF is kept and served back to staff as it came.
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let res = send(elsewhere(app.unique_email("pdf")), "修了証書.pdf", pdf.clone()).await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    let detail: Value = app
        .get_auth(&format!("/api/v1/admin/practical-applications/{}", created["id"]), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["attachment"]["filename"], "修了証書.pdf");
    assert_eq!(detail["attachment"]["content_type"], "application/pdf");
    let download = app.get_auth(detail["attachment"]["url"].as_str().unwrap(), &token).await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf);
}

#[tokio::test]
async fn one_address_belongs_to_one_person_across_overlapping_trainings() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (first, _) = training(&app, &token, "2027-06-07", 10).await;
    let (overlapping, _) = training(&app, &token, "2027-06-07", 10).await;
    let (later, _) = training(&app, &token, "2027-06-28", 10).await;
    let shared = app.unique_email("shared");
    assert_eq!(submit(&app, first, &form_a(&shared, None)).await.status(), 201);

    // The same address again for the same training.
    let problem = assert_problem(submit(&app, first, &form_a(&shared, None)).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "already_applied");

    // Another person with the same address in an overlapping training: refused.
    let mut other = form_a(&shared.replace("@example.jp", "@EXAMPLE.JP"), None);
    set(&mut other, "applicant.full_name", json!("𠮷野 太郎"));
    set(&mut other, "applicant.furigana", json!("よしの たろう"));
    let problem = assert_problem(submit(&app, overlapping, &other).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["affiliation.email"]);
    assert_eq!(problem["errors"][0]["code"], "email_used_by_another");
    // … but fine for a training that does not overlap, and for the same person.
    assert_eq!(submit(&app, later, &other).await.status(), 201);
    assert_eq!(submit(&app, overlapping, &form_a(&shared, None)).await.status(), 201);

    // A simple-form application counts too.
    let simple = app
        .published_training(
            &token,
            &json!({
                "title": "同日開催の研修", "purpose": "目的", "organiser": "主催", "venue": "会場", "theme": "テーマ",
                "lecturer": "講師", "target_audience": "対象", "fee_yen": 0, "capacity": 10, "format": "in_person",
                "starts_at": "2027-06-07T13:00:00+09:00", "ends_at": "2027-06-07T15:00:00+09:00",
                "application_opens_at": rfc3339_in(Duration::days(-1)), "application_closes_at": "2027-06-06T12:00:00+09:00",
                "issues_certificate": false, "checklist_required": false, "form_kind": "simple"
            }),
        )
        .await;
    let taken = app.unique_email("simple");
    assert_eq!(
        app.apply(simple["id"].as_i64().unwrap(), &taken, json!({"full_name": "﨑山 次郎"})).await.status(),
        201
    );
    let problem = assert_problem(submit(&app, first, &form_a(&taken, None)).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "email_used_by_another");
}

#[tokio::test]
async fn selection_proposes_allocates_overrides_with_reasons_notifies_and_promotes() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    // One place per schedule.
    let (id, schedules) = training(&app, &token, "2027-06-07", 1).await;
    let (s1, s2) = (schedules[0], schedules[1]);
    let applicant = |name: &str, kana: &str, category: &str, schedule: Option<i64>, reason: &str| {
        let mut form = form_a(&app.unique_email("selection"), schedule);
        set(&mut form, "applicant.full_name", json!(name));
        set(&mut form, "applicant.furigana", json!(kana));
        set(&mut form, "placement_need.plan_category", json!(category));
        set(&mut form, "schedule_reason", json!(reason));
        set(&mut form, "placement.office_number", json!(format!("01{:08}", name.chars().count() * 7 + kana.len())));
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
            let res = submit(&app, id, &form).await;
            let status = res.status();
            let body: Value = res.json().await.unwrap();
            assert_eq!(status, 201, "{body}");
            ids.push(body["id"].as_i64().unwrap());
        }
        ids
    };
    let (ikusei, gensan, shinsetsu) = (ids[0], ids[1], ids[2]);
    let list = selection(&app, &token, id).await;
    let order: Vec<i64> = list["applications"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(order, [gensan, shinsetsu, ikusei], "urgency orders the list");
    let proposal =
        |id: i64| list["applications"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap()["proposal"].clone();
    assert_eq!(proposal(gensan)["schedule_id"], s1, "the binding preference is kept");
    assert_eq!(proposal(shinsetsu)["schedule_id"], s2);
    assert_eq!(proposal(ikusei)["decision"], "waitlisted");
    assert!(proposal(gensan)["reason"].as_str().unwrap().starts_with("減算中"));

    // Departing from the proposal needs a reason, which is kept.
    let decide = |app_id: i64, body: Value| {
        let app = &app;
        let token = token.clone();
        async move {
            app.post_json(&format!("/api/v1/admin/practical-applications/{app_id}/decision"), &body, Some(&token)).await
        }
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
    let res = app.post_empty(&format!("/api/v1/admin/trainings/{id}/practical-selection/apply-proposal"), &token).await;
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 2);
    let res = app.post_empty(&format!("/api/v1/admin/trainings/{id}/practical-notices"), &token).await;
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 3);
    let list = selection(&app, &token, id).await;
    let labels: Vec<&str> =
        list["applications"].as_array().unwrap().iter().map(|a| a["state_label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["受講決定", "受講決定", "受講不可"]);
    assert_eq!(list["schedules"][0]["accepted"], 1);
    assert_eq!(list["schedules"][1]["accepted"], 1);
    let detail: Value =
        app.get_auth(&format!("/api/v1/admin/practical-applications/{gensan}"), &token).await.json().await.unwrap();
    let notice = app.mails_to(detail["form"]["affiliation"]["email"].as_str().unwrap(), 2).await;
    let notice = notice.iter().find(|m| m["subject"].as_str().unwrap().contains("受講可否通知")).expect("a notice");
    assert!(notice["text"].as_str().unwrap().contains("受講決定"));
    assert!(notice["text"].as_str().unwrap().contains("第1日程"));

    // Nothing left to notify; a notified acceptance can attend and complete, which numbers
    // the certificate.
    let res = app.post_empty(&format!("/api/v1/admin/trainings/{id}/practical-notices"), &token).await;
    assert_eq!(res.json::<Value>().await.unwrap()["count"], 0);
    let res = app.post_empty(&format!("/api/v1/admin/practical-applications/{shinsetsu}/completion"), &token).await;
    assert_problem(res, 409, "invalid_selection_transition").await;
    let res = app.post_empty(&format!("/api/v1/admin/practical-applications/{shinsetsu}/attendance"), &token).await;
    assert_eq!(res.status(), 200);
    let res = app.post_empty(&format!("/api/v1/admin/practical-applications/{shinsetsu}/completion"), &token).await;
    let done: Value = res.json().await.unwrap();
    assert_eq!(done["status"], "completed");
    assert_eq!(done["certificate_number"], format!("2027-{id}-0001"));
}

#[tokio::test]
async fn a_cancelled_acceptance_promotes_the_best_waiting_applicant_who_fits() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, schedules) = training(&app, &token, "2027-06-07", 1).await;
    let mut ids = Vec::new();
    for (name, category, schedule, reason) in [
        ("一番 花子", "reduction", Some(schedules[0]), ""),
        ("二番 花子", "deemed", Some(schedules[1]), "遠方のため第2日程を希望"),
        // Bound to 第2日程 (taken by 二番): cannot take a place freed in 第1日程.
        ("三番 花子", "new_office", Some(schedules[1]), "介護のため第1日程は不可"),
        ("四番 花子", "retirement", None, ""),
    ] {
        let mut form = form_a(&app.unique_email("wait"), schedule);
        set(&mut form, "applicant.full_name", json!(name));
        set(&mut form, "placement_need.plan_category", json!(category));
        set(&mut form, "schedule_reason", json!(reason));
        set(&mut form, "placement.office_number", json!(format!("0{:09}", ids.len() + 1)));
        let res = submit(&app, id, &form).await;
        ids.push(res.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    app.post_empty(&format!("/api/v1/admin/trainings/{id}/practical-selection/apply-proposal"), &token).await;
    app.post_empty(&format!("/api/v1/admin/trainings/{id}/practical-notices"), &token).await;

    let cancel = format!("/api/v1/admin/practical-applications/{}/cancel", ids[0]);
    let problem =
        assert_problem(app.post_json(&cancel, &json!({"reason": " "}), Some(&token)).await, 422, "validation_failed")
            .await;
    assert_eq!(error_fields(&problem), ["reason"]);
    let res = app.post_json(&cancel, &json!({"reason": "本人から電話で辞退の連絡"}), Some(&token)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["promoted_id"], ids[3], "the bound applicant is skipped");
    let promoted: Value =
        app.get_auth(&format!("/api/v1/admin/practical-applications/{}", ids[3]), &token).await.json().await.unwrap();
    assert_eq!(promoted["state_label"], "受講決定（未通知）");
    assert_eq!(promoted["schedule_id"], schedules[0]);
    assert!(promoted["events"].as_array().unwrap().iter().any(|e| e["action"] == "promote"));
}

#[tokio::test]
async fn notices_and_certificates_print_as_pdf() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, schedules) = training(&app, &token, "2027-06-07", 5).await;
    let mut form = form_a(&app.unique_email("yoshino"), Some(schedules[1]));
    set(&mut form, "applicant.full_name", json!("𠮷野 髙﨑"));
    let created: Value = submit(&app, id, &form).await.json().await.unwrap();
    let app_id = created["id"].as_i64().unwrap();
    let notice = format!("/api/v1/admin/practical-applications/{app_id}/notice.pdf");
    assert_problem(app.get_auth(&notice, &token).await, 409, "not_decided").await;
    app.post_empty(&format!("/api/v1/admin/trainings/{id}/practical-selection/apply-proposal"), &token).await;
    app.post_empty(&format!("/api/v1/admin/trainings/{id}/practical-notices"), &token).await;
    let res = app.get_auth(&notice, &token).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() < 200_000, "the font is subset: {} bytes", pdf.len());

    let certificate = format!("/api/v1/admin/practical-applications/{app_id}/certificate.pdf");
    assert_problem(app.get_auth(&certificate, &token).await, 409, "not_completed").await;
    app.post_empty(&format!("/api/v1/admin/practical-applications/{app_id}/attendance"), &token).await;
    app.post_empty(&format!("/api/v1/admin/practical-applications/{app_id}/completion"), &token).await;
    let res = app.get_auth(&certificate, &token).await;
    assert_eq!(res.status(), 200);
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));
    // Staff only.
    assert_eq!(app.get(&certificate).await.status(), 401);
}

#[tokio::test]
async fn a_simple_training_does_not_take_the_practical_form() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let simple = app.published_training(&token, &kenshu_api_tests::training_input()).await;
    let res = submit(&app, simple["id"].as_i64().unwrap(), &form_a(&app.unique_email("x"), None)).await;
    assert_problem(res, 409, "wrong_application_form").await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/trainings/{}/practical-applications", simple["id"])))
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_problem(res, 415, "unsupported_media_type").await;
}

#[tokio::test]
async fn the_other_field_rules_of_the_form_are_reported_per_field() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, _) = training(&app, &token, "2027-06-07", 10).await;
    let mut form = form_a(&app.unique_email("rules"), Some(999_999));
    set(&mut form, "kind", json!("jihatsukan")); // 就労継続支援B型 is not a 児発管 service
    set(&mut form, "affiliation.via_other_corporation", json!(true)); // … without a notification address
    set(&mut form, "affiliation.email_confirmation", json!("someone-else@example.jp"));
    set(&mut form, "applicant.birth_date", json!("2030-01-01"));
    set(&mut form, "applicant.sex", Value::Null);
    set(&mut form, "ojt.six_month_requirements", json!(true)); // イ only
    set(&mut form, "ojt.start", Value::Null); // required for ア
    set(&mut form, "ojt.direct_support", json!(false)); // no activity for ア
    set(&mut form, "history.basic.certificate_number", json!("未記載")); // completed in FY2024
    set(&mut form, "placement_need.plan_category", json!("other")); // without its detail
    set(&mut form, "confirmed", json!(false));
    let problem = assert_problem(submit(&app, id, &form).await, 422, "validation_failed").await;
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
    set(&mut form, "placement_need.required_count", json!("二人"));
    let problem = assert_problem(submit(&app, id, &form).await, 422, "validation_failed").await;
    assert!(error_fields(&problem).contains(&"placement_need.required_count".to_owned()), "{problem}");
    assert_eq!(selection(&app, &token, id).await["applications"], json!([]));
}

#[tokio::test]
async fn people_racing_for_one_address_leave_it_to_one_person() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (first, _) = training(&app, &token, "2027-06-07", 10).await;
    let (second, _) = training(&app, &token, "2027-06-07", 10).await;
    let shared = app.unique_email("race");
    let names = ["一 花子", "二 花子", "三 花子", "四 花子", "五 花子", "六 花子", "七 花子", "八 花子"];
    let submissions = names.iter().enumerate().map(|(i, name)| {
        let mut form = form_a(&shared, None);
        set(&mut form, "applicant.full_name", json!(name));
        let training = if i % 2 == 0 { first } else { second };
        let app = &app;
        async move { (name, submit(app, training, &form).await.status().as_u16()) }
    });
    let results = futures_util::future::join_all(submissions).await;
    let winners: Vec<&&str> = results.iter().filter(|(_, status)| *status == 201).map(|(name, _)| *name).collect();
    // 422 email_used_by_another, or 409 already_applied for a twin in the same training.
    assert!(results.iter().all(|(_, status)| [201, 409, 422].contains(status)), "{results:?}");
    assert!(!winners.is_empty());
    assert!(winners.iter().all(|w| *w == winners[0]), "one person holds the address: {winners:?}");
    let stored = selection(&app, &token, first).await["applications"].as_array().unwrap().len()
        + selection(&app, &token, second).await["applications"].as_array().unwrap().len();
    assert_eq!(stored, winners.len());
}

#[tokio::test]
async fn a_staff_step_answers_with_the_application_as_a_reload_shows_it() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, schedules) = training(&app, &token, "2027-06-07", 1).await;
    let mut ids = Vec::new();
    for (name, category) in [("一番 花子", "reduction"), ("二番 花子", "deemed")] {
        let mut form = form_a(&app.unique_email("view"), None);
        set(&mut form, "applicant.full_name", json!(name));
        set(&mut form, "placement_need.plan_category", json!(category));
        set(&mut form, "placement.office_number", json!(format!("0{:09}", ids.len() + 1)));
        ids.push(submit(&app, id, &form).await.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    let detail = |app_id: i64| {
        let (app, token) = (&app, token.clone());
        async move {
            app.get_auth(&format!("/api/v1/admin/practical-applications/{app_id}"), &token)
                .await
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(detail(ids[0]).await["proposal"]["schedule_id"], schedules[0]);
    // Accepted on the other schedule: the proposal changes with the seat it now holds.
    let res = app
        .post_json(
            &format!("/api/v1/admin/practical-applications/{}/decision", ids[0]),
            &json!({"decision": "accepted", "schedule_id": schedules[1], "reason": "本人の希望"}),
            Some(&token),
        )
        .await;
    assert_eq!(res.status(), 200);
    let answered: Value = res.json().await.unwrap();
    assert_eq!(answered["proposal"]["schedule_id"], schedules[1]);
    assert_eq!(answered, detail(ids[0]).await);
    assert_eq!(detail(ids[1]).await["proposal"]["schedule_id"], schedules[0]);

    app.post_empty(&format!("/api/v1/admin/trainings/{id}/practical-notices"), &token).await;
    for step in ["attendance", "completion"] {
        let res = app.post_empty(&format!("/api/v1/admin/practical-applications/{}/{step}", ids[0]), &token).await;
        assert_eq!(res.status(), 200, "{step}");
        assert_eq!(res.json::<Value>().await.unwrap(), detail(ids[0]).await, "{step}");
    }
}

#[tokio::test]
async fn an_unreadable_stored_value_is_a_server_error_never_a_guess() {
    use kenshu_persistence::ConnectionTrait;
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, _) = training(&app, &token, "2027-06-07", 5).await;
    let created: Value = submit(&app, id, &form_a(&app.unique_email("corrupt"), None)).await.json().await.unwrap();
    let app_id = created["id"].as_i64().unwrap();
    let list = format!("/api/v1/admin/trainings/{id}/practical-applications");
    let detail = format!("/api/v1/admin/practical-applications/{app_id}");
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
        assert_problem(app.get_auth(&detail, &token).await, 500, "internal_error").await;
        if in_list {
            assert_problem(app.get_auth(&list, &token).await, 500, "internal_error").await;
        }
        db.execute_unprepared(&set(&stored)).await.unwrap();
        assert_eq!(app.get_auth(&detail, &token).await.status(), 200, "{column} restored");
        assert_eq!(app.get_auth(&list, &token).await.status(), 200, "{column} restored");
    }
}

#[tokio::test]
async fn a_retry_with_the_same_idempotency_key_gets_the_first_answer() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, _) = training(&app, &token, "2027-06-07", 10).await;
    let url = app.url(&format!("/api/v1/trainings/{id}/practical-applications"));
    let form = form_a(&app.unique_email("retry"), None);
    let send = |form: Value| {
        let request = app.client.post(url.clone()).header("Idempotency-Key", "3b0c7d2e-9f4a-4a55-8d1d-0c4a7c1f0b22");
        async move { request.json(&form).send().await.unwrap() }
    };
    // The first 201 was lost on the way: the retry must not read as "already applied".
    let first = send(form.clone()).await;
    assert_eq!(first.status(), 201);
    let first_location = first.headers()["location"].clone();
    let first_body = first.text().await.unwrap();
    let retries = futures_util::future::join_all((0..5).map(|_| send(form.clone()))).await;
    for retry in retries {
        assert_eq!(retry.status(), 201);
        assert_eq!(retry.headers()["idempotency-replayed"], "true");
        assert_eq!(retry.headers()["location"], first_location);
        assert_eq!(retry.text().await.unwrap(), first_body);
    }
    assert_eq!(selection(&app, &token, id).await["applications"].as_array().unwrap().len(), 1);
    // Another form under the same key is refused, and stores nothing.
    let mut other = form_a(&app.unique_email("other"), None);
    set(&mut other, "applicant.full_name", json!("別人 太郎"));
    assert_problem(send(other).await, 422, "idempotency_key_reused").await;
    assert_eq!(selection(&app, &token, id).await["applications"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_whole_upload_is_limited_not_only_each_part() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, _) = training(&app, &token, "2027-06-07", 10).await;
    let url = app.url(&format!("/api/v1/trainings/{id}/practical-applications"));
    let form = form_a(&app.unique_email("many"), None);
    // Each copy is under the per-part limit; together they are past the request's.
    let mut parts = multipart::Form::new()
        .part("application", multipart::Part::text(form.to_string()).mime_str("application/json").unwrap());
    for n in 0..3 {
        let mut scan = b"\x89PNG\r\n\x1a\n".to_vec();
        scan.resize(12 * 1024 * 1024, 0);
        parts = parts.part("attachment", multipart::Part::bytes(scan).file_name(format!("scan{n}.png")));
    }
    let res = app.client.post(url).multipart(parts).send().await.unwrap();
    assert_problem(res, 413, "payload_too_large").await;
    assert_eq!(selection(&app, &token, id).await["applications"], json!([]));
}

#[tokio::test]
async fn personal_downloads_are_never_stored_by_caches() {
    let app = spawn_app().await;
    let token = app.token(Role::Staff).await;
    let (id, _) = training(&app, &token, "2027-06-07", 10).await;
    let mut form = form_a(&app.unique_email("pdf"), None);
    set(&mut form, "history.completed_elsewhere", json!(true));
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let parts = multipart::Form::new()
        .part("application", multipart::Part::text(form.to_string()).mime_str("application/json").unwrap())
        .part("attachment", multipart::Part::bytes(pdf).file_name("修了証書.pdf"));
    let url = app.url(&format!("/api/v1/trainings/{id}/practical-applications"));
    let created: Value = app.client.post(url).multipart(parts).send().await.unwrap().json().await.unwrap();
    let download =
        app.get_auth(&format!("/api/v1/admin/practical-applications/{}/attachment", created["id"]), &token).await;
    assert_eq!(download.status(), 200);
    let headers = download.headers();
    assert_eq!(headers["cache-control"], "private, no-store");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"____.pdf\"; filename*=UTF-8''%E4%BF%AE%E4%BA%86%E8%A8%BC%E6%9B%B8.pdf"
    );
}
