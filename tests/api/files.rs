use kenshu_api_tests::{assert_problem, error_fields, spawn_app, training_input, TestApp};
use kenshu_domain::staff::Role;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

pub(crate) const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
const ELF: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00";

pub(crate) async fn upload(app: &TestApp, token: &str, id: i64, form: Form) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/admin/trainings/{id}/files")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn file_form(bytes: &[u8], filename: &str, visibility: &str) -> Form {
    Form::new()
        .text("title", "研修資料")
        .text("visibility", visibility.to_owned())
        .part("file", Part::bytes(bytes.to_vec()).file_name(filename.to_owned()))
}

async fn staff_files(app: &TestApp, token: &str, id: i64) -> Vec<Value> {
    let t: Value = app.get_auth(&format!("/api/v1/admin/trainings/{id}"), token).await.json().await.unwrap();
    t["files"].as_array().unwrap().clone()
}

#[tokio::test]
async fn public_files_show_on_the_detail_page_and_participant_files_do_not() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let t = app.published_training(&staff, &training_input()).await;
    let id = t["id"].as_i64().unwrap();

    let res = upload(&app, &staff, id, file_form(PDF, "研修案内.pdf", "public")).await;
    assert_eq!(res.status(), 201);
    let public_file: Value = res.json().await.unwrap();
    assert_eq!(public_file["content_type"], "application/pdf");
    assert_eq!(public_file["filename"], "研修案内.pdf");
    let res = upload(&app, &staff, id, file_form(PDF, "Zoom操作方法.pdf", "participants")).await;
    assert_eq!(res.status(), 201);
    let private_file: Value = res.json().await.unwrap();

    let detail: Value = app.get(&format!("/api/v1/trainings/{id}")).await.json().await.unwrap();
    let files = detail["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["title"], "研修資料");
    let res = app.get(files[0]["url"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);

    let hidden = format!("/api/v1/trainings/{id}/files/{}", private_file["id"]);
    assert_problem(app.get(&hidden).await, 404, "file_not_found").await;
    let staff_url = private_file["url"].as_str().unwrap();
    assert_eq!(app.get_auth(staff_url, &staff).await.status(), 200);
    assert_problem(app.get(staff_url).await, 401, "unauthorized").await;
}

#[tokio::test]
async fn files_are_checked_by_content_not_by_name() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.create_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    let res = upload(&app, &staff, id, file_form(ELF, "資料.pdf", "public")).await;
    assert_problem(res, 415, "unsupported_file_type").await;
    let res = upload(&app, &staff, id, file_form("ただの文章です".as_bytes(), "資料.pdf", "public")).await;
    assert_problem(res, 415, "unsupported_file_type").await;
    assert!(staff_files(&app, &staff, id).await.is_empty());
}

#[tokio::test]
async fn files_over_ten_megabytes_are_413() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.create_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let res = upload(&app, &staff, id, file_form(&big, "大きな資料.pdf", "public")).await;
    assert_problem(res, 413, "payload_too_large").await;
    assert!(staff_files(&app, &staff, id).await.is_empty());
}

#[tokio::test]
async fn an_incomplete_form_names_what_is_missing() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.create_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    let res = upload(&app, &staff, id, Form::new().text("visibility", "everyone")).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["visibility", "file"]);
    let res = app
        .client
        .post(app.url(&format!("/api/v1/admin/trainings/{id}/files")))
        .bearer_auth(&staff)
        .header("content-type", "application/pdf")
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    assert_problem(res, 415, "unsupported_media_type").await;
    let res = upload(&app, &staff, 999_999, file_form(PDF, "a.pdf", "public")).await;
    assert_problem(res, 404, "training_not_found").await;
    assert!(staff_files(&app, &staff, id).await.is_empty());
}

#[tokio::test]
async fn staff_delete_files() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let id = app.create_training(&staff, &training_input()).await["id"].as_i64().unwrap();
    let file: Value = upload(&app, &staff, id, file_form(PDF, "a.pdf", "public")).await.json().await.unwrap();
    let path = format!("/api/v1/admin/trainings/{id}/files/{}", file["id"]);
    let res = app.client.delete(app.url(&path)).bearer_auth(&staff).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let res = app.client.delete(app.url(&path)).bearer_auth(&staff).send().await.unwrap();
    assert_problem(res, 404, "file_not_found").await;
}
