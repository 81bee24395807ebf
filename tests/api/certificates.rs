//! 受講証明書 (SPEC §7): issued on the first download when due, numbered 1..n per organiser
//! and fiscal year (Japan time) without gaps or duplicates, the same document on every
//! re-download, refused with a clear reason when not due; staff download a whole training.

use std::process::Command;

use futures_util::future::join_all;
use kenshu_api_tests::day::Day;
use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, training_input, with, Applicant, TestApp};
use kenshu_domain::staff::Role;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use time::macros::datetime;
use time::OffsetDateTime;

pub const SEAL_PNG: &[u8] = include_bytes!("../../crates/pdf/fixtures/seal.png");

/// Applicants of one training who all entered both codes.
pub async fn attended(app: &TestApp, training_id: i64, names: &[&str]) -> Vec<Applicant> {
    let mut out = Vec::new();
    for chunk in names.chunks(10) {
        let applied =
            join_all(chunk.iter().map(|name| async move { app.seed().applicant(training_id, name).await })).await;
        out.extend(applied);
    }
    for applicant in &out {
        app.record_day(&applicant.key, Day::Attended(OffsetDateTime::now_utc())).await;
    }
    out
}

/// The PDF's text (pdftotext, whitespace removed) after writing it under the temp dir,
/// with its first page rendered to PNG (pdftoppm) beside it.
pub fn pdf_text(name: &str, pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF"), "{name} is not a PDF");
    let dir = std::env::temp_dir().join("kenshu-api-certificates");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let png = dir.join(name);
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(&png)
        .status()
        .expect("pdftoppm (apt-get install poppler-utils)");
    assert!(status.success());
    assert!(std::fs::metadata(png.with_extension("png")).unwrap().len() > 1000, "a rendered page");
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().expect("pdftotext");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().chars().filter(|c| !c.is_whitespace()).collect()
}

