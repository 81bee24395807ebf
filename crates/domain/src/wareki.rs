//! 和暦 (Japanese era) dates, as the seeds print them: 令和2年11月19日(木) 18:30〜20:00.

use time::{macros::date, Date, Month, OffsetDateTime, Weekday};

use crate::time_jp::to_jst;

/// One era: its name and the first day it was in force.
struct Era {
    name: &'static str,
    first_day: Date,
}

/// Newest first, so the first era that started on or before a date is its era.
const ERAS: [Era; 5] = [
    Era { name: "令和", first_day: date!(2019 - 05 - 01) },
    Era { name: "平成", first_day: date!(1989 - 01 - 08) },
    Era { name: "昭和", first_day: date!(1926 - 12 - 25) },
    Era { name: "大正", first_day: date!(1912 - 07 - 30) },
    Era { name: "明治", first_day: date!(1868 - 10 - 23) },
];

/// The era name and era year of a calendar date, or `None` before 明治.
pub fn era_year(day: Date) -> Option<(&'static str, i32)> {
    ERAS.iter().find(|era| era.first_day <= day).map(|era| (era.name, day.year() - era.first_day.year() + 1))
}

/// 令和2年 / 令和元年 (the first year of an era is written 元年).
pub fn era_year_label(day: Date) -> String {
    match era_year(day) {
        Some((name, 1)) => format!("{name}元年"),
        Some((name, year)) => format!("{name}{year}年"),
        None => format!("{}年", day.year()),
    }
}

/// 年度: FY n runs from 1 April n to 31 March n+1.
pub fn fiscal_year(day: Date) -> i32 {
    if day.month() >= Month::April {
        day.year()
    } else {
        day.year() - 1
    }
}

/// The fiscal year label used on certificates and notices: 令和2年度. The fiscal year is
/// named after the era in force on its first day (FY2019 is 平成31年度).
pub fn fiscal_year_label(day: Date) -> String {
    let fy = fiscal_year(day);
    match Date::from_calendar_date(fy, Month::April, 1) {
        Ok(april_first) => format!("{}度", era_year_label(april_first)),
        // Before the calendar's first April: no era either.
        Err(_) => format!("{fy}年度"),
    }
}

/// A span of fiscal years as the rules print it: 2007〜2011年度, 2012年度以降, 2007年度まで.
pub fn fiscal_years_span(from: Option<i32>, to: Option<i32>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => format!("{f}年度"),
        (Some(f), Some(t)) => format!("{f}〜{t}年度"),
        (Some(f), None) => format!("{f}年度以降"),
        (None, Some(t)) => format!("{t}年度まで"),
        (None, None) => String::new(),
    }
}

/// 木 for Thursday.
pub fn weekday_kanji(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "月",
        Weekday::Tuesday => "火",
        Weekday::Wednesday => "水",
        Weekday::Thursday => "木",
        Weekday::Friday => "金",
        Weekday::Saturday => "土",
        Weekday::Sunday => "日",
    }
}

/// 令和2年11月19日, as letters and certificates print a date.
pub fn era_date(day: Date) -> String {
    format!("{}{}月{}日", era_year_label(day), day.month() as u8, day.day())
}

/// 令和2年11月19日(木)
pub fn format_date(day: Date) -> String {
    format!("{}({})", era_date(day), weekday_kanji(day.weekday()))
}

/// 18:30: the time of day in Tokyo.
pub fn time_of_day(at: OffsetDateTime) -> String {
    let at = to_jst(at);
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// A span as people in Japan read it, in Tokyo time: one date with 18:30〜20:00 when the
/// span stays within one day, both dates otherwise.
pub fn format_span(start: OffsetDateTime, end: OffsetDateTime) -> String {
    let (start, end) = (to_jst(start), to_jst(end));
    let hm = time_of_day;
    if start.date() == end.date() {
        format!("{} {}〜{}", format_date(start.date()), hm(start), hm(end))
    } else {
        format!("{} {}〜{} {}", format_date(start.date()), hm(start), format_date(end.date()), hm(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    #[test]
    fn dates_take_the_era_in_force_that_day() {
        let cases = [
            (date!(2020 - 11 - 19), "令和2年11月19日(木)"),
            (date!(2020 - 11 - 06), "令和2年11月6日(金)"),
            (date!(2019 - 04 - 30), "平成31年4月30日(火)"),
            (date!(2019 - 05 - 01), "令和元年5月1日(水)"),
            (date!(1989 - 01 - 07), "昭和64年1月7日(土)"),
            (date!(1989 - 01 - 08), "平成元年1月8日(日)"),
            (date!(2026 - 11 - 24), "令和8年11月24日(火)"),
        ];
        for (day, expected) in cases {
            assert_eq!(format_date(day), expected, "{day}");
        }
    }

    #[test]
    fn fiscal_years_start_in_april() {
        assert_eq!(fiscal_year_label(date!(2020 - 11 - 06)), "令和2年度");
        assert_eq!(fiscal_year_label(date!(2021 - 03 - 31)), "令和2年度");
        assert_eq!(fiscal_year_label(date!(2021 - 04 - 01)), "令和3年度");
        // FY2019 began on 1 April 2019, still 平成31年.
        assert_eq!(fiscal_year_label(date!(2019 - 06 - 01)), "平成31年度");
    }

    #[test]
    fn fiscal_year_spans_read_as_the_rules_print_them() {
        assert_eq!(fiscal_years_span(Some(2006), Some(2006)), "2006年度");
        assert_eq!(fiscal_years_span(Some(2007), Some(2011)), "2007〜2011年度");
        assert_eq!(fiscal_years_span(Some(2012), None), "2012年度以降");
        assert_eq!(fiscal_years_span(None, Some(2007)), "2007年度まで");
    }

    #[test]
    fn spans_are_shown_in_tokyo_time() {
        // 09:30 UTC is 18:30 in Tokyo.
        let start = datetime!(2020-11-19 09:30 UTC);
        let end = datetime!(2020-11-19 11:00 UTC);
        assert_eq!(format_span(start, end), "令和2年11月19日(木) 18:30〜20:00");
        // 16:00 UTC on the 30th is already 1 May in Tokyo: the new era.
        let start = datetime!(2019-04-30 16:00 UTC);
        let end = datetime!(2019-04-30 17:00 UTC);
        assert_eq!(format_span(start, end), "令和元年5月1日(水) 01:00〜02:00");
    }

    #[test]
    fn spans_over_several_days_show_both_dates() {
        let start = datetime!(2026-12-01 10:00 +09:00);
        let end = datetime!(2026-12-02 16:30 +09:00);
        assert_eq!(format_span(start, end), "令和8年12月1日(火) 10:00〜令和8年12月2日(水) 16:30");
    }

    proptest! {
        #[test]
        fn labels_never_panic_on_any_date(day in Date::MIN.to_julian_day()..=Date::MAX.to_julian_day(),
                                          minutes in 0i64..24 * 60) {
            let day = Date::from_julian_day(day).unwrap();
            prop_assert!(fiscal_year_label(day).ends_with("年度"));
            prop_assert!(format_date(day).ends_with(')'));
            let at = day.midnight().assume_utc();
            let later = at.checked_add(time::Duration::minutes(minutes)).unwrap_or(at);
            prop_assert!(!format_span(at, later).is_empty());
        }
    }
}
