//! Periods in years, months and days, counted as Civil Code art. 143 counts them (SPEC §5.1).

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// A length of time as 年/ヶ月/日.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ymd {
    pub years: u32,
    pub months: u32,
    pub days: u32,
}

impl Ymd {
    pub const fn new(years: u32, months: u32, days: u32) -> Self {
        Self { years, months, days }
    }

    /// 2年1ヶ月15日
    pub fn label(&self) -> String {
        format!("{}年{}ヶ月{}日", self.years, self.months, self.days)
    }

    /// Whether this length reaches `years` years and `months` months.
    pub fn at_least(&self, years: u32, months: u32) -> bool {
        (self.years, self.months) >= (years, months)
    }
}

/// The month `n` months after `year`/`month`; `None` past the calendar's end.
fn add_months(year: i32, month: Month, n: u32) -> Option<(i32, Month)> {
    let index = i64::from(year) * 12 + (month as i64 - 1) + i64::from(n);
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    Some((year, Month::try_from((index.rem_euclid(12) + 1) as u8).ok()?))
}

fn last_day(year: i32, month: Month) -> Option<Date> {
    Date::from_calendar_date(year, month, month.length(year)).ok()
}

/// The first day of the `n`-th month counted from `start`, as a Julian day: the same
/// day-of-month `n` months later, or the day after that month's last day when it has no
/// such day. `None` past the calendar's end.
fn month_start(start: Date, n: u32) -> Option<i32> {
    if n == 0 {
        return Some(start.to_julian_day());
    }
    let (year, month) = add_months(start.year(), start.month(), n)?;
    match Date::from_calendar_date(year, month, start.day()) {
        Ok(same_day) => Some(same_day.to_julian_day()),
        Err(_) => Some(last_day(year, month)?.to_julian_day() + 1),
    }
}

/// The last day of the `n`-th month counted from `start` (art. 143 ②): the day before the
/// same day-of-month, or the month's last day when it has no such day. `None` outside the
/// calendar.
pub fn end_of_month_count(start: Date, n: u32) -> Option<Date> {
    Date::from_julian_day(month_start(start, n)? - 1).ok()
}

/// The period from `start` to `end`, both included: whole months counted from `start`,
/// then the remaining days. `None` when `end` is before `start`.
pub fn period_between(start: Date, end: Date) -> Option<Ymd> {
    if end < start {
        return None;
    }
    let end = end.to_julian_day();
    // Month `n` is complete when its last day, the day before `month_start(n)`, is on or
    // before `end`. A first guess from the calendar, corrected by at most a step either way.
    let complete = |n: u32| month_start(start, n).is_some_and(|first_after| first_after - 1 <= end);
    let (end_year, end_month) = Date::from_julian_day(end).map(|d| (d.year(), d.month() as i32)).ok()?;
    let mut months = ((end_year - start.year()) * 12 + end_month - start.month() as i32).max(0) as u32;
    while months > 0 && !complete(months) {
        months -= 1;
    }
    while complete(months + 1) {
        months += 1;
    }
    let days = (end - (month_start(start, months)? - 1)) as u32;
    Some(Ymd { years: months / 12, months: months % 12, days })
}

/// Calendar days from `start` to `end`, both included.
pub fn calendar_days(start: Date, end: Date) -> u32 {
    ((end - start).whole_days() + 1).max(0) as u32
}

/// Adds periods part by part; when two or more are added, 30 days carry into a month and
/// 12 months into a year. A single period keeps its own value (1年11ヶ月30日 stays so).
pub fn sum(parts: &[Ymd]) -> Ymd {
    match parts {
        [] => Ymd::default(),
        [one] => *one,
        many => {
            let (mut years, mut months, mut days) =
                many.iter().fold((0, 0, 0), |(y, m, d), p| (y + p.years, m + p.months, d + p.days));
            months += days / 30;
            days %= 30;
            years += months / 12;
            months %= 12;
            Ymd { years, months, days }
        }
    }
}

/// The last day of the month before `day`; `None` in the calendar's first month.
pub fn end_of_previous_month(day: Date) -> Option<Date> {
    day.replace_day(1).ok()?.previous_day()
}

/// The same calendar day `years` earlier (29 February falls back to the 28th); `None`
/// before the calendar's start.
pub fn years_before(day: Date, years: i32) -> Option<Date> {
    let year = day.year().checked_sub(years)?;
    Date::from_calendar_date(year, day.month(), day.day()).ok().or_else(|| last_day(year, day.month()))
}

