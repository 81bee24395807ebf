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
