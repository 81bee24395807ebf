//! Login limits that an attacker cannot turn against the rightful user.
//!
//! Failed sign-ins are counted per client address and per account+address pair; past its
//! budget that address (or pair) is refused with 429. Failures against one account from
//! every address together only slow that account's sign-ins down, with delays that double
//! up to a cap: a correct password from a fresh address is never refused. An attempt counts
//! as a failure from the start and is refunded when it succeeds, so parallel guesses cannot
//! slip past a budget. Limits are per instance; behind N instances they are N times higher.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

/// How many failures a key may hold, and how fast they are forgiven.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub failures: u32,
    pub forgiven_every: Duration,
}

/// The numbers of the login limits (README, "Staff sign-in, roles and API tokens").
#[derive(Debug, Clone, Copy)]
pub struct LoginPolicy {
    /// Failures from one client address, whatever the account.
    pub per_address: Budget,
    /// Failures against one account from one address.
    pub per_pair: Budget,
    /// Failures against one account from anywhere before its sign-ins slow down.
    pub per_account: Budget,
    /// The first slow-down; each further failure doubles it, up to `max_delay`.
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        Self {
            per_address: Budget { failures: 10, forgiven_every: Duration::from_secs(6) },
            per_pair: Budget { failures: 5, forgiven_every: Duration::from_secs(12) },
            per_account: Budget { failures: 10, forgiven_every: Duration::from_secs(30) },
            first_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(4),
        }
    }
}

/// Recent failures, leaking away at the budget's pace.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    level: f64,
    at: Instant,
}

impl Bucket {
    fn level(&self, budget: &Budget, now: Instant) -> f64 {
        let forgiven = now.saturating_duration_since(self.at).as_secs_f64() / budget.forgiven_every.as_secs_f64();
        (self.level - forgiven).max(0.0)
    }
}

struct Counters<K> {
    budget: Budget,
    buckets: HashMap<K, Bucket>,
}

impl<K: Hash + Eq + Clone> Counters<K> {
    fn new(budget: Budget) -> Self {
        Self { budget, buckets: HashMap::new() }
    }

    fn level(&self, key: &K, now: Instant) -> f64 {
        self.buckets.get(key).map_or(0.0, |b| b.level(&self.budget, now))
    }

    /// `Err(seconds)` until one more failure fits the budget.
    fn room(&self, key: &K, now: Instant) -> Result<(), u64> {
        let over = self.level(key, now) + 1.0 - f64::from(self.budget.failures);
        if over <= 0.0 {
            Ok(())
        } else {
            Err((over * self.budget.forgiven_every.as_secs_f64()).ceil().max(1.0) as u64)
        }
    }

    fn add(&mut self, key: &K, amount: f64, now: Instant) {
        let level = (self.level(key, now) + amount).max(0.0);
        self.buckets.insert(key.clone(), Bucket { level, at: now });
        if self.buckets.len() > 10_000 {
            let budget = self.budget;
            self.buckets.retain(|_, b| b.level(&budget, now) > 0.0);
        }
    }

    fn forget(&mut self, key: &K) {
        self.buckets.remove(key);
    }
}

struct State {
    addresses: Counters<IpAddr>,
    pairs: Counters<(String, IpAddr)>,
    accounts: Counters<String>,
}

/// A sign-in allowed to go ahead: wait `delay`, check the password, then report back.
#[derive(Debug)]
pub struct Attempt {
    pub delay: Duration,
    address: IpAddr,
    account: String,
}

pub struct LoginLimiter {
    policy: LoginPolicy,
    state: Mutex<State>,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        Self::new(LoginPolicy::default())
    }
}

impl LoginLimiter {
    pub fn new(policy: LoginPolicy) -> Self {
        let state = State {
            addresses: Counters::new(policy.per_address),
            pairs: Counters::new(policy.per_pair),
            accounts: Counters::new(policy.per_account),
        };
        Self { policy, state: Mutex::new(state) }
    }

    /// Admits a sign-in for `account` (a lower-cased email) and counts it as a failure
    /// until [`Self::succeeded`]; `Err(seconds to wait)` when the address or the pair has
    /// used its budget. The account's own count never refuses, it only sets the delay.
    pub fn admit(&self, address: Option<IpAddr>, account: &str, now: Instant) -> Result<Attempt, u64> {
        let address = client_key(address);
        let pair = (account.to_owned(), address);
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        state.addresses.room(&address, now)?;
        state.pairs.room(&pair, now)?;
        let earlier = state.accounts.level(&account.to_owned(), now);
        state.addresses.add(&address, 1.0, now);
        state.pairs.add(&pair, 1.0, now);
        state.accounts.add(&account.to_owned(), 1.0, now);
        Ok(Attempt { delay: self.delay_after(earlier), address, account: account.to_owned() })
    }

    /// The password was right: the attempt was no failure, and the pair starts afresh.
    pub fn succeeded(&self, attempt: &Attempt, now: Instant) {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        state.addresses.add(&attempt.address, -1.0, now);
        state.accounts.add(&attempt.account, -1.0, now);
        state.pairs.forget(&(attempt.account.clone(), attempt.address));
    }

    /// The attempt ended without a verdict on the password (e.g. the database failed).
    pub fn abandoned(&self, attempt: &Attempt, now: Instant) {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        state.addresses.add(&attempt.address, -1.0, now);
        state.pairs.add(&(attempt.account.clone(), attempt.address), -1.0, now);
        state.accounts.add(&attempt.account, -1.0, now);
    }

