//! The years a typed date may fall in. A year such as 9999 is a typo, and date arithmetic
//! near the calendar's ends (時刻の変換、年度、期限) would leave the range `time` can hold.

use time::{Date, OffsetDateTime};

use crate::time_jp::to_jst;
use crate::FieldIssue;

/// A span of calendar years, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Years {
    pub first: i32,
    pub last: i32,
}

impl Years {
    /// A training's dates and times (開催日時、受付期間、演習日程).
    pub const TRAINING: Years = Years { first: 2000, last: 2100 };
    /// Every other date people type: birth dates, completions, OJT and leave periods.
    pub const PERSONAL: Years = Years { first: 1900, last: 2100 };

    pub fn contains(self, day: Date) -> bool {
        (self.first..=self.last).contains(&day.year())
    }

    /// An issue naming the field when `day` lies outside these years.
    pub fn check(self, day: Date, field: &str, label: &str) -> Result<(), FieldIssue> {
        if self.contains(day) {
            Ok(())
        } else {
            Err(FieldIssue::new(
                field,
                DATE_OUT_OF_RANGE,
                format!("{label}は{}年から{}年までの日付で入力してください", self.first, self.last),
            ))
        }
    }

    /// The same for a moment, by its date in Tokyo.
    pub fn check_at(self, at: OffsetDateTime, field: &str, label: &str) -> Result<(), FieldIssue> {
        self.check(to_jst(at).date(), field, label)
    }
}

/// The field code of a date outside its years.
pub const DATE_OUT_OF_RANGE: &str = "date_out_of_range";

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn years_include_both_ends() {
        assert!(Years::TRAINING.contains(date!(2000 - 01 - 01)));
        assert!(Years::TRAINING.contains(date!(2100 - 12 - 31)));
        assert!(!Years::TRAINING.contains(date!(1999 - 12 - 31)));
        assert!(!Years::TRAINING.contains(date!(2101 - 01 - 01)));
        assert!(Years::PERSONAL.contains(date!(1900 - 01 - 01)));
        assert!(!Years::PERSONAL.contains(date!(9999 - 12 - 31)));
    }

    #[test]
    fn a_moment_counts_by_its_date_in_tokyo() {
        // 2100-12-31 15:00 UTC is already 2101 in Tokyo.
        assert!(Years::TRAINING.check_at(datetime!(2100-12-31 14:59 UTC), "starts_at", "開始日時").is_ok());
        let issue = Years::TRAINING.check_at(datetime!(2100-12-31 15:00 UTC), "starts_at", "開始日時").unwrap_err();
        assert_eq!((issue.field.as_str(), issue.code), ("starts_at", "date_out_of_range"));
        assert_eq!(issue.message, "開始日時は2000年から2100年までの日付で入力してください");
    }
}