/// The PDF's text line by line in reading order (`pdftotext -raw`), spaces kept; the
/// full-width spaces a certificate prints come back as spaces. The PDF is written and its
/// first page rendered to PNG by [`pdf_text`] under the same name.
pub fn pdf_lines(name: &str, pdf: &[u8]) -> Vec<String> {
    pdf_text(name, pdf);
    let path = std::env::temp_dir().join("kenshu-api-certificates").join(format!("{name}.pdf"));
    let out =
        Command::new("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(&path).arg("-").output().expect("pdftotext");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect()
}

pub async fn download(app: &TestApp, key: &str) -> Vec<u8> {
    let res = app.get(&paths::me_certificate(key)).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    res.bytes().await.unwrap().to_vec()
}

pub async fn issued(app: &TestApp, training_id: i64) -> Vec<Value> {
    let staff = app.staff().await;
    app.get_auth_json(&paths::training_certificates(training_id), &staff).await.as_array().unwrap().clone()
}

pub async fn save_organiser(app: &TestApp, token: &str, form: Form) -> reqwest::Response {
    app.client.put(app.url(&paths::organiser())).bearer_auth(token).multipart(form).send().await.unwrap()
}

fn settings(issuer: &str, representative: &str) -> Form {
    Form::new().text("issuer", issuer.to_owned()).text("representative", representative.to_owned())
}

#[tokio::test]
async fn fifty_first_downloads_at_once_take_the_numbers_one_to_fifty() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let names: Vec<String> = (0..50).map(|i| format!("p{i:02}")).collect();
    let people = attended(&app, t.id, &names.iter().map(String::as_str).collect::<Vec<_>>()).await;
    // Everyone at once, and the first five twice more: one certificate each, no gaps.
    let keys: Vec<&str> =
        people.iter().map(|p| p.key.as_str()).chain(people[..5].iter().map(|p| p.key.as_str())).collect();
    let urls: Vec<String> = keys.iter().map(|key| paths::me_certificate(key)).collect();
    let answers = join_all(urls.iter().map(|url| app.get(url))).await;
    for res in answers {
        assert_eq!(res.status(), 200, "{:?}", res.text().await);
    }
    let certificates = issued(&app, t.id).await;
    let mut numbers: Vec<i64> = certificates.iter().map(|c| c["number"].as_i64().unwrap()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<_>>());
    let codes: std::collections::HashSet<&str> =
        certificates.iter().map(|c| c["verification_code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 50, "one certificate, one code each");
}

#[tokio::test]
async fn a_redownload_prints_the_same_number_and_data_whatever_changed_since() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let res =
        save_organiser(&app, &admin, settings("一般社団法人札幌市介護支援専門員連絡協議会", "会長　由井 康博")).await;
    assert_eq!(res.status(), 200);
    let t = app.seed().training().published().await;
    let name = json!({"full_name": "𠮷野 髙﨑"});
    let first = app.seed().applicant_with(t.id, "yoshino", name).await;
    attended(&app, t.id, &["other"]).await;
    app.record_day(&first.key, Day::Attended(OffsetDateTime::now_utc())).await;

    let pdf = download(&app, &first.key).await;
    assert!(pdf.len() <= 60_000, "{} bytes", pdf.len());
    let text = pdf_text("first-download", &pdf);
    for wanted in [
        "No.1",
        "令和8年度第3回ケアマネ資質向上研修会",
        "受講証明書",
        "目的：福祉に従事する方に必要な知識・技術・資質の維持・向上を目的とする。",
        "𠮷野髙﨑様",
        "一般社団法人札幌市介護支援専門員連絡協議会",
        "会長由井康博",
        "検証コード",
    ] {
        assert!(text.contains(wanted), "missing {wanted} in {text}");
    }

    // The training and the settings change; the issued certificate does not.
    let staff = app.staff().await;
    let edited = with(training_input(), json!({"title": "改題された研修"}));
    assert_eq!(app.put_json(&paths::admin_training(t.id), &edited, &staff).await.status(), 200);
    assert_eq!(save_organiser(&app, &admin, settings("別の発行者", "理事長 別人")).await.status(), 200);
    let again = download(&app, &first.key).await;
    assert_eq!(again, pdf, "byte for byte the same document");
    assert_eq!(issued(&app, t.id).await.len(), 1, "no second certificate, no number used");
}

#[tokio::test]
async fn numbering_starts_again_at_one_on_the_first_of_april_in_japan_time() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let people = attended(&app, t.id, &["march", "april1", "april2"]).await;
    let at = |when| app.state.clock.pin(Some(when));
    at(datetime!(2027-03-31 23:59 +09:00));
    download(&app, &people[0].key).await;
    // 15:00 UTC on 31 March is already 1 April in Japan.
    at(datetime!(2027-03-31 15:00 UTC));
    download(&app, &people[1].key).await;
    at(datetime!(2027-04-01 00:01 +09:00));
    download(&app, &people[2].key).await;
    app.state.clock.pin(None);
    let certificates = issued(&app, t.id).await;
    let got: Vec<(i64, i64)> =
        certificates.iter().map(|c| (c["fiscal_year"].as_i64().unwrap(), c["number"].as_i64().unwrap())).collect();
    assert_eq!(got, [(2026, 1), (2027, 1), (2027, 2)]);
}

#[tokio::test]
async fn a_certificate_not_due_withheld_or_not_offered_is_refused_and_nothing_is_issued() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let early = app.seed().applicant(t.id, "early").await;
    let problem = assert_problem(app.get(&paths::me_certificate(&early.key)).await, 409, "certificate_not_ready").await;
    assert!(problem["detail"].as_str().unwrap().contains("開始番号"), "{problem}");
    app.record_day(&early.key, Day::CheckedInOnly(OffsetDateTime::now_utc())).await;
    assert_problem(app.get(&paths::me_certificate(&early.key)).await, 409, "certificate_not_ready").await;

    let online = app.seed().training().online().published().await;
    let zoom = app.seed().applicant(online.id, "zoom").await;
    app.record_day(&zoom.key, Day::Attended(OffsetDateTime::now_utc())).await;
    let problem = assert_problem(app.get(&paths::me_certificate(&zoom.key)).await, 409, "certificate_not_ready").await;
    assert!(problem["detail"].as_str().unwrap().contains("Zoom"), "{problem}");
    app.record_day(&zoom.key, Day::Withheld("カメラがオフでした")).await;
    let problem = assert_problem(app.get(&paths::me_certificate(&zoom.key)).await, 409, "certificate_withheld").await;
    assert_eq!(problem["detail"], "理由：カメラがオフでした");

    let none = app.seed().training().with(json!({"issues_certificate": false})).published().await;
    let nobody = app.seed().applicant(none.id, "none").await;
    app.record_day(&nobody.key, Day::Attended(OffsetDateTime::now_utc())).await;
    assert_problem(app.get(&paths::me_certificate(&nobody.key)).await, 409, "certificate_not_offered").await;
    let staff = app.staff().await;
    assert_problem(
        app.get_auth(&paths::training_certificates_zip(none.id), &staff).await,
        409,
        "certificate_not_offered",
    )
    .await;
    assert_problem(app.get_auth(&paths::training_certificates_pdf(t.id), &staff).await, 409, "certificate_not_ready")
        .await;

    for training in [t.id, online.id, none.id] {
        assert!(issued(&app, training).await.is_empty(), "nothing issued for {training}");
    }
    // Once approved, the same participant gets No. 1: the refusals used no number.
    app.record_day(&early.key, Day::Attended(OffsetDateTime::now_utc())).await;
    download(&app, &early.key).await;
    assert_eq!(issued(&app, t.id).await[0]["number"], 1);
}

