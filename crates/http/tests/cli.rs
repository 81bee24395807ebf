//! The `kenshu` command line, run as a process (SPEC §11).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn kenshu(db: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kenshu"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("KENSHU_DATABASE_URL", db)
        .current_dir(std::env::temp_dir());
    cmd
}

fn fresh_db(name: &str) -> String {
    let dir = std::env::temp_dir().join("kenshu-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    format!("sqlite://{}?mode=rwc", path.display())
}

fn with_stdin(mut cmd: Command, input: &str) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

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
