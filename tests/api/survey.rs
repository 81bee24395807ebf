//! Webアンケート (SPEC §8): staff's questions, one answer per participant after check-out,
//! the certificate that waits for it, and the answers as CSV and XLSX.

use std::io::Read;

use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, TestApp};
use serde_json::{json, Value};

fn definition(needs_survey: bool) -> Value {
    json!({
        "certificate_needs_survey": needs_survey,
        "questions": [
            {"kind": "single_choice", "text": "本日の研修の内容はいかがでしたか", "required": true, "options": ["役に立った", "役に立たなかった"]},
            {"kind": "multiple_choice", "text": "良かった点（複数選択可）", "options": ["講義", "グループワーク", "資料"]},
            {"kind": "scale", "text": "満足度", "required": true, "options": ["不満", "やや不満", "普通", "やや満足", "満足"]},
            {"kind": "free_text", "text": "ご意見・ご感想"}
        ]
    })
}

/// The question ids of a training's survey, in order.
async fn question_ids(app: &TestApp, training_id: i64) -> Vec<i64> {
    let survey = app.get_auth_json(&paths::admin_survey(training_id), &app.staff().await).await;
    survey["questions"].as_array().unwrap().iter().map(|q| q["id"].as_i64().unwrap()).collect()
}

fn answers(q: &[i64], number: &str, text: &str) -> Value {
    json!({"care_manager_number": number, "answers": {
        q[0].to_string(): 0, q[1].to_string(): [0, 2], q[2].to_string(): 4, q[3].to_string(): text}})
}

#[tokio::test]
async fn a_participant_answers_once_after_check_out() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let res = app.put_json(&paths::admin_survey(t.id), &definition(false), &staff).await;
    assert_eq!(res.status(), 200);
    let q = question_ids(&app, t.id).await;
    let a = app.seed().applicant(t.id, "answer").await;
    let id = app.application_id(t.id, &a.email).await;

    // Before the end code: not open.
    app.set_codes(id, false).await;
    let mine = app.get_json(&paths::me_survey(&a.key)).await;
    assert_eq!(mine["state"], "not_yet");
    assert_eq!(app.get_json(&paths::me(&a.key)).await["day"]["survey"], "not_yet", "My Page says when it opens");
    let res = app.post_json(&paths::me_survey(&a.key), &answers(&q, "12345678", ""), None).await;
    assert_problem(res, 409, "survey_not_open").await;

    app.set_codes(id, true).await;
    let mine = app.get_json(&paths::me_survey(&a.key)).await;
    assert_eq!(mine["state"], "open");
    assert_eq!(app.get_json(&paths::me(&a.key)).await["day"]["survey"], "open", "My Page links the survey");
    assert_eq!(mine["questions"].as_array().unwrap().len(), 4);

    // Every bad field at once, nothing stored.
    let bad = json!({"care_manager_number": "1234567", "answers": {
        q[0].to_string(): 2, q[2].to_string(): 6, "999999": 1}});
    let problem =
        assert_problem(app.post_json(&paths::me_survey(&a.key), &bad, None).await, 422, "validation_failed").await;
    let mut fields = error_fields(&problem);
    fields.sort();
    let mut want = vec![
        "care_manager_number".to_owned(),
        format!("answers.{}", q[0]),
        format!("answers.{}", q[2]),
        "answers.999999".into(),
    ];
    want.sort();
    assert_eq!(fields, want);
    assert!(problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["message"] == "介護支援専門員番号は8桁の数字で入力してください"));
    assert_eq!(app.get_json(&paths::me_survey(&a.key)).await["state"], "open");

    // Full-width digits are folded.
    let res =
        app.post_json(&paths::me_survey(&a.key), &answers(&q, "０１２３４５６７", "分かりやすかった"), None).await;
    assert_eq!(res.status(), 200);
    let mine: Value = res.json().await.unwrap();
    assert_eq!(mine["state"], "answered");
    assert!(mine["answered_at"].as_str().unwrap().ends_with("+09:00"));
    let again = app.post_json(&paths::me_survey(&a.key), &answers(&q, "01234567", "二回目"), None).await;
    assert_problem(again, 409, "survey_already_answered").await;
    assert_eq!(app.get_json(&paths::me(&a.key)).await["day"]["survey"], "answered");

    // The questions are fixed now; the charts count the one answer.
    let res = app.put_json(&paths::admin_survey(t.id), &definition(true), &staff).await;
    assert_problem(res, 409, "survey_locked").await;
    let survey = app.get_auth_json(&paths::admin_survey(t.id), &staff).await;
    assert_eq!(survey["editable"], false);
    assert_eq!(survey["certificate_needs_survey"], false);
    assert_eq!(survey["answer_count"], 1);
    assert_eq!(survey["summaries"][0]["counts"], json!([1, 0]));
    assert_eq!(survey["summaries"][1]["counts"], json!([1, 0, 1]));
    assert_eq!(survey["summaries"][2]["counts"], json!([0, 0, 0, 1, 0]));
    assert_eq!(survey["summaries"][3]["texts"], json!(["分かりやすかった"]));
}

