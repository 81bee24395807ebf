//! An SMTP sink owned by one test: maildev on its own ports, which the test stops and starts
//! again on the same ports (the app keeps its SMTP URL, as it would across a mail-server
//! outage). The shared sink of the other tests is never stopped.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

pub struct OwnSink {
    smtp: u16,
    web: u16,
    child: Option<Child>,
    client: reqwest::Client,
}

impl OwnSink {
    /// A running sink on two free loopback ports.
    pub async fn start() -> OwnSink {
        let mut sink =
            OwnSink { smtp: super::free_port(), web: super::free_port(), child: None, client: reqwest::Client::new() };
        sink.resume().await;
        sink
    }

    pub fn smtp_url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.smtp)
    }

    /// Stops the sink: connections to its SMTP port are refused until [`OwnSink::resume`].
    /// Its mails are gone with it (maildev keeps them in memory): read them before.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SIGTERM to `timeout`, which passes it on to maildev (a SIGKILL would orphan it).
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let _ = child.wait();
        }
    }

    /// Starts the sink again on the same ports and waits until it answers.
    pub async fn resume(&mut self) {
        let bin = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools/node_modules/.bin/maildev");
        assert!(bin.exists(), "maildev is missing: run `npm ci --prefix tools` (scripts/test does)");
        for _ in 0..50 {
            // `timeout` ends the sink even if this process is killed.
            let child = Command::new("timeout")
                .args(["600", bin.to_str().expect("path"), "--ip", "127.0.0.1", "--silent"])
                .args(["--smtp", &self.smtp.to_string(), "--web", &self.web.to_string()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start maildev");
            self.child = Some(child);
            for _ in 0..100 {
                if self.messages_raw().await.is_some() {
                    return;
                }
                if self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()).is_some() {
                    break; // the port was not free yet: try again
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            self.stop();
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("maildev did not start on {}/{}", self.smtp, self.web);
    }

    async fn messages_raw(&self) -> Option<Vec<Value>> {
        let res = self.client.get(format!("http://127.0.0.1:{}/api/email", self.web)).send().await.ok()?;
        res.json().await.ok()
    }

    /// How many copies of each Message-ID the sink holds.
    pub async fn message_ids(&self) -> HashMap<String, usize> {
        let mut ids = HashMap::new();
        for mail in self.messages_raw().await.expect("maildev answers") {
            let id = mail["messageId"]
                .as_str()
                .or_else(|| mail["headers"]["message-id"].as_str())
                .unwrap_or_else(|| panic!("a mail without Message-ID: {mail}"))
                .trim_matches(['<', '>'])
                .to_owned();
            *ids.entry(id).or_insert(0) += 1;
        }
        ids
    }
}

impl Drop for OwnSink {
    fn drop(&mut self) {
        self.stop();
    }
}
