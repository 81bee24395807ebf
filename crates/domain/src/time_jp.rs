//! Japan Standard Time. Japan has had no daylight saving since 1951, so a fixed
//! +09:00 offset is exact for every date Kenshu handles.

use time::{OffsetDateTime, UtcOffset};

/// UTC+9, Asia/Tokyo.
pub const JST: UtcOffset = match UtcOffset::from_hms(9, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("+09:00 is a valid offset"),
};

/// The same instant expressed in Tokyo time (what people in Hokkaido read).
pub fn to_jst(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(JST)
}

/// The same instant expressed in UTC (what the database stores).
pub fn to_utc(at: OffsetDateTime) -> OffsetDateTime {
    at.to_offset(UtcOffset::UTC)
}
