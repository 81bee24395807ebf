use kenshu_api_tests::forms::file_form;
use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, TestApp};
use reqwest::multipart::Form;
use serde_json::Value;

pub(crate) const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
const ELF: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00";

/// Uploads as the app's staff account.
pub(crate) async fn upload(app: &TestApp, id: i64, form: Form) -> reqwest::Response {
    app.post_multipart(&paths::admin_training_files(id), form, Some(&app.staff().await)).await
}

async fn staff_files(app: &TestApp, id: i64) -> Vec<Value> {
    let t = app.get_auth_json(&paths::admin_training(id), &app.staff().await).await;
    t["files"].as_array().unwrap().clone()
}

/// A draft training of the app's staff account.
async fn draft(app: &TestApp) -> i64 {
    app.seed().training().draft().await.id
}

#[tokio::test]
async fn public_files_show_on_the_detail_page_and_participant_files_do_not() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let id = app.seed().training().published().await.id;

    let res = upload(&app, id, file_form(PDF, "研修案内.pdf", "public")).await;
    assert_eq!(res.status(), 201);
    let public_file: Value = res.json().await.unwrap();
    assert_eq!(public_file["content_type"], "application/pdf");
    assert_eq!(public_file["filename"], "研修案内.pdf");
    let res = upload(&app, id, file_form(PDF, "Zoom操作方法.pdf", "participants")).await;
    assert_eq!(res.status(), 201);
    let private_file: Value = res.json().await.unwrap();

    let detail = app.get_json(&paths::training(id)).await;
    let files = detail["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["title"], "研修資料");
    let res = app.get(files[0]["url"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);

    let hidden = paths::training_file(id, &private_file["id"]);
    assert_problem(app.get(&hidden).await, 404, "file_not_found").await;
    let staff_url = private_file["url"].as_str().unwrap();
    assert_eq!(app.get_auth(staff_url, &staff).await.status(), 200);
    assert_problem(app.get(staff_url).await, 401, "unauthorized").await;
}

#[tokio::test]
async fn files_are_checked_by_content_not_by_name() {
    let app = spawn_app().await;
    let id = draft(&app).await;
    let res = upload(&app, id, file_form(ELF, "資料.pdf", "public")).await;
    assert_problem(res, 415, "unsupported_file_type").await;
    let res = upload(&app, id, file_form("ただの文章です".as_bytes(), "資料.pdf", "public")).await;
    assert_problem(res, 415, "unsupported_file_type").await;
    assert!(staff_files(&app, id).await.is_empty());
}

#[tokio::test]
async fn files_over_ten_megabytes_are_413() {
    let app = spawn_app().await;
    let id = draft(&app).await;
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let res = upload(&app, id, file_form(&big, "大きな資料.pdf", "public")).await;
    assert_problem(res, 413, "payload_too_large").await;
    assert!(staff_files(&app, id).await.is_empty());
}

#[tokio::test]
async fn an_incomplete_form_names_what_is_missing() {
    let app = spawn_app().await;
    let id = draft(&app).await;
    let res = upload(&app, id, Form::new().text("visibility", "everyone")).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["visibility", "file"]);
    let staff = app.staff().await;
    let res = app.post_raw(&paths::admin_training_files(id), "application/pdf", PDF, Some(&staff)).await;
    assert_problem(res, 415, "unsupported_media_type").await;
    let res = upload(&app, 999_999, file_form(PDF, "a.pdf", "public")).await;
    assert_problem(res, 404, "training_not_found").await;
    assert!(staff_files(&app, id).await.is_empty());
}

#[tokio::test]
async fn staff_delete_files() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let id = draft(&app).await;
    let file: Value = upload(&app, id, file_form(PDF, "a.pdf", "public")).await.json().await.unwrap();
    let path = paths::admin_training_file(id, &file["id"]);
    assert_eq!(app.delete_auth(&path, &staff).await.status(), 204);
    assert_problem(app.delete_auth(&path, &staff).await, 404, "file_not_found").await;
}
