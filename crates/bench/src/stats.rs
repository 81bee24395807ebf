//! The pure parts: what an answer means, percentiles, and the split of a rush into the
//! phases before and after sell-out.

use std::borrow::Cow;
use std::time::Duration;

/// What one submission was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 201 with `status: confirmed`: a seat.
    Confirmed,
    /// 201 with `status: waitlisted` (the benchmark's trainings keep no list: never expected).
    Waitlisted,
    /// 409 `training_full` (満員).
    Full,
    /// 409 `already_applied`: the address already holds an application.
    AlreadyApplied,
    /// Any other 4xx, by status.
    Rejected(u16),
    /// 5xx, by status.
    ServerError(u16),
    /// No answer: connection error or the client's timeout.
    Unanswered,
}

/// Classifies an HTTP answer of `POST /trainings/{id}/applications`. Only the one field
/// that tells reads into a typed struct: the load generator shares the cores with the
/// servers it measures, and a whole problem document parsed into a `Value` per refusal cost
/// it a good part of what the server spends on one.
pub fn classify(status: u16, body: &[u8]) -> Kind {
    #[derive(serde::Deserialize)]
    struct Created<'a> {
        #[serde(borrow)]
        status: Option<Cow<'a, str>>,
    }
    #[derive(serde::Deserialize)]
    struct Refused<'a> {
        #[serde(borrow)]
        code: Option<Cow<'a, str>>,
    }
    match status {
        201 => match serde_json::from_slice::<Created>(body).ok().and_then(|c| c.status).as_deref() {
            Some("waitlisted") => Kind::Waitlisted,
            _ => Kind::Confirmed,
        },
        409 => match serde_json::from_slice::<Refused>(body).ok().and_then(|r| r.code).as_deref() {
            Some("training_full") => Kind::Full,
            Some("already_applied") => Kind::AlreadyApplied,
            _ => Kind::Rejected(409),
        },
        500..=599 => Kind::ServerError(status),
        _ => Kind::Rejected(status),
    }
}

/// One submission as the load generator saw it; times count from the start of the rush.
#[derive(Debug, Clone)]
pub struct Submission {
    pub kind: Kind,
    /// The answer carried `Idempotency-Replayed: true`.
    pub replayed: bool,
    pub started: Duration,
    pub finished: Duration,
}

impl Submission {
    pub fn latency(&self) -> Duration {
        self.finished.saturating_sub(self.started)
    }

    /// A seat taken by this very request (not a replayed answer).
    pub fn took_seat(&self) -> bool {
        self.kind == Kind::Confirmed && !self.replayed
    }
}

/// p50, p99 and max of a sample.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Latency {
    pub count: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

/// The nearest-rank percentile of a sorted sample: the smallest value with at least `p`
/// per cent of the sample at or below it.
pub fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

pub fn latency(mut sample: Vec<Duration>) -> Latency {
    sample.sort_unstable();
    Latency {
        count: sample.len(),
        p50: percentile(&sample, 50.0).unwrap_or_default(),
        p99: percentile(&sample, 99.0).unwrap_or_default(),
        max: sample.last().copied().unwrap_or_default(),
    }
}

/// A rush cut at sell-out: the moment the answer granting the last seat arrived.
#[derive(Debug, Clone, Default)]
pub struct Phases {
    /// Seconds from the first request to the last answer.
    pub wall: Duration,
    pub answered: usize,
    /// When the C-th seat was granted; `None` when the training never sold out.
    pub sold_out_at: Option<Duration>,
    /// Answers that arrived up to sell-out, and their rate.
    pub before_answered: usize,
    pub before_per_sec: f64,
    /// Answers to requests sent after sell-out, and their rate over the rest of the run.
    pub after_answered: usize,
    pub after_per_sec: f64,
    /// Latency of the answers that granted a seat (201).
    pub seat: Latency,
    /// Latency of 409 `training_full` answers to requests sent after sell-out.
    pub refusal: Latency,
}

