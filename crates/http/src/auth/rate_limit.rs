//! Login attempts limited per client address and per email (governor's GCRA).
//! Limits are per instance; behind N instances the effective limit is N times higher.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock>;

pub struct LoginLimiter {
    per_address: Keyed<IpAddr>,
    per_email: Keyed<String>,
    clock: DefaultClock,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        // 10 tries a minute from one address, 5 a minute against one account.
        let per_address = Quota::per_minute(NonZeroU32::new(10).expect("non-zero"));
        let per_email = Quota::per_minute(NonZeroU32::new(5).expect("non-zero"));
        Self {
            per_address: RateLimiter::keyed(per_address),
            per_email: RateLimiter::keyed(per_email),
            clock: DefaultClock::default(),
        }
    }
}

impl LoginLimiter {
    /// `Err(seconds to wait)` when either limit is exhausted.
    pub fn check(&self, address: Option<IpAddr>, email: &str) -> Result<(), u64> {
        let now = self.clock.now();
        if self.per_address.len() > 10_000 {
            self.per_address.retain_recent();
        }
        if self.per_email.len() > 10_000 {
            self.per_email.retain_recent();
        }
        if let Some(address) = address {
            self.per_address.check_key(&address).map_err(|n| n.wait_time_from(now).as_secs() + 1)?;
        }
        self.per_email.check_key(&email.to_lowercase()).map_err(|n| n.wait_time_from(now).as_secs() + 1)
    }
}

/// Requests per client address for public endpoints that compute on demand.
pub struct AddressLimiter {
    limiter: Keyed<IpAddr>,
    clock: DefaultClock,
}

impl AddressLimiter {
    pub fn per_minute(n: u32) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(n.max(1)).expect("non-zero"));
        Self { limiter: RateLimiter::keyed(quota), clock: DefaultClock::default() }
    }

    /// `Err(seconds to wait)` once the address has used its quota.
    pub fn check(&self, address: Option<IpAddr>) -> Result<(), u64> {
        let Some(address) = address else { return Ok(()) };
        if self.limiter.len() > 10_000 {
            self.limiter.retain_recent();
        }
        let now = self.clock.now();
        self.limiter.check_key(&address).map_err(|n| n.wait_time_from(now).as_secs() + 1)
    }
}
