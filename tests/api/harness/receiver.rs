//! A webhook receiver on 127.0.0.1 owned by one test: it records every request, answers the
//! scripted statuses in turn and then 204, and can be stopped (connections refused) and
//! started again on the same port, as a partner's server that goes away and comes back.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// One request as the receiver read it; header names lower-cased.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: HashMap<String, String>,
    pub body: String,
}

pub struct Receiver {
    pub url: String,
    port: u16,
    got: Arc<Mutex<Vec<Received>>>,
    script: Arc<Mutex<VecDeque<u16>>>,
    accepting: Option<JoinHandle<()>>,
}

impl Receiver {
    pub async fn start(script: &[u16]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut receiver = Receiver {
            url: format!("http://127.0.0.1:{port}/hook"),
            port,
            got: Arc::new(Mutex::new(Vec::new())),
            script: Arc::new(Mutex::new(script.iter().copied().collect())),
            accepting: None,
        };
        receiver.accept(listener);
        receiver
    }

    fn accept(&mut self, listener: TcpListener) {
        let (sink, statuses) = (self.got.clone(), self.script.clone());
        self.accepting = Some(tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else { return };
                let (sink, statuses) = (sink.clone(), statuses.clone());
                tokio::spawn(async move {
                    let Some(received) = read_request(&mut stream).await else { return };
                    let status = statuses.lock().unwrap().pop_front().unwrap_or(204);
                    sink.lock().unwrap().push(received);
                    let answer = format!("HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    let _ = stream.write_all(answer.as_bytes()).await;
                });
            }
        }));
    }

    /// Closes the port: connections are refused until [`Receiver::resume`].
    pub async fn stop(&mut self) {
        if let Some(accepting) = self.accepting.take() {
            accepting.abort();
            let _ = accepting.await; // the listener is dropped with the task
        }
    }

    /// Listens on the same port again.
    pub async fn resume(&mut self) {
        for _ in 0..50 {
            if let Ok(listener) = TcpListener::bind(("127.0.0.1", self.port)).await {
                self.accept(listener);
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the receiver's port {} did not come free", self.port);
    }

    pub fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// How many requests carried each `Kenshu-Delivery` id.
    pub fn delivery_ids(&self) -> HashMap<i64, usize> {
        let mut ids = HashMap::new();
        for received in self.got.lock().unwrap().iter() {
            let id = received.headers.get("kenshu-delivery").and_then(|id| id.parse().ok());
            *ids.entry(id.unwrap_or_else(|| panic!("a request without Kenshu-Delivery: {received:?}"))).or_insert(0) +=
                1;
        }
        ids
    }

    /// Waits up to 15 s until `n` requests have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..150 {
            if self.got.lock().unwrap().len() >= n {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let got = self.received();
        assert!(got.len() >= n, "expected {n} requests, got {}: {got:#?}", got.len());
        got
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        if let Some(accepting) = self.accepting.take() {
            accepting.abort();
        }
    }
}

async fn read_request(stream: &mut tokio::net::TcpStream) -> Option<Received> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8(data[..head_end].to_vec()).ok()?;
    let headers: HashMap<String, String> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers.get("content-length")?.parse().ok()?;
    while data.len() < head_end + length {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    }
    let body = String::from_utf8(data[head_end..head_end + length].to_vec()).ok()?;
    Some(Received { headers, body })
}
