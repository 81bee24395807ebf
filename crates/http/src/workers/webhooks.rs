//! Sends webhook deliveries: signed JSON POSTs, retried with exponential backoff.
//!
//! Safe with several instances: each batch is claimed (a lease; `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL) before it is sent. The destination is resolved and checked again at every
//! attempt, and the request goes to the very address that was checked, so a name that
//! re-resolves to a private or link-local address (DNS rebinding) is refused, not followed.
//! A small HTTP/1.1 client of our own makes that pinning simple: one request, `Connection:
//! close`, only the status line is read.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration as StdDuration;

use actix_web::web;
use hmac::{Hmac, Mac};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::webhook::{check_address, parse_url, retry_delay, UrlRefusal, WebhookUrl};
use kenshu_persistence::repos::webhooks::{self, Delivery, Subscription};
use sha2::Sha256;
use time::{Duration, OffsetDateTime};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::config::Config;
use crate::state::AppState;

const BATCH: u64 = 10;
const TIMEOUT: StdDuration = StdDuration::from_secs(10);
/// How long a claimed batch stays reserved for this worker: longer than the worst case of
/// sending it (each delivery: resolve, connect, send, read), so another instance never claims
/// a delivery this one is still sending.
pub const LEASE: Duration = Duration::seconds(BATCH as i64 * 4 * 10 + 60);

/// Runs until the process stops.
pub async fn run(state: web::Data<AppState>) {
    loop {
        let sent = match send_due(&state).await {
            Ok(n) => n,
            Err(err) => {
                tracing::warn!(error = %err, "webhook poll failed");
                0
            }
        };
        if sent == 0 {
            tokio::time::sleep(StdDuration::from_millis(250)).await;
        }
    }
}

async fn send_due(state: &AppState) -> anyhow::Result<usize> {
    let batch = webhooks::claim(&state.db, state.clock.now(), LEASE, BATCH).await?;
    let count = batch.len();
    for (delivery, subscription) in batch {
        let now = state.clock.now();
        let attempts = delivery.attempts + 1;
        match deliver(&state.config, &delivery, &subscription, now).await {
            Ok(status) if (200..300).contains(&status) => {
                webhooks::mark_delivered(&state.db, delivery.id, attempts, status, state.clock.now()).await?;
                tracing::info!(delivery.id = delivery.id, event = %delivery.event, status, "webhook delivered");
            }
            result => {
                let (status, error) = match result {
                    Ok(status) => (Some(status), format!("HTTP {status}")),
                    Err(error) => (None, error),
                };
                let retry_at = retry_delay(attempts).map(|d| state.clock.now() + d);
                webhooks::mark_attempt_failed(&state.db, delivery.id, attempts, status, &error, retry_at).await?;
                tracing::warn!(delivery.id = delivery.id, attempts, gave_up = retry_at.is_none(), error = %error,
                    "webhook not delivered");
            }
        }
    }
    Ok(count)
}

/// The JSON body of a delivery: its id, the event, when it happened and the event's data.
pub fn body(delivery: &Delivery) -> String {
    let data: serde_json::Value = serde_json::from_str(&delivery.data).unwrap_or(serde_json::Value::Null);
    let created_at =
        to_jst(delivery.created_at).format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    serde_json::json!({"id": delivery.id, "event": delivery.event, "created_at": created_at, "data": data}).to_string()
}

/// `t=<unix>,v1=<hex HMAC-SHA256 of "<unix>.<body>">`, keyed with the subscription's secret.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!("t={timestamp},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// Posts one delivery; the receiver's status, or why there was none.
async fn deliver(
    config: &Config,
    delivery: &Delivery,
    subscription: &Subscription,
    now: OffsetDateTime,
) -> Result<u16, String> {
    let (url, addresses) = destination(&subscription.url, config).await.map_err(|r| r.message().to_owned())?;
    let body = body(delivery);
    let headers = [
        ("Kenshu-Event", delivery.event.clone()),
        ("Kenshu-Delivery", delivery.id.to_string()),
        ("Kenshu-Signature", signature(&subscription.secret, now.unix_timestamp(), &body)),
    ];
    let mut last_error = String::from("接続先がありません");
    for address in addresses {
        match tokio::time::timeout(TIMEOUT * 3, post(&url, address, &headers, &body)).await {
            Ok(Ok(status)) => return Ok(status),
            Ok(Err(error)) => last_error = error,
            Err(_) => last_error = "タイムアウトしました".to_owned(),
        }
    }
    Err(last_error)
}