#[tokio::test]
async fn staff_download_a_training_as_a_zip_and_as_one_pdf_issuing_the_missing_ones() {
    let app = spawn_app().await;
    let t = app.seed().training().published().await;
    let people = attended(&app, t.id, &["a", "b", "c"]).await;
    app.seed().applicant(t.id, "absent").await;
    download(&app, &people[1].key).await;
    let staff = app.staff().await;

    let res = app.get_auth(&paths::training_certificates_zip(t.id), &staff).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    let zip = res.bytes().await.unwrap();
    assert!(zip.starts_with(b"PK\x03\x04"));
    let entries = zip.windows(4).filter(|w| *w == b"PK\x01\x02").count();
    assert_eq!(entries, 3, "one PDF per attendee, none for the absent");

    let res = app.get_auth(&paths::training_certificates_pdf(t.id), &staff).await;
    assert_eq!(res.status(), 200);
    let text = pdf_text("training", &res.bytes().await.unwrap());
    assert_eq!(text.matches("上記の研修を受講したことを証明します。").count(), 3);
    for n in ["No.1", "No.2", "No.3"] {
        assert!(text.contains(n), "{n}");
    }
    let numbers: Vec<i64> = issued(&app, t.id).await.iter().map(|c| c["number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3], "the one downloaded first kept No. 1");
    // The prefecture viewer reads, but does not issue.
    let viewer = app.token(Role::Prefecture).await;
    assert_problem(app.get_auth(&paths::training_certificates_zip(t.id), &viewer).await, 403, "forbidden").await;
}

#[tokio::test]
async fn the_organiser_settings_take_a_png_or_jpeg_seal_up_to_1mb_from_an_admin_only() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let staff = app.staff().await;
    let good = || settings("札幌市介護支援専門員連絡協議会", "会長 由井 康博");
    let seal = |bytes: Vec<u8>, name: &str| Part::bytes(bytes).file_name(name.to_owned());

    assert_problem(save_organiser(&app, &staff, good()).await, 403, "forbidden").await;
    let problem = assert_problem(save_organiser(&app, &admin, settings(" ", "")).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["issuer", "representative"]);
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    let res = save_organiser(&app, &admin, good().part("seal", seal(gif, "seal.png"))).await;
    assert_problem(res, 415, "unsupported_file_type").await;
    let mut big = SEAL_PNG.to_vec();
    big.resize(1024 * 1024 + 1, 0);
    let res = save_organiser(&app, &admin, good().part("seal", seal(big, "seal.png"))).await;
    assert_problem(res, 413, "payload_too_large").await;
    let mut broken = SEAL_PNG.to_vec();
    broken.truncate(200);
    let res = save_organiser(&app, &admin, good().part("seal", seal(broken, "seal.png"))).await;
    assert_problem(res, 415, "unsupported_file_type").await;
    let view = app.get_auth_json(&paths::organiser(), &staff).await;
    assert_eq!(view["issuer"], "", "nothing stored: {view}");

    let res = save_organiser(&app, &admin, good().part("seal", seal(SEAL_PNG.to_vec(), "印影.png"))).await;
    assert_eq!(res.status(), 200);
    let view: Value = res.json().await.unwrap();
    assert_eq!(view["seal"]["content_type"], "image/png");
    let stored = app.get_auth(&paths::organiser_seal(), &staff).await.bytes().await.unwrap();
    assert_eq!(stored.as_ref(), SEAL_PNG);
    // Saving again without a seal keeps it.
    let view: Value = save_organiser(&app, &admin, good()).await.json().await.unwrap();
    assert_eq!(view["seal"]["size_bytes"], SEAL_PNG.len());
    let res = app.get_auth(&paths::organiser_preview(), &staff).await;
    assert_eq!(res.status(), 200);
    let text = pdf_text("preview", &res.bytes().await.unwrap());
    assert!(text.contains("会長由井康博"), "{text}");
}