/// Splits a rush at the C-th seat. Unanswered requests count in nothing but the wall time.
pub fn phases(subs: &[Submission], capacity: usize) -> Phases {
    let answered: Vec<&Submission> = subs.iter().filter(|s| s.kind != Kind::Unanswered).collect();
    let wall = subs.iter().map(|s| s.finished).max().unwrap_or_default();
    let mut seat_times: Vec<Duration> = answered.iter().filter(|s| s.took_seat()).map(|s| s.finished).collect();
    seat_times.sort_unstable();
    let sold_out_at = (capacity > 0 && seat_times.len() >= capacity).then(|| seat_times[capacity - 1]);
    let cut = sold_out_at.unwrap_or(wall);
    let before_answered = answered.iter().filter(|s| s.finished <= cut).count();
    let after: Vec<&&Submission> = answered.iter().filter(|s| s.started > cut).collect();
    let rate = |n: usize, span: Duration| if span.is_zero() { 0.0 } else { n as f64 / span.as_secs_f64() };
    Phases {
        wall,
        answered: answered.len(),
        sold_out_at,
        before_answered,
        before_per_sec: rate(before_answered, cut),
        after_answered: after.len(),
        after_per_sec: rate(after.len(), wall.saturating_sub(cut)),
        seat: latency(answered.iter().filter(|s| s.kind == Kind::Confirmed).map(|s| s.latency()).collect()),
        refusal: latency(after.iter().filter(|s| s.kind == Kind::Full).map(|s| s.latency()).collect()),
    }
}

/// Per second, over a span.
pub fn per_sec(count: usize, span: Duration) -> f64 {
    if span.is_zero() {
        0.0
    } else {
        count as f64 / span.as_secs_f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn nearest_rank_percentiles_of_a_hundred_values() {
        let sample: Vec<Duration> = (1..=100).map(ms).collect();
        assert_eq!(percentile(&sample, 50.0), Some(ms(50)));
        assert_eq!(percentile(&sample, 99.0), Some(ms(99)));
        assert_eq!(percentile(&sample, 100.0), Some(ms(100)));
        assert_eq!(percentile(&sample, 0.0), Some(ms(1)));
    }

    #[test]
    fn percentiles_of_small_and_empty_samples() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[ms(7)], 99.0), Some(ms(7)));
        let l = latency(vec![ms(30), ms(10), ms(20)]);
        assert_eq!((l.count, l.p50, l.p99, l.max), (3, ms(20), ms(30), ms(30)));
    }

    #[test]
    fn answers_are_classified_by_status_and_problem_code() {
        let cases: &[(u16, &str, Kind)] = &[
            (201, r#"{"status":"confirmed","training_id":1}"#, Kind::Confirmed),
            (201, r#"{"status":"waitlisted","waitlist_position":1}"#, Kind::Waitlisted),
            (409, r#"{"code":"training_full","status":409}"#, Kind::Full),
            (409, r#"{"code":"already_applied","status":409}"#, Kind::AlreadyApplied),
            (409, r#"{"code":"applications_closed","status":409}"#, Kind::Rejected(409)),
            (
                409,
                r#"{"type":"about:blank","title":"満員です","code":"training_full","errors":[{"a":[1,{"b":null}]}]}"#,
                Kind::Full,
            ),
            (409, r#"{"code":"training\u005ffull"}"#, Kind::Full),
            (409, "not json", Kind::Rejected(409)),
            (422, r#"{"code":"idempotency_key_reused"}"#, Kind::Rejected(422)),
            (500, "", Kind::ServerError(500)),
            (503, "not json", Kind::ServerError(503)),
        ];
        for (status, body, want) in cases {
            assert_eq!(classify(*status, body.as_bytes()), *want, "{status} {body}");
        }
    }

    fn sub(kind: Kind, replayed: bool, started: u64, finished: u64) -> Submission {
        Submission { kind, replayed, started: ms(started), finished: ms(finished) }
    }

    #[test]
    fn a_rush_is_cut_at_the_answer_granting_the_last_seat() {
        let subs = vec![
            sub(Kind::Confirmed, false, 0, 100),
            sub(Kind::Confirmed, true, 0, 120), // a replay: not a second seat
            sub(Kind::Confirmed, false, 10, 200),
            sub(Kind::Full, false, 150, 210), // sent before sell-out: in neither refusal sample
            sub(Kind::Full, false, 300, 310),
            sub(Kind::Full, false, 400, 430),
            sub(Kind::Unanswered, false, 500, 1000),
        ];
        let p = phases(&subs, 2);
        assert_eq!(p.sold_out_at, Some(ms(200)));
        assert_eq!(p.wall, ms(1000));
        assert_eq!(p.answered, 6);
        assert_eq!(p.before_answered, 3);
        assert_eq!(p.after_answered, 2);
        assert_eq!(p.seat.count, 3);
        assert_eq!((p.refusal.count, p.refusal.p50, p.refusal.p99), (2, ms(10), ms(30)));
        assert!((p.before_per_sec - 15.0).abs() < 1e-9);
        assert!((p.after_per_sec - 2.5).abs() < 1e-9);
    }

    #[test]
    fn a_rush_that_never_sells_out_has_no_after_phase() {
        let p = phases(&[sub(Kind::Confirmed, false, 0, 50)], 2);
        assert_eq!(p.sold_out_at, None);
        assert_eq!(p.after_answered, 0);
        assert_eq!(p.before_answered, 1);
    }
}