#[tokio::test]
async fn questions_are_checked_and_a_cancelled_applicant_has_no_survey() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let bad = json!({"questions": [
        {"kind": "single_choice", "text": "", "options": ["はい"]},
        {"kind": "scale", "text": "満足度", "options": ["悪い", "良い"]},
        {"kind": "essay", "text": "x"}
    ]});
    let problem =
        assert_problem(app.put_json(&paths::admin_survey(t.id), &bad, &staff).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["questions[2].kind"]);
    let bad = json!({"questions": [
        {"kind": "single_choice", "text": "", "options": ["はい"]},
        {"kind": "scale", "text": "満足度", "options": ["悪い", "良い"]}
    ]});
    let problem =
        assert_problem(app.put_json(&paths::admin_survey(t.id), &bad, &staff).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["questions[0].text", "questions[0].options", "questions[1].options"]);
    assert_eq!(question_ids(&app, t.id).await.len(), 0);

    assert_eq!(app.put_json(&paths::admin_survey(t.id), &definition(false), &staff).await.status(), 200);
    let q = question_ids(&app, t.id).await;
    let a = app.seed().applicant(t.id, "cancelled").await;
    let id = app.application_id(t.id, &a.email).await;
    app.set_codes(id, true).await;
    assert_eq!(app.post(&paths::me_cancel(&a.key)).await.status(), 200);
    assert_eq!(app.get_json(&paths::me_survey(&a.key)).await["state"], "unavailable");
    let res = app.post_json(&paths::me_survey(&a.key), &answers(&q, "12345678", ""), None).await;
    assert_problem(res, 409, "survey_not_open").await;
}

#[tokio::test]
async fn the_certificate_waits_for_the_survey_when_the_training_asks_for_it() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().online().published().await;
    assert_eq!(app.put_json(&paths::admin_survey(t.id), &definition(true), &staff).await.status(), 200);
    let q = question_ids(&app, t.id).await;
    let a = app.seed().applicant(t.id, "waits").await;
    let id = app.application_id(t.id, &a.email).await;
    app.set_codes(id, true).await;
    let tick = json!({"items": [{"application_id": id, "face": true, "display_name": true, "breakout_room": true, "throughout": true}]});
    assert_eq!(app.put_json(&paths::zoom_checks(t.id), &tick, &staff).await.status(), 200);
    assert_eq!(app.post_json(&paths::zoom_approve(t.id), &json!({}), Some(&staff)).await.status(), 200);
    let state = |list: Value| list["participants"][0]["certificate"]["state"].clone();
    assert_eq!(state(app.get_auth_json(&paths::zoom_checks(t.id), &staff).await), "awaiting_survey");

    let res = app.post_json(&paths::me_survey(&a.key), &answers(&q, "12345678", ""), None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(state(app.get_auth_json(&paths::zoom_checks(t.id), &staff).await), "ready");
}

#[tokio::test]
async fn answers_download_as_csv_and_xlsx_with_every_name_intact() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    assert_eq!(app.put_json(&paths::admin_survey(t.id), &definition(false), &staff).await.status(), 200);
    let q = question_ids(&app, t.id).await;
    let mut ids = Vec::new();
    for (name, full_name, text) in
        [("taka", "髙﨑 𠮷", "良い研修でした, \"また\"参加します\n次回も"), ("plain", "札幌 花子", "=1+1")]
    {
        let a = app.seed().applicant_with(t.id, name, json!({"full_name": full_name})).await;
        let id = app.application_id(t.id, &a.email).await;
        app.set_codes(id, true).await;
        let res = app.post_json(&paths::me_survey(&a.key), &answers(&q, "12345678", text), None).await;
        assert_eq!(res.status(), 200);
        ids.push(id);
    }

    let res = app.get_auth(&paths::survey_csv(t.id), &staff).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "申込ID,氏名,介護支援専門員番号,回答日時,本日の研修の内容はいかがでしたか,良かった点（複数選択可）,満足度,ご意見・ご感想"
    );
    let first = format!("{},髙﨑 𠮷,12345678,", ids[0]);
    assert!(lines[1].starts_with(&first), "{}", lines[1]);
    assert!(text.contains(",役に立った,講義、資料,4,\"良い研修でした, \"\"また\"\"参加します\n次回も\"\r\n"), "{text}");
    assert!(text.contains(",4,'=1+1\r\n"), "a formula never starts a cell: {text}");
    assert!(text.ends_with("\r\n"));

    let res = app.get_auth(&paths::survey_xlsx(t.id), &staff).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    let bytes = res.bytes().await.unwrap().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the XLSX is a zip");
    // Written in constant memory: the strings are inline in the sheet.
    let mut strings = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").expect("the sheet").read_to_string(&mut strings).unwrap();
    for expected in ["髙﨑 𠮷", "札幌 花子", "介護支援専門員番号", "講義、資料", "=1+1"] {
        assert!(strings.contains(expected), "{expected} in {strings}");
    }
    assert!(zip.by_name("xl/worksheets/sheet1.xml").is_ok());

    // Personal data: staff only.
    assert_problem(app.get(&paths::survey_csv(t.id)).await, 401, "unauthorized").await;
}
