//! The eligibility input (受講要件): any completions, OJT period, working days and leave
//! periods, on any lecture day. Properties: the verdict never panics, its outcome follows
//! its rules (a failed rule is 対象外, a warning without failure needs review), and a date
//! outside the years people live is a failed `date_range` rule with nothing derived.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use kenshu_domain::dates::Years;
use kenshu_domain::eligibility::{
    evaluate, Completion, EligibilityInput, LeavePeriod, Outcome, RuleStatus, TargetCategory, TrainingName,
};
use libfuzzer_sys::fuzz_target;
use time::macros::date;
use time::Date;

/// Mostly days of 1890–2110 (where the rules compute), sometimes any day `time` holds.
fn day(u: &mut Unstructured) -> Result<Date> {
    let (min, max) = if u.ratio(1, 8)? {
        (Date::MIN.to_julian_day(), Date::MAX.to_julian_day())
    } else {
        (date!(1890 - 01 - 01).to_julian_day(), date!(2110 - 12 - 31).to_julian_day())
    };
    Ok(Date::from_julian_day(u.int_in_range(min..=max)?).expect("in range"))
}

fn completion(u: &mut Unstructured) -> Result<Option<Completion>> {
    use TrainingName::*;
    if !bool::arbitrary(u)? {
        return Ok(None);
    }
    let category = *u.choose(&[A, B, C, D, E, F, G, H, I, J])?;
    Ok(Some(Completion { category, completed_on: day(u)? }))
}

fn input(u: &mut Unstructured) -> Result<(EligibilityInput, Date)> {
    let target = *u.choose(&[None, Some(TargetCategory::A), Some(TargetCategory::I), Some(TargetCategory::U)])?;
    let mut leave_periods = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        leave_periods.push(LeavePeriod { start: day(u)?, end: day(u)? });
    }
    let input = EligibilityInput {
        target,
        consultation: completion(u)?,
        basic: completion(u)?,
        practical: completion(u)?,
        renewal: completion(u)?,
        transitional: bool::arbitrary(u)?,
        ojt_start: if bool::arbitrary(u)? { Some(day(u)?) } else { None },
        ojt_end: if bool::arbitrary(u)? { Some(day(u)?) } else { None },
        working_days: Option::<u32>::arbitrary(u)?,
        plan_creation: bool::arbitrary(u)?,
        consultation_work: bool::arbitrary(u)?,
        direct_support: bool::arbitrary(u)?,
        six_month_requirements: bool::arbitrary(u)?,
        leave_periods,
    };
    Ok((input, day(u)?))
}

fuzz_target!(|data: &[u8]| {
    let Ok((input, lecture_start)) = input(&mut Unstructured::new(data)) else { return };
    let verdict = evaluate(&input, lecture_start);
    let has = |status| verdict.rules.iter().any(|r| r.status == status);
    let expected = if has(RuleStatus::Fail) {
        Outcome::NotEligible
    } else if has(RuleStatus::Warning) {
        Outcome::NeedsReview
    } else {
        Outcome::Eligible
    };
    assert_eq!(verdict.outcome, expected);
    if !input.date_issues(lecture_start, "").is_empty() || !Years::PERSONAL.contains(lecture_start) {
        assert_eq!(verdict.outcome, Outcome::NotEligible);
        assert!(verdict.rules.iter().all(|r| r.status == RuleStatus::Fail));
        assert_eq!(verdict.derived, Default::default());
    }
    assert_eq!(evaluate(&input, lecture_start), verdict, "the verdict depends on its input only");
});
