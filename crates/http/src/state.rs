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
    /// The sold-out trainings refused from memory (`sold_out`).
    pub sold_out: crate::sold_out::SoldOut,
    pub seats: crate::workers::seats::SeatDesk,
    /// Where certificates are numbered (one numbering transaction at a time per process).
    pub certificate_desk: crate::usecases::certificates::CertificateDesk,
    /// The organiser's seals, read and decoded once per process.
    pub seal_images: crate::usecases::organiser::SealCache,
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
