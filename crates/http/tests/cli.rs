//! The `kenshu` command line, run as a process (SPEC §11).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{fresh_db, http, kenshu, kenshu_at, with_stdin, Served};

#[test]
fn bad_configuration_stops_with_one_line() {
    for (var, value) in [
        ("KENSHU_BIND", "localhost"),
        ("KENSHU_DATABASE_URL", "mysql://db"),
        ("KENSHU_JWT_SECRET", "short"),
        ("KENSHU_SMTP_URL", "mail.example.jp"),
    ] {
        let output = kenshu(&fresh_db("config")).env(var, value).arg("serve").output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{var}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(var), "{stderr}");
    }
}

#[test]
fn user_create_reads_the_password_from_stdin() {
    let db = fresh_db("users");
    let create = || {
        let mut cmd = kenshu(&db);
        cmd.args(["user", "create", "--email", "Jimukyoku@Example.jp", "--role", "staff"]);
        cmd
    };
    let output = with_stdin(create(), "too short\n");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("at least 12"));

    let output = with_stdin(create(), "a long enough passphrase\n");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("jimukyoku@example.jp"));

    let output = with_stdin(create(), "a long enough passphrase\n");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));

    let mut bad_role = kenshu(&db);
    bad_role.args(["user", "create", "--email", "x@example.jp", "--role", "owner"]);
    assert!(!with_stdin(bad_role, "a long enough passphrase\n").status.success());
}

#[test]
fn openapi_prints_the_committed_document() {
    let output = Command::new(env!("CARGO_BIN_EXE_kenshu")).arg("openapi").output().unwrap();
    assert!(output.status.success());
    let committed =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../openapi.yaml")).unwrap();
    assert!(
        String::from_utf8(output.stdout).unwrap() == committed,
        "openapi.yaml drifted: run kenshu openapi > openapi.yaml"
    );
}

/// `kenshu demo` twice, then `kenshu serve`: the public list holds the two demo trainings.
#[test]
fn the_demo_loads_once_and_is_served() {
    let db = fresh_db("demo");
    let first = kenshu(&db).arg("demo").output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let first = String::from_utf8(first.stdout).unwrap();
    assert_eq!(first.matches("created training").count(), 2, "{first}");
    assert!(first.contains("password: "));
    let second = String::from_utf8(kenshu(&db).arg("demo").output().unwrap().stdout).unwrap();
    assert_eq!(second.matches("exists  training").count(), 2, "{second}");

    let mut server = kenshu(&db)
        .env("KENSHU_BIND", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .arg("serve")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stderr.take().unwrap()).lines();
    let started = Instant::now();
    let port = loop {
        assert!(started.elapsed() < Duration::from_secs(30), "the server did not start");
        let line = lines.next().expect("server output").unwrap();
        if let Some(rest) = line.split("port=").nth(1) {
            break rest.split_whitespace().next().unwrap().parse::<u16>().unwrap();
        }
    };
    let body = http_get(port, "/api/v1/trainings");
    let _ = server.kill();
    let _ = server.wait();
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(list["total"], 2, "{list}");
    let titles: Vec<&str> = list["items"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert!(titles[0].contains("ケアマネ資質向上研修会"), "{titles:?}");
    assert!(titles[1].contains("サービス管理責任者実践研修"), "{titles:?}");
    assert!(list["items"].as_array().unwrap().iter().all(|t| t["availability_label"] == "受付中"));
}

fn http_get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    body.to_owned()
}

#[test]
fn user_disable_ends_an_account() {
    let db = fresh_db("disable");
    let mut create = kenshu(&db);
    create.args(["user", "create", "--email", "leaving@example.jp", "--role", "staff"]);
    assert!(with_stdin(create, "a long enough passphrase\n").status.success());
    let output = kenshu(&db).args(["user", "disable", "--email", "Leaving@Example.jp"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("disabled user leaving@example.jp"));
    let output = kenshu(&db).args(["user", "disable", "--email", "nobody@example.jp"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no user with the email nobody@example.jp"));
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kenshu-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn spa_with(dir: &Path, marker: &str) {
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), format!("<!doctype html><title>{marker}</title>")).unwrap();
    std::fs::write(dir.join("assets/app.js"), "export {};").unwrap();
}

/// `kenshu serve` finds the SPA whatever its working directory: `KENSHU_SPA_DIR`, else `spa/`
/// beside the executable, else the checkout's `frontend/dist` (which scripts/test builds
/// only after these tests, so either state is accepted there).
#[test]
fn serve_finds_the_spa_from_any_working_directory() {
    let release = temp_dir("release");
    let binary = release.join("kenshu");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_kenshu"), &binary).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_kenshu"), &binary).unwrap();
    }
    spa_with(&release.join("spa"), "spa-beside-the-binary");
    let elsewhere = temp_dir("elsewhere");
    let from = |binary: &Path| {
        let mut cmd = kenshu_at(binary, &fresh_db("spa"));
        cmd.current_dir(&elsewhere);
        cmd
    };

    let served = Served::start(from(&binary));
    for path in ["/", "/me/0123abcd/cancel", "/staff/trainings/1"] {
        let (status, body) = http(served.port, "GET", path, None);
        assert_eq!(status, 200, "{path}");
        assert!(body.contains("spa-beside-the-binary"), "{path}: {body}");
    }
    assert_eq!(http(served.port, "GET", "/assets/app.js", None), (200, "export {};".to_owned()));
    assert_eq!(http(served.port, "GET", "/assets/missing.js", None).0, 404);
    assert_eq!(http(served.port, "GET", "/../Cargo.toml", None).0, 404);
    served.stop();

    let override_dir = temp_dir("override");
    spa_with(&override_dir, "spa-from-the-variable");
    let mut cmd = from(&binary);
    cmd.env("KENSHU_SPA_DIR", &override_dir);
    let served = Served::start(cmd);
    assert!(http(served.port, "GET", "/", None).1.contains("spa-from-the-variable"));
    served.stop();

    // The binary where cargo built it: the checkout's frontend/dist, built or not yet.
    let served = Served::start(from(Path::new(env!("CARGO_BIN_EXE_kenshu"))));
    let (status, body) = http(served.port, "GET", "/", None);
    served.stop();
    let checkout_index = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../frontend/dist/index.html");
    match std::fs::read_to_string(&checkout_index) {
        Ok(index) => assert_eq!((status, body), (200, index)),
        Err(_) => assert!(status == 503 && body.contains("KENSHU_SPA_DIR"), "{status} {body}"),
    }
    let _ = std::fs::remove_dir_all(&release);
}

