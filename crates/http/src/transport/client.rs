//! The client's address, the one every limiter counts against.
//!
//! The peer of the TCP connection is the client unless it is one of `KENSHU_TRUSTED_PROXIES`;
//! then the forwarded headers (`Forwarded: for=…`, else `X-Forwarded-For`) are read from the
//! right, skipping trusted proxies, and the first address no proxy of ours vouches for is the
//! client. Without trusted proxies forwarded headers are ignored: anyone can write them.

use std::future::{ready, Ready};
use std::net::IpAddr;

use actix_web::http::header::HeaderMap;
use actix_web::{web, FromRequest, HttpRequest};

use crate::error::AppError;
use crate::state::AppState;

/// One trusted address or network (`10.0.0.0/8`, `::1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    fn parse(text: &str) -> Option<Self> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let base: IpAddr = address.trim().parse().ok()?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.trim().parse::<u8>().ok().filter(|p| *p <= max)?,
            None => max,
        };
        Some(Self { base, prefix })
    }

    fn contains(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        match (self.base, address) {
            (IpAddr::V4(base), IpAddr::V4(a)) => {
                mask(u128::from(u32::from(base)), u128::from(u32::from(a)), 32, self.prefix)
            }
            (IpAddr::V6(base), IpAddr::V6(a)) => mask(u128::from(base), u128::from(a), 128, self.prefix),
            _ => false,
        }
    }
}

fn mask(base: u128, address: u128, bits: u8, prefix: u8) -> bool {
    if prefix == 0 {
        return true;
    }
    let shift = u32::from(bits - prefix);
    base >> shift == address >> shift
}

/// IPv4-mapped IPv6 addresses are their IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

/// `KENSHU_TRUSTED_PROXIES`: the proxies whose forwarded headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Network>);

impl TrustedProxies {
    /// A comma-separated list of addresses and CIDR networks; `Err` names the bad entry.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut networks = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            networks.push(Network::parse(entry).ok_or_else(|| entry.to_owned())?);
        }
        Ok(Self(networks))
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|n| n.contains(address))
    }

    /// The client behind `peer`, given the request's headers.
    pub fn client(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let mut client = canonical(peer?);
        if !self.trusts(client) {
            return Some(client);
        }
        for hop in forwarded_hops(headers).into_iter().rev() {
            match hop {
                Some(address) => {
                    client = canonical(address);
                    if !self.trusts(client) {
                        break;
                    }
                }
                // A hop we cannot read: stop at the last proxy we trust.
                None => break,
            }
        }
        Some(client)
    }
}

/// The addresses the proxies wrote, left (first) to right (nearest); `None` for a hop that
/// is not an address (`unknown`, an obfuscated name).
fn forwarded_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<&str> = headers.get_all("forwarded").filter_map(|v| v.to_str().ok()).collect();
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(name, _)| name.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| parse_hop(value))
            })
            .collect();
    }
    headers
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(parse_hop)
        .collect()
}

/// `192.0.2.1`, `192.0.2.1:443`, `"[2001:db8::1]:443"`, `2001:db8::1`.
fn parse_hop(value: &str) -> Option<IpAddr> {
    let value = value.trim().trim_matches('"');
    if let Ok(address) = value.parse() {
        return Some(address);
    }
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split_once(']').and_then(|(address, _)| address.parse().ok());
    }
    value.rsplit_once(':').and_then(|(address, _)| address.parse().ok())
}

/// The client's address, as the trusted proxies tell it (`None` only in tests without a
/// socket).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub Option<IpAddr>);

impl ClientAddress {
    pub fn of(req: &HttpRequest) -> Self {
        let peer = req.peer_addr().map(|a| a.ip());
        match req.app_data::<web::Data<AppState>>() {
            Some(st) => Self(st.config.trusted_proxies.client(peer, req.headers())),
            None => Self(peer.map(canonical)),
        }
    }

    /// The key limits count against: an IPv4 address or an IPv6 /64.
    pub fn key(&self) -> String {
        crate::auth::rate_limit::client_key(self.0).to_string()
    }
}

impl FromRequest for ClientAddress {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(Ok(Self::of(req)))
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(HeaderName::from_static(name), HeaderValue::from_static(value));
        }
        map
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn forwarded_headers_count_only_from_trusted_proxies() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, ::1").unwrap();
        let none = TrustedProxies::default();
        let xff = headers(&[("x-forwarded-for", "203.0.113.9, 198.51.100.7")]);
        let cases = [
            (&none, "10.0.0.2", &xff, "10.0.0.2"),
            (&proxies, "192.0.2.1", &xff, "192.0.2.1"),
            (&proxies, "10.0.0.2", &xff, "198.51.100.7"),
            (&proxies, "::1", &headers(&[("x-forwarded-for", "10.1.1.1, 203.0.113.9")]), "203.0.113.9"),
            (&proxies, "10.0.0.2", &headers(&[("x-forwarded-for", "203.0.113.9, 10.9.9.9")]), "203.0.113.9"),
            (
                &proxies,
                "10.0.0.2",
                &headers(&[("forwarded", "for=192.0.2.60;proto=http, for=\"[2001:db8::1]:443\"")]),
                "2001:db8::1",
            ),
            (&proxies, "10.0.0.2", &headers(&[("x-forwarded-for", "garbage")]), "10.0.0.2"),
            (&proxies, "10.0.0.2", &headers(&[]), "10.0.0.2"),
            (&proxies, "::ffff:10.0.0.2", &xff, "198.51.100.7"),
        ];
        for (trusted, peer, headers, want) in cases {
            assert_eq!(trusted.client(ip(peer), headers), ip(want), "{peer} {headers:?}");
        }
    }

    #[test]
    fn the_list_is_addresses_and_networks() {
        assert!(TrustedProxies::parse("").unwrap().0.is_empty());
        assert_eq!(TrustedProxies::parse("127.0.0.1, 10.0.0.0/8,fd00::/8").unwrap().0.len(), 3);
        for bad in ["10.0.0.0/33", "localhost", "10.0.0.1/x", "::/129"] {
            assert_eq!(TrustedProxies::parse(bad), Err(bad.to_owned()));
        }
    }
}
