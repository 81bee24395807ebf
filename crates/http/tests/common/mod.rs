//! What the process-level tests share: the `kenshu` binary on a fresh SQLite file, a
//! running `kenshu serve` with its log, and one HTTP/1.1 exchange without a client library.
#![allow(dead_code)] // each test binary uses its part

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

pub fn kenshu(db: &str) -> Command {
    kenshu_at(Path::new(env!("CARGO_BIN_EXE_kenshu")), db)
}

pub fn kenshu_at(binary: &Path, db: &str) -> Command {
    let mut cmd = Command::new(binary);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("KENSHU_DATABASE_URL", db)
        .current_dir(std::env::temp_dir());
    cmd
}

pub fn fresh_db(name: &str) -> String {
    let dir = std::env::temp_dir().join("kenshu-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.join(format!("{name}-{}.db", std::process::id())).display());
    remove_db(&db);
    db
}

/// Removes the file of a [`fresh_db`] URL with its WAL and shared-memory files.
pub fn remove_db(db: &str) {
    let path = db.trim_start_matches("sqlite://").split('?').next().unwrap_or_default();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
}

pub fn with_stdin(mut cmd: Command, input: &str) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A running `kenshu serve` and every line it wrote to stderr so far.
pub struct Served {
    pub child: Child,
    pub port: u16,
    log: Arc<Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Served {
    /// With `KENSHU_TEST_LOG_DIR` set (scripts/test), a server started without `RUST_LOG` logs
    /// at DEBUG, and its log is appended to `$KENSHU_TEST_LOG_DIR/serve-<test pid>.log` when it
    /// stops, for `scripts/check-logs.py` (issue 13, item 5).
    pub fn start(mut cmd: Command) -> Served {
        if std::env::var_os("KENSHU_TEST_LOG_DIR").is_some() && !cmd.get_envs().any(|(k, _)| k == "RUST_LOG") {
            cmd.env("RUST_LOG", "debug");
        }
        let mut child = cmd
            .env("KENSHU_BIND", "127.0.0.1:0")
            .env("NO_COLOR", "1")
            .arg("serve")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (port_tx, port_rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        let reader = std::thread::spawn(move || {
            // Lossy: a line that is not UTF-8 must not stop the reading, or the server blocks
            // on a full pipe.
            let mut lines = BufReader::new(stderr).split(b'\n');
            while let Some(Ok(line)) = lines.next() {
                let line = String::from_utf8_lossy(&line);
                if line.contains("Kenshu is listening") {
                    if let Some(port) = line.split("port=").nth(1).and_then(|p| p.split_whitespace().next()) {
                        let _ = port_tx.send(port.parse::<u16>().unwrap());
                    }
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let port = port_rx.recv_timeout(Duration::from_secs(60)).expect("the server did not start");
        Served { child, port, log, reader: Some(reader) }
    }

    /// Stops the server and returns everything it logged.
    pub fn stop(mut self) -> String {
        self.end();
        let log = self.log.lock().unwrap().clone();
        log
    }

    /// Kills the server (if it still runs), reads the rest of its log and saves it once.
    fn end(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let Some(reader) = self.reader.take() else { return };
        let _ = reader.join();
        if let Some(dir) = std::env::var_os("KENSHU_TEST_LOG_DIR") {
            let _ = std::fs::create_dir_all(&dir);
            let path = Path::new(&dir).join(format!("serve-{}.log", std::process::id()));
            let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("the test log");
            file.write_all(self.log.lock().unwrap().as_bytes()).expect("write the test log");
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.end();
    }
}

pub fn json_field(body: &str, field: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("json: {body}"));
    match &value[field] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A published simple-form training with room for 10,000, created by the staff user
/// `email`; its id.
pub fn open_training(port: u16, email: &str, password: &str, title: &str) -> String {
    let login = serde_json::json!({"email": email, "password": password}).to_string();
    let (status, body) = http(port, "POST", "/api/v1/auth/login", Some(&login));
    assert_eq!(status, 200, "{body}");
    let token = json_field(&body, "access_token");
    let auth = format!("Bearer {token}");
    let now = time::OffsetDateTime::now_utc();
    let at = |t: time::OffsetDateTime| {
        t.replace_nanosecond(0).unwrap().format(&time::format_description::well_known::Rfc3339).unwrap()
    };
    let starts = now + time::Duration::days(14);
    let input = serde_json::json!({
        "title": title,
        "purpose": "reliability",
        "organiser": "一般社団法人札幌市介護支援専門員連絡協議会",
        "starts_at": at(starts),
        "ends_at": at(starts + time::Duration::minutes(90)),
        "venue": "札幌市社会福祉総合センター",
        "fee_yen": 0,
        "capacity": 10000,
        "format": "in_person",
        "application_opens_at": at(now - time::Duration::days(1)),
        "application_closes_at": at(starts - time::Duration::days(3)),
        "issues_certificate": false,
        "checklist_required": false,
        "form_kind": "simple",
        "waiting_list": false
    })
    .to_string();
    let (status, body) = try_http(port, "POST", "/api/v1/admin/trainings", Some(&input), &[("Authorization", &auth)])
        .expect("create the training");
    assert_eq!(status, 201, "{body}");
    let id = json_field(&body, "id");
    let (status, body) =
        try_http(port, "POST", &format!("/api/v1/admin/trainings/{id}/publish"), None, &[("Authorization", &auth)])
            .expect("publish");
    assert_eq!(status, 200, "{body}");
    id
}

pub fn application(email: &str) -> String {
    serde_json::json!({
        "member": "non_member",
        "full_name": "札幌 花子",
        "workplace": "有限会社谷川企画",
        "phone": "0123-45-6789",
        "email": email,
        "email_confirmation": email,
        "privacy_consent": true,
        "checklist_answers": null
    })
    .to_string()
}

/// One HTTP/1.1 exchange: the status and the body.
pub fn http(port: u16, method: &str, path: &str, json: Option<&str>) -> (u16, String) {
    try_http(port, method, path, json, &[]).expect("an answer")
}

/// One HTTP/1.1 exchange with extra headers; `None` when the connection fails or the answer
/// is cut off (a server killed mid-request).
pub fn try_http(
    port: u16,
    method: &str,
    path: &str,
    json: Option<&str>,
    headers: &[(&str, &str)],
) -> Option<(u16, String)> {
    exchange(port, method, path, json, headers).map(|answer| (answer.status, answer.body))
}

/// An answer as read off the wire.
pub struct Answer {
    pub status: u16,
    /// The header lines, names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 exchange with its headers; `None` when the connection fails, the answer is
/// cut off, or none comes within a minute.
pub fn exchange(port: u16, method: &str, path: &str, json: Option<&str>, headers: &[(&str, &str)]) -> Option<Answer> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).ok()?;
    let body = json.unwrap_or("");
    let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n\
         {extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Some(Answer { status, headers, body: body.to_owned() })
}