/// The URL checked and resolved: every address it may be sent to, in the resolver's order.
/// Refused when it is not http(s), names this server, or resolves to no address allowed
/// (link-local never; loopback and private ranges only with `KENSHU_WEBHOOK_ALLOW_PRIVATE`).
pub async fn destination(text: &str, config: &Config) -> Result<(WebhookUrl, Vec<SocketAddr>), UrlRefusal> {
    let url = parse_url(text)?;
    // This server as the public sees it: the host and port of `KENSHU_PUBLIC_URL`.
    if parse_url(&config.public_url).is_ok_and(|public| public.host == url.host && public.port == url.port) {
        return Err(UrlRefusal::ThisServer);
    }
    let resolved: Vec<SocketAddr> = match url.host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, url.port)],
        Err(_) => match tokio::time::timeout(TIMEOUT, tokio::net::lookup_host((url.host.as_str(), url.port))).await {
            Ok(Ok(found)) => found.collect(),
            _ => return Err(UrlRefusal::Unresolvable),
        },
    };
    if resolved.is_empty() {
        return Err(UrlRefusal::Unresolvable);
    }
    // Every address must pass: a name that also resolves to a forbidden one is refused.
    for address in &resolved {
        if is_this_server(*address, config.bind) {
            return Err(UrlRefusal::ThisServer);
        }
        check_address(address.ip(), config.webhook_allow_private)?;
    }
    Ok((url, resolved))
}

fn is_this_server(address: SocketAddr, bind: SocketAddr) -> bool {
    let canonical = |ip: IpAddr| match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    let ip = canonical(address.ip());
    address.port() == bind.port() && (ip == canonical(bind.ip()) || bind.ip().is_unspecified() && ip.is_loopback())
}

async fn post(url: &WebhookUrl, address: SocketAddr, headers: &[(&str, String)], body: &str) -> Result<u16, String> {
    let stream = tokio::time::timeout(TIMEOUT, TcpStream::connect(address))
        .await
        .map_err(|_| "接続がタイムアウトしました".to_owned())?
        .map_err(|e| format!("接続できません: {e}"))?;
    let host = if url.host.contains(':') { format!("[{}]", url.host) } else { url.host.clone() };
    let default_port = if url.https { 443 } else { 80 };
    let host_header = if url.port == default_port { host } else { format!("{host}:{}", url.port) };
    let mut request = format!(
        "POST {} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: Kenshu-Webhooks/1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n",
        url.path,
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    if url.https {
        let name = rustls_name(&url.host)?;
        let tls = tls_connector().connect(name, stream).await.map_err(|e| format!("TLS: {e}"))?;
        exchange(tls, request.as_bytes()).await
    } else {
        exchange(stream, request.as_bytes()).await
    }
}

fn rustls_name(host: &str) -> Result<tokio_rustls::rustls::pki_types::ServerName<'static>, String> {
    tokio_rustls::rustls::pki_types::ServerName::try_from(host.to_owned()).map_err(|e| format!("TLS: {e}"))
}

fn tls_connector() -> tokio_rustls::TlsConnector {
    use tokio_rustls::rustls::{self, ClientConfig, RootCertStore};
    static CONFIG: std::sync::OnceLock<Arc<ClientConfig>> = std::sync::OnceLock::new();
    let config = CONFIG.get_or_init(|| {
        let roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("rustls protocol versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        Arc::new(config)
    });
    tokio_rustls::TlsConnector::from(config.clone())
}

/// Writes the request and reads the status line of the answer (`HTTP/1.1 204 …`).
async fn exchange(mut stream: impl AsyncRead + AsyncWrite + Unpin, request: &[u8]) -> Result<u16, String> {
    tokio::time::timeout(TIMEOUT, stream.write_all(request))
        .await
        .map_err(|_| "送信がタイムアウトしました".to_owned())?
        .map_err(|e| format!("送信できません: {e}"))?;
    let mut head = Vec::with_capacity(256);
    let mut buf = [0u8; 256];
    while !head.windows(2).any(|w| w == b"\r\n") && head.len() < 4096 {
        let n = tokio::time::timeout(TIMEOUT, stream.read(&mut buf))
            .await
            .map_err(|_| "応答がタイムアウトしました".to_owned())?
            .map_err(|e| format!("応答を読めません: {e}"))?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let line = String::from_utf8_lossy(&head);
    let status = line.split_whitespace().nth(1).and_then(|s| s.parse::<u16>().ok());
    match (line.starts_with("HTTP/1."), status) {
        (true, Some(status)) => Ok(status),
        _ => Err("HTTPの応答ではありません".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_itself_is_recognised_on_its_port() {
        let bind: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert!(is_this_server("127.0.0.1:8080".parse().unwrap(), bind));
        assert!(is_this_server("[::ffff:127.0.0.1]:8080".parse().unwrap(), bind));
        assert!(!is_this_server("127.0.0.1:9090".parse().unwrap(), bind));
        let any: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert!(is_this_server("127.0.0.1:8080".parse().unwrap(), any));
    }
}
