//! Crafted uploads (issue 13, item 13): each is refused, or stored so that it cannot do
//! harm — recognised by its bytes, named so the saved file opens as what it is, and handed
//! out as an `attachment` the browser may not sniff.

use std::io::Write;

use kenshu_api_tests::forms::file_form;
use kenshu_api_tests::{paths, spawn_app, TestApp};
use serde_json::Value;

use crate::files::PDF;

const BOUNDARY: &str = "kenshu-crafted-boundary";

/// A `multipart/form-data` body written by hand, so names and headers can be anything.
fn body(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, filename, bytes) in parts {
        write!(out, "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"").unwrap();
        if let Some(filename) = filename {
            // As browsers send it: a name, and a type that says nothing of the content.
            write!(out, "; filename=\"{filename}\"\r\nContent-Type: application/octet-stream").unwrap();
        }
        out.extend_from_slice(b"\r\n\r\n");
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    write!(out, "--{BOUNDARY}--\r\n").unwrap();
    out
}

fn file_upload(filename: &str, bytes: &[u8]) -> Vec<u8> {
    body(&[("title", None, "研修資料".as_bytes()), ("visibility", None, b"public"), ("file", Some(filename), bytes)])
}

async fn send(app: &TestApp, id: i64, body: Vec<u8>) -> reqwest::Response {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    app.post_raw(&paths::admin_training_files(id), &content_type, body, Some(&app.staff().await)).await
}

/// A zip archive of one entry: `size` zero bytes, deflated to almost nothing.
fn zip_bomb(entry: &str, size: usize) -> Vec<u8> {
    let mut compressed = Vec::new();
    {
        let mut encoder = flate2::write::DeflateEncoder::new(&mut compressed, flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..size / zeros.len() {
            encoder.write_all(&zeros).unwrap();
        }
        encoder.finish().unwrap();
    }
    let crc = {
        let mut hasher = flate2::Crc::new();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..size / zeros.len() {
            hasher.update(&zeros);
        }
        hasher.sum()
    };
    let mut zip = Vec::new();
    let header = |zip: &mut Vec<u8>, signature: u32| zip.extend_from_slice(&signature.to_le_bytes());
    header(&mut zip, 0x0403_4b50);
    zip.extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    zip.extend_from_slice(&crc.to_le_bytes());
    zip.extend_from_slice(&(compressed.len() as u32).to_le_bytes());
    zip.extend_from_slice(&(size as u32).to_le_bytes());
    zip.extend_from_slice(&(entry.len() as u16).to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes());
    zip.extend_from_slice(entry.as_bytes());
    zip.extend_from_slice(&compressed);
    zip
}

#[tokio::test]
async fn crafted_files_are_refused_or_neutralised() {
    // Built first: compressing takes seconds in a debug build, longer than the server keeps
    // an idle connection open.
    let bomb = zip_bomb("payload.bin", 32 << 20);
    let bomb_docx = zip_bomb("word/document.xml", 32 << 20);
    let app = spawn_app().await;
    let id = app.seed().training().published().await.id;
    let html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>".as_slice();
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.as_slice();
    let exe =
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode".as_slice();
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,".as_slice();

    // Refused, whatever the name says.
    let refused: [(&str, &[u8], u16, &str); 8] = [
        ("案内.pdf", html, 415, "unsupported_file_type"),
        ("案内.png", svg, 415, "unsupported_file_type"),
        ("写真.jpg", exe, 415, "unsupported_file_type"),
        ("画像.png", gif, 415, "unsupported_file_type"),
        ("資料.zip", &bomb, 415, "unsupported_file_type"),
        ("資料.docx", &bomb, 415, "unsupported_file_type"),
        ("空.pdf", b"", 422, "validation_failed"),
        ("text.pdf", b"\xef\xbb\xbfplain text with a BOM", 415, "unsupported_file_type"),
    ];
    for (name, bytes, status, code) in refused {
        let res = send(&app, id, file_upload(name, bytes)).await;
        assert_eq!(res.status().as_u16(), status, "{name}");
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["code"], code, "{name}: {problem}");
    }
    // Oversize, and many parts: each part and the whole request have a limit.
    let staff = app.staff().await;
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let files_url = paths::admin_training_files(id);
    assert_eq!(
        app.post_multipart(&files_url, file_form(&big, "大きい.pdf", "public"), Some(&staff)).await.status(),
        413
    );
    let filler = "x".repeat(64 * 1024);
    let many = (0..400).fold(file_form(PDF, "a.pdf", "public"), |form, i| form.text(format!("f{i}"), filler.clone()));
    assert_eq!(app.post_multipart(&files_url, many, Some(&staff)).await.status(), 413);
    let res = send(&app, id, b"--kenshu-crafted-boundary\r\nnot a form".to_vec()).await;
    assert_eq!(res.status(), 400, "a broken form is a 400 problem");
    let stored = app.get_auth_json(&paths::admin_training(id), &app.staff().await).await;
    assert_eq!(stored["files"].as_array().unwrap().len(), 0, "nothing refused was stored");

    // Stored, but harmless: the name loses its path and control characters, and gets the
    // extension of what the bytes are, so the saved file opens as a PDF or an image.
    let polyglot = [PDF, html].concat();
    let jpeg_html = [b"\xff\xd8\xff\xe0\x00\x10JFIF\x00".as_slice(), html].concat();
    // A zip bomb shaped like a Word file is kept as one: the server never unpacks it.
    let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    // Text that merely starts like a PDF is handed out as a (broken) PDF, never as text.
    let kept: [(&str, &[u8], &str, &str); 9] = [
        ("文章.txt", "%PDFではない文章".as_bytes(), "文章.txt.pdf", "application/pdf"),
        ("爆弾.docx", &bomb_docx, "爆弾.docx", docx),
        ("../../etc/passwd", PDF, "passwd.pdf", "application/pdf"),
        // Inside a quoted name a backslash escapes the next character (RFC 7578), so none is left.
        ("..\\..\\Windows\\win.ini.pdf", PDF, "....Windowswin.ini.pdf", "application/pdf"),
        ("案内.html", &polyglot, "案内.html.pdf", "application/pdf"),
        ("資料.pdf.exe", PDF, "資料.pdf.exe.pdf", "application/pdf"),
        ("写真.JPG", &jpeg_html, "写真.JPG", "image/jpeg"),
        ("写真.svg", &jpeg_html, "写真.svg.jpg", "image/jpeg"),
        ("資料\u{202e}fdp.exe", PDF, "資料fdp.exe.pdf", "application/pdf"),
    ];
    for (name, bytes, stored_name, content_type) in kept {
        let res = send(&app, id, file_upload(name, bytes)).await;
        assert_eq!(res.status(), 201, "{name:?}");
        let file: Value = res.json().await.unwrap();
        assert_eq!(file["filename"], stored_name, "{name:?}");
        assert_eq!(file["content_type"], content_type, "{name:?}");
        let download = app.get(&paths::training_file(id, &file["id"])).await;
        assert_eq!(download.status(), 200);
        let headers = download.headers();
        assert_eq!(headers["content-type"], content_type);
        assert_eq!(headers["x-content-type-options"], "nosniff");
        let disposition = headers["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        assert!(!disposition.contains(['/', '\\', '\r', '\n']), "{disposition}");
    }
    // Control characters in a part's headers break the form: nothing is stored, and a CR LF
    // in a name can never become a header of the download.
    for name in ["a\r\nX-Injected: 1\r\n.pdf", "a\u{1b}[31mred\u{7}.pdf", "a\u{0}.pdf"] {
        let res = send(&app, id, file_upload(name, PDF)).await;
        assert_eq!(res.status(), 400, "{name:?}");
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "malformed_form");
    }
    let stored = app.get_auth_json(&paths::admin_training(id), &app.staff().await).await;
    assert_eq!(stored["files"].as_array().unwrap().len(), 9);
}