    /// 0 within the account's budget, then `first_delay` doubling per failure up to the cap.
    fn delay_after(&self, earlier_failures: f64) -> Duration {
        let beyond = earlier_failures.floor() as i64 + 1 - i64::from(self.policy.per_account.failures);
        if beyond <= 0 {
            return Duration::ZERO;
        }
        let doublings = (beyond - 1).min(16) as u32;
        self.policy.first_delay.saturating_mul(1 << doublings).min(self.policy.max_delay)
    }
}

/// The key of a client: its IPv4 address, or its IPv6 /64 (one host usually holds a whole
/// /64, so single IPv6 addresses would give an attacker endless budgets).
pub(crate) fn client_key(address: Option<IpAddr>) -> IpAddr {
    match address {
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
        },
        Some(v4) => v4,
        None => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    }
}

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock>;

/// Requests per client address for public endpoints that compute on demand.
pub struct AddressLimiter {
    limiter: Keyed<IpAddr>,
    clock: DefaultClock,
}

impl AddressLimiter {
    pub fn per_minute(n: u32) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
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

/// マイページURLの再送: requests per client address, and per training and address asked
/// about (so nobody floods one applicant's inbox). Per instance, in memory.
pub struct ResendLimiter {
    per_client: Keyed<IpAddr>,
    per_address: Keyed<(i32, String)>,
    clock: DefaultClock,
}

impl Default for ResendLimiter {
    fn default() -> Self {
        let n = |n: u32| NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        Self {
            // 5 at once, then one more every 2 minutes.
            per_client: RateLimiter::keyed(
                Quota::with_period(Duration::from_secs(120))
                    .map_or_else(|| Quota::per_hour(n(30)), |q| q.allow_burst(n(5))),
            ),
            // 2 at once, then one more every 10 minutes.
            per_address: RateLimiter::keyed(
                Quota::with_period(Duration::from_secs(600))
                    .map_or_else(|| Quota::per_hour(n(6)), |q| q.allow_burst(n(2))),
            ),
            clock: DefaultClock::default(),
        }
    }
}

impl ResendLimiter {
    /// `Err(seconds to wait)` once the client or the address asked about has used its quota.
    pub fn check(&self, client: Option<IpAddr>, training_id: i32, email_normalized: &str) -> Result<(), u64> {
        if self.per_client.len() > 10_000 {
            self.per_client.retain_recent();
        }
        if self.per_address.len() > 10_000 {
            self.per_address.retain_recent();
        }
        let now = self.clock.now();
        let wait = |n: governor::NotUntil<_>| n.wait_time_from(now).as_secs() + 1;
        self.per_client.check_key(&client_key(client)).map_err(wait)?;
        self.per_address.check_key(&(training_id, email_normalized.to_owned())).map_err(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1)));
    const B: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 2)));

    fn fail(limiter: &LoginLimiter, address: Option<IpAddr>, account: &str, now: Instant) -> Result<Duration, u64> {
        limiter.admit(address, account, now).map(|attempt| attempt.delay)
    }

    #[test]
    fn a_pair_is_refused_after_its_budget_while_the_account_still_signs_in_elsewhere() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for _ in 0..5 {
            assert!(fail(&limiter, A, "staff@example.jp", now).is_ok());
        }
        assert_eq!(fail(&limiter, A, "staff@example.jp", now), Err(12));
        let attempt = limiter.admit(B, "staff@example.jp", now).expect("another address is not refused");
        assert_eq!(attempt.delay, Duration::ZERO);
    }

    #[test]
    fn an_address_is_refused_after_its_budget_whatever_the_account() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for n in 0..10 {
            assert!(fail(&limiter, A, &format!("guess{n}@example.jp"), now).is_ok());
        }
        assert_eq!(fail(&limiter, A, "other@example.jp", now), Err(6));
        assert!(fail(&limiter, A, "other@example.jp", now + Duration::from_secs(6)).is_ok());
    }

    #[test]
    fn failures_from_everywhere_only_slow_the_account_down() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        let delays: Vec<u64> = (0u8..16)
            .map(|n| {
                let address = Some(IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, n)));
                fail(&limiter, address, "staff@example.jp", now).expect("never refused").as_millis() as u64
            })
            .collect();
        assert_eq!(delays, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 250, 500, 1000, 2000, 4000, 4000]);
        // Forgiven at one failure per 30 s.
        assert_eq!(fail(&limiter, A, "staff@example.jp", now + Duration::from_secs(8 * 60)).unwrap(), Duration::ZERO);
    }

    #[test]
    fn success_refunds_the_attempt_and_resets_the_pair() {
        let limiter = LoginLimiter::default();
        let now = Instant::now();
        for _ in 0..4 {
            fail(&limiter, A, "staff@example.jp", now).unwrap();
        }
        let attempt = limiter.admit(A, "staff@example.jp", now).unwrap();
        limiter.succeeded(&attempt, now);
        for _ in 0..5 {
            assert!(fail(&limiter, A, "staff@example.jp", now).is_ok());
        }
    }

    #[test]
    fn ipv6_clients_are_counted_per_64_and_mapped_ipv4_as_ipv4() {
        let one: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let same_64: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(client_key(Some(one)), client_key(Some(same_64)));
        assert_ne!(client_key(Some(one)), client_key(Some("2001:db8:1:3::1".parse().unwrap())));
        assert_eq!(client_key(Some("::ffff:192.0.2.1".parse().unwrap())), A.unwrap());
    }
}
