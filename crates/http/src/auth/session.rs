//! The SPA's session: the JWT in an HttpOnly, SameSite=Strict cookie on `/api`, and a CSRF
//! token bound to that sign-in that unsafe requests must echo in `X-CSRF-Token`.
//!
//! Page script never sees the JWT, so an injected script cannot carry it away; a page on
//! another site cannot send the cookie (SameSite=Strict) nor read the CSRF token.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::HttpRequest;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::jwt::{Claims, TOKEN_TTL};

/// The cookie that holds the staff JWT.
pub const COOKIE: &str = "kenshu_session";
/// The header unsafe requests signed in by the cookie must carry.
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// Where a request's staff JWT came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// `Authorization: Bearer …` (integrations, scripts): needs no CSRF token.
    Bearer,
    /// The session cookie (the SPA): unsafe methods need the CSRF token.
    Cookie,
}

/// The value of the session cookie, if the request has one.
pub fn cookie(req: &HttpRequest) -> Option<String> {
    req.headers().get_all(header::COOKIE).filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE && !value.is_empty()).then(|| value.to_owned())
    })
}

/// `Set-Cookie` for a new session, living as long as its token.
pub fn set_cookie(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!(
        "{COOKIE}={token}; Path=/api; Max-Age={}; HttpOnly; SameSite=Strict{secure}",
        TOKEN_TTL.whole_seconds()
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{COOKIE}=; Path=/api; Max-Age=0; HttpOnly; SameSite=Strict{secure}"))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Methods that change nothing; only the others need the CSRF token.
pub fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The CSRF token of one sign-in: HMAC-SHA256 of its account, issue time and token version
/// under a key derived from the server's secret. It changes with every sign-in and dies
/// with the session; the server keeps no state for it.
pub fn csrf_token(key: &[u8], claims: &Claims) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(format!("csrf\0{}\0{}\0{}", claims.sub, claims.iat, claims.ver).as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `given` is the CSRF token of this sign-in (compared in constant time).
pub fn csrf_matches(key: &[u8], claims: &Claims, given: Option<&str>) -> bool {
    let Some(given) = given.and_then(|g| hex::decode(g.trim()).ok()) else { return false };
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(format!("csrf\0{}\0{}\0{}", claims.sub, claims.iat, claims.ver).as_bytes());
    mac.verify_slice(&given).is_ok()
}