/// Splits `[start, end]` around the given closed ranges (leave periods), keeping what is left.
pub fn subtract(start: Date, end: Date, holes: &[(Date, Date)]) -> Vec<(Date, Date)> {
    let mut sorted: Vec<(Date, Date)> = holes.to_vec();
    sorted.sort();
    let mut out = Vec::new();
    let mut cursor = start;
    for (hole_start, hole_end) in sorted {
        if hole_end < cursor || hole_start > end {
            continue;
        }
        if hole_start > cursor {
            // `hole_start` is after `cursor`, so it has a day before it.
            if let Some(before) = hole_start.previous_day() {
                out.push((cursor, before));
            }
        }
        // A hole reaching the calendar's last day leaves nothing after it.
        let Some(after) = hole_end.next_day() else { return out };
        cursor = cursor.max(after);
        if cursor > end {
            return out;
        }
    }
    if cursor <= end {
        out.push((cursor, end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;
    use time::Duration;

    #[test]
    fn the_spec_examples_hold() {
        let cases = [
            (date!(2019 - 12 - 16), date!(2020 - 11 - 30), Ymd::new(0, 11, 15)),
            (date!(2021 - 04 - 01), date!(2022 - 05 - 31), Ymd::new(1, 2, 0)),
            (date!(2023 - 03 - 16), date!(2023 - 10 - 31), Ymd::new(0, 7, 16)),
            (date!(2023 - 01 - 31), date!(2023 - 02 - 28), Ymd::new(0, 1, 0)),
            (date!(2020 - 06 - 02), date!(2022 - 05 - 31), Ymd::new(1, 11, 30)),
            (date!(2024 - 05 - 01), date!(2024 - 05 - 01), Ymd::new(0, 0, 1)),
        ];
        for (start, end, expected) in cases {
            assert_eq!(period_between(start, end), Some(expected), "{start}…{end}");
        }
        assert_eq!(period_between(date!(2024 - 05 - 02), date!(2024 - 05 - 01)), None);
    }

    #[test]
    fn parts_add_with_carries_and_a_single_part_keeps_its_value() {
        // Seed 003 ア: 0年11ヶ月15日 + 1年2ヶ月0日 = 2年1ヶ月15日 (the seed prints 17日).
        assert_eq!(sum(&[Ymd::new(0, 11, 15), Ymd::new(1, 2, 0)]), Ymd::new(2, 1, 15));
        assert_eq!(sum(&[Ymd::new(0, 5, 20), Ymd::new(0, 6, 15)]), Ymd::new(1, 0, 5));
        assert_eq!(sum(&[Ymd::new(1, 11, 30)]), Ymd::new(1, 11, 30));
        assert!(!Ymd::new(1, 11, 30).at_least(2, 0));
    }

    #[test]
    fn leave_splits_a_period() {
        let parts =
            subtract(date!(2019 - 12 - 16), date!(2022 - 05 - 31), &[(date!(2020 - 12 - 01), date!(2021 - 03 - 31))]);
        assert_eq!(
            parts,
            vec![(date!(2019 - 12 - 16), date!(2020 - 11 - 30)), (date!(2021 - 04 - 01), date!(2022 - 05 - 31))]
        );
        let all_leave =
            subtract(date!(2020 - 01 - 01), date!(2020 - 01 - 31), &[(date!(2019 - 12 - 01), date!(2020 - 02 - 01))]);
        assert!(all_leave.is_empty());
    }

    #[test]
    fn calendar_days_include_both_ends() {
        assert_eq!(calendar_days(date!(2019 - 12 - 16), date!(2020 - 11 - 30)), 351);
        assert_eq!(calendar_days(date!(2021 - 04 - 01), date!(2022 - 05 - 31)), 426);
    }

    /// A slow but obviously right month stepper: walk forward one month at a time from
    /// `start` using the rule as written, then count the days left one by one.
    fn brute_force(start: Date, end: Date) -> Ymd {
        let mut months = 0u32;
        loop {
            let (y, m) = add_months(start.year(), start.month(), months + 1).unwrap();
            let month_end = match Date::from_calendar_date(y, m, start.day()) {
                Ok(d) => d.previous_day().unwrap(),
                Err(_) => last_day(y, m).unwrap(),
            };
            if month_end > end {
                break;
            }
            months += 1;
        }
        let mut day = if months == 0 {
            start
        } else {
            let (y, m) = add_months(start.year(), start.month(), months).unwrap();
            match Date::from_calendar_date(y, m, start.day()) {
                Ok(d) => d,
                Err(_) => last_day(y, m).unwrap().next_day().unwrap(),
            }
        };
        let mut days = 0;
        while day <= end {
            days += 1;
            day = day.next_day().unwrap();
        }
        Ymd { years: months / 12, months: months % 12, days }
    }

    proptest! {
        #[test]
        fn period_between_matches_a_brute_force_stepper(start in 0i32..20_000, length in 0i64..3_000) {
            let start = date!(2000 - 01 - 01) + Duration::days(start as i64);
            let end = start + Duration::days(length);
            prop_assert_eq!(period_between(start, end), Some(brute_force(start, end)));
        }

        #[test]
        fn adding_a_day_never_shortens_a_period(start in 0i32..20_000, length in 0i64..3_000) {
            let start = date!(2000 - 01 - 01) + Duration::days(start as i64);
            let end = start + Duration::days(length);
            let (a, b) = (period_between(start, end).unwrap(), period_between(start, end + Duration::days(1)).unwrap());
            prop_assert!(b > a);
        }

        #[test]
        fn period_arithmetic_never_panics_on_any_dates(a in any_day(), b in any_day(), c in any_day(), n in any::<u32>()) {
            let (start, end) = (a.min(b), a.max(b));
            prop_assert!(period_between(start, end).is_some_and(|p| p.years <= 20_000));
            let _ = (end_of_month_count(a, n), end_of_previous_month(a), years_before(a, 5), calendar_days(start, end));
            let parts = subtract(start, end, &[(c, c.max(b)), (a.min(c), c)]);
            prop_assert!(parts.iter().all(|(s, e)| start <= *s && s <= e && *e <= end));
        }
    }

    fn any_day() -> impl Strategy<Value = Date> {
        prop_oneof![
            Just(Date::MIN),
            Just(Date::MAX),
            (Date::MIN.to_julian_day()..=Date::MAX.to_julian_day()).prop_map(|d| Date::from_julian_day(d).unwrap()),
        ]
    }
}
