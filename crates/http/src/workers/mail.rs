//! Sends the outbox over SMTP (lettre, rustls), with retries and exponential backoff.
//! Safe with several instances: each batch is claimed before it is sent.

use std::time::Duration as StdDuration;

use actix_web::web;
use kenshu_domain::mail::retry_delay;
use kenshu_persistence::repos::outbox::{self, OutboxMail};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use time::Duration;

use crate::state::AppState;

/// How long a claimed batch stays reserved for this worker: longer than the worst case of
/// sending it (every mail of the batch waiting out the SMTP timeout), so that another instance
/// never claims and sends a mail this one is still sending.
pub const LEASE: Duration = Duration::seconds(BATCH as i64 * SMTP_TIMEOUT_SECS as i64 + 60);
const BATCH: u64 = 20;
const SMTP_TIMEOUT_SECS: u64 = 20;

/// Runs until the process stops. Does nothing when no SMTP server is configured.
pub async fn run(state: web::Data<AppState>) {
    let Some(url) = state.config.smtp_url.clone() else { return };
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&url) {
        Ok(builder) => builder.timeout(Some(StdDuration::from_secs(SMTP_TIMEOUT_SECS))).build(),
        Err(err) => {
            tracing::error!(error = %err, "KENSHU_SMTP_URL cannot be used; mail stays in the outbox");
            return;
        }
    };
    loop {
        let sent = match send_due(&state, &transport).await {
            Ok(n) => n,
            Err(err) => {
                tracing::warn!(error = %err, "outbox poll failed");
                0
            }
        };
        if sent == 0 {
            tokio::time::sleep(StdDuration::from_millis(250)).await;
        }
    }
}

async fn send_due(state: &AppState, transport: &AsyncSmtpTransport<Tokio1Executor>) -> anyhow::Result<usize> {
    let now = state.clock.now();
    let batch = outbox::claim(&state.db, now, LEASE, BATCH).await?;
    let count = batch.len();
    for mail in batch {
        let result = match build(&state.config.mail_from, &mail) {
            Ok(message) => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Err(err) => Err(err),
        };
        let now = state.clock.now();
        match result {
            Ok(()) => {
                outbox::mark_sent(&state.db, mail.id, &scrub_keys(&mail.body), now).await?;
                tracing::info!(mail.id = mail.id, kind = %mail.kind, "mail sent");
            }
            Err(error) => {
                let attempts = mail.attempts + 1;
                let retry_at = retry_delay(attempts).map(|d| now + d);
                outbox::mark_attempt_failed(&state.db, mail.id, attempts, retry_at, &error).await?;
                tracing::warn!(mail.id = mail.id, attempts, gave_up = retry_at.is_none(), error = %error, "mail not sent");
            }
        }
    }
    Ok(count)
}

fn build(from: &str, mail: &OutboxMail) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("KENSHU_MAIL_FROM: {e}"))?;
    let to: Mailbox = mail.recipient.parse().map_err(|e| format!("recipient: {e}"))?;
    let message_id = message_id(&from, mail);
    let mut builder = Message::builder().from(from).to(to).subject(mail.subject.clone()).message_id(Some(message_id));
    if let Some(cc) = &mail.cc {
        builder = builder.cc(cc.parse().map_err(|e| format!("cc: {e}"))?);
    }
    builder.header(ContentType::TEXT_PLAIN).body(mail.body.clone()).map_err(|e| e.to_string())
}

/// The same Message-ID on every attempt of one outbox row: should a crash between sending
/// and marking the row sent make it go out twice, the recipient's mail software (and a test)
/// sees the copies as one message. The row's creation time keeps ids apart across databases.
fn message_id(from: &Mailbox, mail: &OutboxMail) -> String {
    let created = mail.created_at.unix_timestamp_nanos() / 1_000;
    format!("<kenshu.{}.{created}@{}>", mail.id, from.email.domain())
}

/// Once a mail is delivered, the My Page key in its body is removed from the outbox: the
/// key lives only in the recipient's mailbox and as a hash in the database (SPEC §4).
pub fn scrub_keys(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("/me/") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let key_len = rest.chars().take_while(|c| c.is_ascii_hexdigit()).count();
        if key_len >= 32 {
            out.push_str("********");
            rest = &rest[key_len..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::scrub_keys;

    #[test]
    fn delivered_bodies_lose_their_keys() {
        let key = "ab".repeat(24);
        let body = format!("http://k.test/me/{key}\nhttp://k.test/me/{key}/cancel\n/me/short");
        assert_eq!(scrub_keys(&body), "http://k.test/me/********\nhttp://k.test/me/********/cancel\n/me/short");
    }
}