/// maildev for this test: the one scripts/test runs, or one started from tools/node_modules.
fn mail_sink() -> (String, String, Option<Child>) {
    if let (Ok(smtp), Ok(api)) = (std::env::var("KENSHU_TEST_SMTP_URL"), std::env::var("KENSHU_TEST_MAILDEV_URL")) {
        return (smtp, api, None);
    }
    let free_port = || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (smtp, web) = (free_port(), free_port());
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools/node_modules/.bin/maildev");
    assert!(bin.exists(), "maildev is missing: run `npm ci --prefix tools` (scripts/test does)");
    let child = Command::new("timeout")
        .args(["300", bin.to_str().unwrap(), "--ip", "127.0.0.1", "--silent"])
        .args(["--smtp", &smtp.to_string(), "--web", &web.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", web)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "maildev did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (format!("smtp://127.0.0.1:{smtp}"), format!("http://127.0.0.1:{web}"), Some(child))
}

/// The My Page key in the mail to `email`, waiting up to 30 s for it.
fn key_in_mail(maildev: &str, email: &str) -> String {
    let port: u16 = maildev.rsplit(':').next().unwrap().parse().unwrap();
    let started = Instant::now();
    loop {
        let (_, body) = http(port, "GET", "/api/email", None);
        let mails: serde_json::Value = serde_json::from_str(&body).unwrap();
        let text = mails.as_array().unwrap().iter().find_map(|m| {
            let to_us = m["to"].as_array()?.iter().any(|t| t["address"] == email);
            to_us.then(|| m["text"].as_str().unwrap_or_default().to_owned())
        });
        if let Some(text) = text {
            let start = text.find("/me/").expect("a My Page link") + 4;
            return text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        }
        assert!(started.elapsed() < Duration::from_secs(30), "no mail to {email}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Everything `kenshu serve` logs at TRACE while an applicant applies, opens My Page (the
/// SPA's pages and the API) and cancels: the My Page key is in none of it.
#[test]
fn no_log_line_holds_a_my_page_key_even_at_trace() {
    let (smtp, maildev, sink) = mail_sink();
    let db = fresh_db("trace");
    assert!(kenshu(&db).arg("demo").output().unwrap().status.success());
    let spa = temp_dir("trace-spa");
    spa_with(&spa, "spa");
    let mut cmd = kenshu(&db);
    cmd.env("RUST_LOG", "trace").env("KENSHU_SMTP_URL", &smtp).env("KENSHU_SPA_DIR", &spa);
    let served = Served::start(cmd);

    let email = format!("trace-{}@example.jp", std::process::id());
    let answers: Vec<bool> = (0..34).map(|i| i < 20).collect();
    let form = serde_json::json!({
        "member": "non_member", "full_name": "札幌 花子", "workplace": "有限会社谷川企画",
        "phone": "0123-45-6789", "email": email, "email_confirmation": email,
        "privacy_consent": true, "checklist_answers": answers
    });
    let (status, body) = http(served.port, "POST", "/api/v1/trainings/1/applications", Some(&form.to_string()));
    assert_eq!(status, 201, "{body}");
    let key = key_in_mail(&maildev, &email);
    assert_eq!(key.len(), 48, "{key}");
    for path in
        [format!("/me/{key}"), format!("/me/{key}/cancel"), format!("/me/{key}.map"), format!("/api/v1/me/{key}")]
    {
        assert_ne!(http(served.port, "GET", &path, None).0, 500, "{path}");
    }
    assert_eq!(http(served.port, "GET", &format!("/api/v1/me/{key}/files/99"), None).0, 404);
    assert_eq!(http(served.port, "POST", &format!("/api/v1/me/{key}/cancel"), Some("{}")).0, 200);
    let log = served.stop();
    if let Some(mut sink) = sink {
        let _ = sink.kill();
        let _ = sink.wait();
    }

    assert!(log.contains("TRACE"), "the log was not at TRACE:\n{log}");
    assert!(log.contains("/api/v1/me/{key}"), "the access log names routes by pattern:\n{log}");
    for (n, line) in log.lines().enumerate() {
        assert!(!line.contains(&key), "line {n} holds the key: {line}");
    }
}
