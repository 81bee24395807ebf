//! What every handler shares.

use std::sync::RwLock;

use kenshu_persistence::Db;
use time::OffsetDateTime;

use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::{AddressLimiter, LoginLimiter, ResendLimiter};
use crate::config::Config;
use crate::metrics::Metrics;

pub struct AppState {
    pub db: Db,
    pub config: Config,
    pub jwt: JwtKeys,
    pub login_limiter: LoginLimiter,
    /// The public eligibility check (`KENSHU_ELIGIBILITY_PER_MINUTE` per address).
    pub eligibility_limiter: AddressLimiter,
    /// マイページURLの再送, per client address and per address asked about.
    pub resend_limiter: ResendLimiter,
    pub metrics: Metrics,
    pub clock: Clock,
    /// The Japanese font of printed documents; `Err` says why PDFs cannot be made.
    pub font: Result<kenshu_pdf::Font, String>,
    /// Where seats are taken (group commit, see `workers::seats`).
    pub seats: crate::workers::seats::SeatDesk,
    /// One certificate-issuing transaction at a time in this process: the others wait here,
    /// holding no database connection, instead of filling the pool while SQLite's writer
    /// lock or PostgreSQL's sequence row lock makes them take turns anyway. Correctness
    /// does not rest on it (several instances share the database): the transaction does.
    pub certificate_desk: tokio::sync::Mutex<()>,
}

/// "Now" for the rules. The system clock, unless a test has pinned it.
#[derive(Default)]
pub struct Clock {
    pinned: RwLock<Option<OffsetDateTime>>,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        self.pinned.read().ok().and_then(|p| *p).unwrap_or_else(OffsetDateTime::now_utc)
    }

    /// Pins the clock (tests only move time this way; production never does).
    pub fn pin(&self, at: Option<OffsetDateTime>) {
        if let Ok(mut pinned) = self.pinned.write() {
            *pinned = at;
        }
    }
}
