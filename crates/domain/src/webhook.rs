//! Webhooks (issue 12): the events partners subscribe to, where deliveries may go, and how
//! often a failed delivery is tried again.

use std::net::IpAddr;

use serde::Serialize;
use time::Duration;

use crate::training::FormKind;

/// An event a partner system can subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookEvent {
    /// An application (simple or practical form) was stored.
    ApplicationCreated,
    /// An application was cancelled (by the applicant or the office).
    ApplicationCancelled,
    /// Attendance is complete: both codes entered, or the practical attendance recorded.
    AttendanceCompleted,
    /// A certificate (受講証明書 or 修了証書) was issued.
    CertificateIssued,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 4] = [
        WebhookEvent::ApplicationCreated,
        WebhookEvent::ApplicationCancelled,
        WebhookEvent::AttendanceCompleted,
        WebhookEvent::CertificateIssued,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::ApplicationCreated => "application.created",
            WebhookEvent::ApplicationCancelled => "application.cancelled",
            WebhookEvent::AttendanceCompleted => "attendance.completed",
            WebhookEvent::CertificateIssued => "certificate.issued",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// The data of an application's events (`application.created`, `application.cancelled`,
/// `attendance.completed`), on either form: ids only, never personal data; the partner reads
/// the rest through the API. `status` is sent with `application.created` alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplicationEvent {
    pub application_id: i32,
    pub training_id: i32,
    pub form: FormKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl ApplicationEvent {
    pub fn new(form: FormKind, application_id: i32, training_id: i32) -> Self {
        Self { application_id, training_id, form, status: None }
    }

    /// `application.created`'s data: the application's status as stored.
    pub fn created(form: FormKind, application_id: i32, training_id: i32, status: impl Into<String>) -> Self {
        Self { status: Some(status.into()), ..Self::new(form, application_id, training_id) }
    }
}

/// Attempts after which a delivery is marked failed (an admin may redeliver it).
pub const MAX_ATTEMPTS: i32 = 8;

/// The wait before attempt `attempts + 1`: 10 s doubling up to an hour; `None` once
/// [`MAX_ATTEMPTS`] have failed.
pub fn retry_delay(attempts: i32) -> Option<Duration> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let seconds = 10i64.saturating_mul(1 << attempts.clamp(0, 20));
    Some(Duration::seconds(seconds.min(3600)))
}

/// A webhook URL taken apart: only `http` and `https`, no user or password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl {
    pub https: bool,
    /// A name or an address (IPv6 without its brackets), lower-cased.
    pub host: String,
    pub port: u16,
    /// From the first `/`, query included; `/` when the URL has none.
    pub path: String,
}

/// Why a URL or an address is refused; `message` is for the admin typing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlRefusal {
    NotHttp,
    Malformed,
    LinkLocal,
    Private,
    Loopback,
    Unspecified,
    ThisServer,
    Unresolvable,
}

impl UrlRefusal {
    pub fn code(self) -> &'static str {
        match self {
            UrlRefusal::NotHttp => "not_http",
            UrlRefusal::Malformed => "malformed",
            UrlRefusal::LinkLocal => "link_local",
            UrlRefusal::Private => "private_address",
            UrlRefusal::Loopback => "loopback",
            UrlRefusal::Unspecified => "unspecified_address",
            UrlRefusal::ThisServer => "this_server",
            UrlRefusal::Unresolvable => "unresolvable",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            UrlRefusal::NotHttp => "URLは http:// または https:// で始めてください",
            UrlRefusal::Malformed => "URLの形式が正しくありません",
            UrlRefusal::LinkLocal => "リンクローカルアドレス（169.254.0.0/16、fe80::/10）には送信できません",
            UrlRefusal::Private => "プライベートアドレスには送信できません",
            UrlRefusal::Loopback => "ループバックアドレス（localhost）には送信できません",
            UrlRefusal::Unspecified => "このアドレスには送信できません",
            UrlRefusal::ThisServer => "このシステム自身には送信できません",
            UrlRefusal::Unresolvable => "URLのホスト名を解決できません",
        }
    }
}

/// Parses `text` as an http(s) URL without credentials.
pub fn parse_url(text: &str) -> Result<WebhookUrl, UrlRefusal> {
    let text = text.trim();
    let (https, rest) = match text.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => (true, rest),
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => (false, rest),
        _ => return Err(UrlRefusal::NotHttp),
    };
    if text.len() > 2000 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlRefusal::Malformed);
    }
    let cut = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(cut);
    let path = path.split('#').next().unwrap_or_default();
    let path = match path {
        "" => "/".to_owned(),
        p if p.starts_with('?') => format!("/{p}"),
        p => p.to_owned(),
    };
    if authority.is_empty() || authority.contains('@') {
        return Err(UrlRefusal::Malformed);
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or(UrlRefusal::Malformed)?;
        host.parse::<std::net::Ipv6Addr>().map_err(|_| UrlRefusal::Malformed)?;
        (host.to_owned(), after.strip_prefix(':'))
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host.to_owned(), Some(port)),
            None => (authority.to_owned(), None),
        }
    };
    let port = match port {
        Some(p) => p.parse::<u16>().ok().filter(|p| *p > 0).ok_or(UrlRefusal::Malformed)?,
        None if https => 443,
        None => 80,
    };
    let host = host.to_ascii_lowercase();
    let valid_name = host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':'));
    if host.is_empty() || !valid_name {
        return Err(UrlRefusal::Malformed);
    }
    Ok(WebhookUrl { https, host, port, path })
}

