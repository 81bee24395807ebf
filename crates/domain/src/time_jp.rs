//! Japan Standard Time. Japan has had no daylight saving since 1951, so a fixed
//! +09:00 offset is exact for every date Kenshu handles.

use time::{OffsetDateTime, UtcOffset};

/// UTC+9, Asia/Tokyo.
pub const JST: UtcOffset = match UtcOffset::from_hms(9, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("+09:00 is a valid offset"),
};

/// The same instant expressed in Tokyo time (what people in Hokkaido read). At the very
/// end of the calendar, where Tokyo's date would not exist, the instant stays as it is
/// rather than panic (typed dates are bounded long before: [`crate::dates::Years`]).
pub fn to_jst(at: OffsetDateTime) -> OffsetDateTime {
    at.checked_to_offset(JST).unwrap_or(at)
}

/// The same instant expressed in UTC (what the database stores); unchanged where UTC's
/// date would not exist.
pub fn to_utc(at: OffsetDateTime) -> OffsetDateTime {
    at.checked_to_offset(UtcOffset::UTC).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::datetime;
    use time::{Date, PrimitiveDateTime, Time};

    use super::*;

    #[test]
    fn tokyo_is_nine_hours_ahead() {
        assert_eq!(to_jst(datetime!(2020-11-19 09:30 UTC)), datetime!(2020-11-19 18:30 +09:00));
        assert_eq!(to_utc(datetime!(2020-11-19 18:30 +09:00)), datetime!(2020-11-19 09:30 UTC));
    }

    proptest! {
        #[test]
        fn conversions_never_panic(day in Date::MIN.to_julian_day()..=Date::MAX.to_julian_day(),
                                   seconds in 0u32..86_400, offset in -25i32 * 3600 + 1..25 * 3600) {
            let day = Date::from_julian_day(day).unwrap();
            let time = Time::from_hms((seconds / 3600) as u8, (seconds / 60 % 60) as u8, (seconds % 60) as u8).unwrap();
            let offset = UtcOffset::from_whole_seconds(offset).unwrap();
            let at = PrimitiveDateTime::new(day, time).assume_offset(offset);
            prop_assert_eq!(to_jst(at), at);
            prop_assert_eq!(to_utc(at), at);
        }
    }
}
