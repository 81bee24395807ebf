//! When to try a failed mail again.

use time::Duration;

/// Attempts after which a mail is marked failed and waits for staff to resend it.
pub const MAX_ATTEMPTS: i32 = 8;

/// The wait before attempt `attempts + 1`, doubling from 30 seconds up to an hour;
/// `None` once [`MAX_ATTEMPTS`] have failed.
pub fn retry_delay(attempts: i32) -> Option<Duration> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let seconds = 30i64.saturating_mul(1 << attempts.clamp(0, 20));
    Some(Duration::seconds(seconds.min(3600)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_then_caps_then_gives_up() {
        let waits: Vec<i64> = (0..MAX_ATTEMPTS).map(|a| retry_delay(a).unwrap().whole_seconds()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600]);
        assert_eq!(retry_delay(MAX_ATTEMPTS), None);
    }
}