/// Whether a delivery may connect to `address`. Link-local addresses (cloud metadata
/// services live there) and unspecified ones are always refused; loopback and private
/// ranges unless `allow_private` (`KENSHU_WEBHOOK_ALLOW_PRIVATE=1`, for tests and intranets).
pub fn check_address(address: IpAddr, allow_private: bool) -> Result<(), UrlRefusal> {
    let address = match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    };
    let (link_local, loopback, private, unspecified) = match address {
        IpAddr::V4(a) => {
            let [x, y, ..] = a.octets();
            let shared = x == 100 && (64..128).contains(&y); // 100.64.0.0/10
            (
                a.is_link_local(),
                a.is_loopback(),
                a.is_private() || shared,
                a.is_unspecified() || a.is_broadcast() || a.is_multicast() || x == 0,
            )
        }
        IpAddr::V6(a) => {
            let first = a.segments()[0];
            (
                first & 0xffc0 == 0xfe80,
                a.is_loopback(),
                first & 0xfe00 == 0xfc00, // fc00::/7 unique local
                a.is_unspecified() || a.is_multicast(),
            )
        }
    };
    if link_local {
        Err(UrlRefusal::LinkLocal)
    } else if unspecified {
        Err(UrlRefusal::Unspecified)
    } else if allow_private {
        Ok(())
    } else if loopback {
        Err(UrlRefusal::Loopback)
    } else if private {
        Err(UrlRefusal::Private)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_without_credentials_are_taken_apart() {
        let url = parse_url("https://Hooks.Example.jp/kenshu?x=1").unwrap();
        assert_eq!(
            (url.https, url.host.as_str(), url.port, url.path.as_str()),
            (true, "hooks.example.jp", 443, "/kenshu?x=1")
        );
        let url = parse_url("http://[::1]:8080").unwrap();
        assert_eq!((url.host.as_str(), url.port, url.path.as_str()), ("::1", 8080, "/"));
        for bad in ["ftp://x.jp/", "file:///etc/passwd", "javascript:alert(1)", "x.jp/hook"] {
            assert_eq!(parse_url(bad), Err(UrlRefusal::NotHttp), "{bad}");
        }
        for bad in ["http://user:pw@x.jp/", "http:///x", "http://x.jp:0/", "http://x.jp:99999/", "http://x y.jp/"] {
            assert_eq!(parse_url(bad), Err(UrlRefusal::Malformed), "{bad}");
        }
    }

    #[test]
    fn link_local_is_always_refused_and_private_ranges_unless_allowed() {
        let cases = [
            ("169.254.169.254", Err(UrlRefusal::LinkLocal), Err(UrlRefusal::LinkLocal)),
            ("fe80::1", Err(UrlRefusal::LinkLocal), Err(UrlRefusal::LinkLocal)),
            ("::ffff:169.254.1.1", Err(UrlRefusal::LinkLocal), Err(UrlRefusal::LinkLocal)),
            ("0.0.0.0", Err(UrlRefusal::Unspecified), Err(UrlRefusal::Unspecified)),
            ("127.0.0.1", Err(UrlRefusal::Loopback), Ok(())),
            ("::1", Err(UrlRefusal::Loopback), Ok(())),
            ("10.1.2.3", Err(UrlRefusal::Private), Ok(())),
            ("192.168.0.1", Err(UrlRefusal::Private), Ok(())),
            ("172.20.0.1", Err(UrlRefusal::Private), Ok(())),
            ("fd00::1", Err(UrlRefusal::Private), Ok(())),
            ("203.0.113.5", Ok(()), Ok(())),
            ("2001:db8::1", Ok(()), Ok(())),
        ];
        for (address, strict, relaxed) in cases {
            let ip: IpAddr = address.parse().unwrap();
            assert_eq!(check_address(ip, false), strict, "{address}");
            assert_eq!(check_address(ip, true), relaxed, "{address}");
        }
    }

    #[test]
    fn backoff_doubles_then_caps_then_gives_up() {
        let waits: Vec<i64> = (0..MAX_ATTEMPTS).map(|a| retry_delay(a).unwrap().whole_seconds()).collect();
        assert_eq!(waits, [10, 20, 40, 80, 160, 320, 640, 1280]);
        assert_eq!(retry_delay(MAX_ATTEMPTS), None);
    }
}
