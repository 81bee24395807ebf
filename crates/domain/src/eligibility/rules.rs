//! The rules of SPEC §5.1, each reported with its seed reference.

use time::macros::date;
use time::{Date, Month};

use super::period::{calendar_days, end_of_previous_month, period_between, subtract, sum, years_before};
use super::{
    fiscal_year, CountedPeriod, Derived, EligibilityInput, Outcome, RuleResult, RuleStatus, Slot, TargetCategory,
    TrainingName, Verdict,
};

/// 更新の期限 (※11): 31 March of the fifth fiscal year after the completion's (the
/// calendar's last day, should that lie beyond it).
pub fn renewal_deadline(completed_on: Date) -> Date {
    Date::from_calendar_date(fiscal_year(completed_on) + 6, Month::March, 31).unwrap_or(Date::MAX)
}

/// The transitional status (※9) ended on 2024-03-31.
const TRANSITIONAL_DEADLINE: Date = date!(2024 - 03 - 31);

fn jp(day: Date) -> String {
    format!("{}年{}月{}日", day.year(), day.month() as u8, day.day())
}

struct Report(Vec<RuleResult>);

impl Report {
    fn add(&mut self, rule: &'static str, status: RuleStatus, reference: &'static str, message: impl Into<String>) {
        self.0.push(RuleResult { rule: rule.into(), status, message: message.into(), reference: reference.into() });
    }

    fn check(&mut self, rule: &'static str, ok: bool, reference: &'static str, pass: String, fail: String) {
        let (status, message) = if ok { (RuleStatus::Pass, pass) } else { (RuleStatus::Fail, fail) };
        self.add(rule, status, reference, message);
    }
}

/// ①–④: the category must belong in its slot, the date in the category's fiscal years,
/// and before the lecture.
fn check_slot(report: &mut Report, slot: Slot, lecture_start: Date, input: &EligibilityInput) {
    let Some(c) = slot.of(input) else { return };
    match slot.check(c) {
        Err(error) => report.add(slot.rule(), RuleStatus::Fail, "※12", error.message(slot, c)),
        Ok(()) if c.completed_on >= lecture_start => report.add(
            slot.rule(),
            RuleStatus::Fail,
            "※12",
            format!("{}の修了日が実践研修の開始日以降になっています", slot.label()),
        ),
        Ok(()) => report.add(
            slot.rule(),
            RuleStatus::Pass,
            "※12",
            format!("{}「{}」{}修了", slot.label(), c.category.label(), jp(c.completed_on)),
        ),
    }
}

/// Evaluates every rule; the lecture start date is the practical training's first day.
/// Dates outside [`crate::dates::Years::PERSONAL`] fail the `date_range` rule and nothing
/// is computed from them.
pub fn evaluate(input: &EligibilityInput, lecture_start: Date) -> Verdict {
    let mut report = Report(Vec::new());
    let mut derived = Derived::default();
    let out_of_range = input.date_issues(lecture_start, "");
    if !out_of_range.is_empty() {
        for issue in out_of_range {
            report.add("date_range", RuleStatus::Fail, "※E", issue.message);
        }
        return Verdict { outcome: Outcome::NotEligible, rules: report.0, derived };
    }
    for slot in Slot::ALL {
        check_slot(&mut report, slot, lecture_start, input);
    }
    derive_dates(input, lecture_start, &mut derived);

    match input.target {
        None => report.add("target", RuleStatus::Fail, "※2", "受講対象（ア・イ・ウ）を選んでください"),
        Some(TargetCategory::U) => renewal_rules(input, lecture_start, &mut report, &mut derived),
        Some(target) => ojt_rules(input, target, &mut report, &mut derived),
    }
    derived.total_label = derived.total.label();

    let statuses: Vec<RuleStatus> = report.0.iter().map(|r| r.status).collect();
    let outcome = if statuses.contains(&RuleStatus::Fail) {
        Outcome::NotEligible
    } else if statuses.contains(&RuleStatus::Warning) {
        Outcome::NeedsReview
    } else {
        Outcome::Eligible
    };
    Verdict { outcome, rules: report.0, derived }
}

/// The dates that follow from what was entered, whatever the target: the OJT ends with the
/// month before the lecture (its five-year window with it), and with ① and ② the basic
/// completion is the later of the two and the OJT starts the day after. A completion whose
/// category does not fit its slot fails that slot's rule and counts for nothing here.
fn derive_dates(input: &EligibilityInput, lecture_start: Date, derived: &mut Derived) {
    derived.ojt_end = end_of_previous_month(lecture_start);
    derived.window_start = derived.ojt_end.and_then(|end| end.next_day()).and_then(|day| years_before(day, 5));
    let fitting = |slot: Slot| slot.of(input).filter(|c| slot.allowed().contains(&c.category));
    if let (Some(consultation), Some(basic)) = (fitting(Slot::Consultation), fitting(Slot::Basic)) {
        let basic_completion = consultation.completed_on.max(basic.completed_on);
        derived.basic_completion = Some(basic_completion);
        derived.ojt_start = basic_completion.next_day();
    }
}

/// ア and イ: OJT after the basic training, inside the five years before the lecture, and
/// the work done in it. Without an OJT period the total is 0 and no working days are
/// required, but the work is still checked.
fn ojt_rules(input: &EligibilityInput, target: TargetCategory, report: &mut Report, derived: &mut Derived) {
    period_rules(input, target, report, derived);
    work_rules(input, target, report, derived);
}

/// The OJT period: its start, end, leave, total and the working days it requires.
fn period_rules(input: &EligibilityInput, target: TargetCategory, report: &mut Report, derived: &mut Derived) {
    let Some(basic_completion) = derived.basic_completion else {
        report.add(
            "basic_completion",
            RuleStatus::Fail,
            "※E",
            "①と②の修了日を入力してください（OJT期間の始期を決めるため）",
        );
        let reference = if target == TargetCategory::A { "※2" } else { "※8" };
        report.add(
            "ojt_length",
            RuleStatus::Fail,
            reference,
            "①と②の修了日がないため、OJT期間を数えられません（0日として扱います）",
        );
        return;
    };
    let (Some(ojt_start), Some(ojt_end), Some(window_start)) =
        (derived.ojt_start, derived.ojt_end, derived.window_start)
    else {
        return out_of_calendar(report);
    };
    report.add(
        "basic_completion",
        RuleStatus::Pass,
        "※E",
        format!(
            "基礎研修修了日は{}（①②の遅い方）、OJT期間は{}から{}まで",
            jp(basic_completion),
            jp(ojt_start),
            jp(ojt_end)
        ),
    );

    let mut start = ojt_start;
    if let Some(given) = input.ojt_start {
        if given < ojt_start {
            report.add(
                "ojt_start",
                RuleStatus::Fail,
                "※E",
                format!("OJT期間の始期は基礎研修修了日の翌日（{}）以降です", jp(ojt_start)),
            );
        }
        start = start.max(given);
    }
    let mut end = ojt_end;
    if let Some(given) = input.ojt_end {
        if given > ojt_end {
            report.add(
                "ojt_end",
                RuleStatus::Warning,
                "※E",
                format!("OJT期間は実践研修の受講前月末（{}）までで数えます", jp(ojt_end)),
            );
        }
        end = end.min(given);
    }
    if basic_completion < window_start {
        report.add(
            "five_year_window",
            RuleStatus::Warning,
            "※2",
            format!(
                "基礎研修の修了が実践研修前の5年間（{}〜{}）より前です。{}より前のOJTは数えません。指定権者にご確認ください",
                jp(window_start),
                jp(ojt_end),
                jp(window_start)
            ),
        );
    }
    start = start.max(window_start);

    let mut leaves: Vec<(Date, Date)> = Vec::new();
    for leave in &input.leave_periods {
        if leave.end < leave.start {
            report.add("leave_periods", RuleStatus::Fail, "※E", "休職期間の終わりが始まりより前になっています");
            return;
        }
        // Overlapping, nested or adjacent leaves act as one, and leave outside the OJT
        // counts for nothing: `subtract` takes each day away once, inside the OJT only.
        leaves.push((leave.start, leave.end));
    }
    let parts = if start <= end { subtract(start, end, &leaves) } else { vec![] };
    derived.periods = parts
        .iter()
        .filter_map(|(s, e)| {
            period_between(*s, *e).map(|length| CountedPeriod {
                start: *s,
                end: *e,
                length,
                calendar_days: calendar_days(*s, *e),
            })
        })
        .collect();
    derived.total = sum(&derived.periods.iter().map(|p| p.length).collect::<Vec<_>>());
    derived.calendar_days = derived.periods.iter().map(|p| p.calendar_days).sum();
    derived.required_working_days = 180u32.saturating_mul(derived.calendar_days).div_ceil(365);

    let total = derived.total.label();
    match target {
        TargetCategory::A => report.check(
            "ojt_length",
            derived.total.at_least(2, 0),
            "※2",
            format!("OJT期間は{total}で、2年以上です"),
            format!("OJT期間が{total}で、2年に足りません"),
        ),
        _ => report.check(
            "ojt_length",
            derived.total.at_least(0, 6),
            "※8",
            format!("OJT期間は{total}で、6ヶ月以上です"),
            format!("OJT期間が{total}で、6ヶ月に足りません"),
        ),
    }
}

/// The working days and activities in the OJT (※2, ※6, ※7, ※8).
fn work_rules(input: &EligibilityInput, target: TargetCategory, report: &mut Report, derived: &Derived) {
    match input.working_days {
        None => report.add("working_days", RuleStatus::Fail, "※E", "OJT期間の勤務日数を入力してください"),
        Some(days) => report.check(
            "working_days",
            days >= derived.required_working_days,
            "※7",
            format!("勤務日数{days}日は、1年あたり180日以上（必要{}日）を満たします", derived.required_working_days),
            format!("勤務日数{days}日では、1年あたり180日以上（必要{}日）に足りません", derived.required_working_days),
        ),
    }
    match target {
        TargetCategory::A => report.check(
            "activities",
            input.consultation_work || input.direct_support,
            "※2",
            "相談支援業務又は直接支援業務に従事しています".into(),
            "対象アは、OJT期間に相談支援業務又は直接支援業務に従事していることが必要です".into(),
        ),
        _ => {
            report.check(
                "activities",
                input.plan_creation,
                "※6",
                "個別支援計画作成業務に従事しています".into(),
                "対象イは、OJT期間に個別支援計画作成業務に従事していることが必要です".into(),
            );
            report.check(
                "six_month_requirements",
                input.six_month_requirements,
                "※8",
                "【OJT6ヶ月要件】①〜③をすべて満たしています".into(),
                "対象イは、【OJT6ヶ月要件】①〜③をすべて満たす必要があります".into(),
            );
        }
    }
}

/// A date the rules would compute lies outside the calendar (unreachable through
/// [`evaluate`], which refuses such input first; kept so that no input panics).
fn out_of_calendar(report: &mut Report) {
    report.add(
        "date_range",
        RuleStatus::Fail,
        "※E",
        "日付が計算できる範囲を超えています。入力した日付をご確認ください",
    );
}

/// ウ: a practical or renewal completion (or the transitional status) whose renewal
/// deadline passed before the lecture. The deadline comes from every completion coded h
/// (実践) or i (更新) wherever it was entered, and never from another code (a j entered in ④
/// fails that slot's rule and extends nothing).
fn renewal_rules(input: &EligibilityInput, lecture_start: Date, report: &mut Report, derived: &mut Derived) {
    let latest = [input.consultation, input.basic, input.practical, input.renewal]
        .into_iter()
        .flatten()
        .filter(|c| matches!(c.category, TrainingName::H | TrainingName::I))
        .map(|c| c.completed_on)
        .max();
    let transitional = input.transitional.then_some(TRANSITIONAL_DEADLINE);
    let deadline = [latest.map(renewal_deadline), transitional].into_iter().flatten().max();
    let Some(deadline) = deadline else {
        report.add(
            "renewal_basis",
            RuleStatus::Fail,
            "※2",
            "対象ウは、③実践研修・④更新研修の修了歴、又は更新研修の経過措置の対象であることが必要です",
        );
        return;
    };
    derived.renewal_deadline = Some(deadline);
    report.check(
        "renewal_deadline",
        deadline < lecture_start,
        "※11",
        format!("更新の期限（{}）を過ぎています", jp(deadline)),
        format!("更新の期限（{}）内のため、実践研修ではなく更新研修の対象です", jp(deadline)),
    );
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::eligibility::{Completion, LeavePeriod, Ymd};

    fn completion(category: TrainingName, completed_on: Date) -> Option<Completion> {
        Some(Completion { category, completed_on })
    }

    fn failed(verdict: &Verdict) -> Vec<&str> {
        verdict.rules.iter().filter(|r| r.status == RuleStatus::Fail).map(|r| r.rule.as_ref()).collect()
    }

    /// Seed 003, 対象ア: two periods around a four-month leave.
    fn seed_a() -> EligibilityInput {
        EligibilityInput {
            target: Some(TargetCategory::A),
            consultation: completion(TrainingName::E, date!(2019 - 12 - 15)),
            basic: completion(TrainingName::G, date!(2019 - 11 - 02)),
            ojt_start: Some(date!(2019 - 12 - 16)),
            ojt_end: Some(date!(2022 - 05 - 31)),
            working_days: Some(541),
            direct_support: true,
            leave_periods: vec![LeavePeriod { start: date!(2020 - 12 - 01), end: date!(2021 - 03 - 31) }],
            ..Default::default()
        }
    }

    #[test]
    fn seed_example_a_is_eligible_with_2y1m15d() {
        let v = evaluate(&seed_a(), date!(2022 - 06 - 06));
        assert_eq!(v.outcome, Outcome::Eligible, "{:#?}", v.rules);
        let d = &v.derived;
        assert_eq!(d.ojt_start, Some(date!(2019 - 12 - 16)));
        assert_eq!(d.ojt_end, Some(date!(2022 - 05 - 31)));
        assert_eq!(d.window_start, Some(date!(2017 - 06 - 01)));
        let lengths: Vec<Ymd> = d.periods.iter().map(|p| p.length).collect();
        assert_eq!(lengths, [Ymd::new(0, 11, 15), Ymd::new(1, 2, 0)]);
        assert_eq!(d.total, Ymd::new(2, 1, 15));
        assert_eq!(d.total_label, "2年1ヶ月15日");
        assert_eq!(d.calendar_days, 351 + 426);
        assert_eq!(d.required_working_days, 384);
    }

    #[test]
    fn seed_example_i_is_eligible_with_0y7m16d() {
        let input = EligibilityInput {
            target: Some(TargetCategory::I),
            consultation: completion(TrainingName::E, date!(2023 - 02 - 20)),
            basic: completion(TrainingName::G, date!(2023 - 03 - 15)),
            ojt_start: Some(date!(2023 - 03 - 16)),
            ojt_end: Some(date!(2023 - 10 - 31)),
            working_days: Some(156),
            plan_creation: true,
            six_month_requirements: true,
            ..Default::default()
        };
        let v = evaluate(&input, date!(2023 - 11 - 06));
        assert_eq!(v.outcome, Outcome::Eligible, "{:#?}", v.rules);
        assert_eq!(v.derived.total, Ymd::new(0, 7, 16));
        assert_eq!(v.derived.required_working_days, 114);
        let without_requirements = EligibilityInput { six_month_requirements: false, plan_creation: false, ..input };
        let v = evaluate(&without_requirements, date!(2023 - 11 - 06));
        assert_eq!(failed(&v), ["activities", "six_month_requirements"]);
    }

    #[test]
    fn seed_example_u_fails_only_on_its_illustrative_dates() {
        let input = EligibilityInput {
            target: Some(TargetCategory::U),
            consultation: completion(TrainingName::E, date!(2000 - 10 - 30)),
            basic: completion(TrainingName::F, date!(2000 - 12 - 20)),
            transitional: true,
            ..Default::default()
        };
        let v = evaluate(&input, date!(2025 - 06 - 02));
        assert_eq!(failed(&v), ["slot_consultation", "slot_basic"]);
        assert_eq!(v.outcome, Outcome::NotEligible);
        assert_eq!(v.derived.renewal_deadline, Some(date!(2024 - 03 - 31)));
        assert!(v.rules.iter().any(|r| r.rule == "renewal_deadline" && r.status == RuleStatus::Pass));
        assert_eq!(v.derived.total, Ymd::default(), "OJT fields are 0 for ウ");
    }

    #[test]
    fn one_day_short_of_two_years_is_not_a() {
        let input = EligibilityInput {
            consultation: completion(TrainingName::E, date!(2020 - 06 - 01)),
            basic: completion(TrainingName::G, date!(2020 - 05 - 20)),
            ojt_start: None,
            ojt_end: None,
            leave_periods: vec![],
            working_days: Some(400),
            ..seed_a()
        };
        let v = evaluate(&input, date!(2022 - 06 - 06));
        assert_eq!(v.derived.total, Ymd::new(1, 11, 30));
        assert_eq!(failed(&v), ["ojt_length"]);
    }

    #[test]
    fn too_few_working_days_fail_the_prorated_rule() {
        let v = evaluate(&EligibilityInput { working_days: Some(383), ..seed_a() }, date!(2022 - 06 - 06));
        assert_eq!(failed(&v), ["working_days"]);
        assert!(v.rules.iter().any(|r| r.reference == "※7"));
    }

    #[test]
    fn an_old_basic_completion_counts_only_five_years_and_asks_for_review() {
        let input = EligibilityInput {
            consultation: completion(TrainingName::E, date!(2015 - 05 - 10)),
            basic: completion(TrainingName::F, date!(2015 - 06 - 30)),
            ojt_start: None,
            ojt_end: None,
            leave_periods: vec![],
            working_days: Some(1200),
            ..seed_a()
        };
        let v = evaluate(&input, date!(2022 - 06 - 06));
        assert_eq!(v.derived.periods[0].start, date!(2017 - 06 - 01));
        assert_eq!(v.derived.total, Ymd::new(5, 0, 0));
        assert_eq!(v.outcome, Outcome::NeedsReview);
        assert!(v.rules.iter().any(|r| r.rule == "five_year_window" && r.status == RuleStatus::Warning));
    }

    #[test]
    fn renewal_deadlines_follow_fiscal_years() {
        assert_eq!(renewal_deadline(date!(2021 - 10 - 01)), date!(2027 - 03 - 31));
        assert_eq!(renewal_deadline(date!(2022 - 03 - 31)), date!(2027 - 03 - 31));
        assert_eq!(renewal_deadline(date!(2022 - 04 - 01)), date!(2028 - 03 - 31));
        assert_eq!(renewal_deadline(date!(9999 - 12 - 31)), Date::MAX);
        let within = EligibilityInput {
            target: Some(TargetCategory::U),
            practical: completion(TrainingName::H, date!(2021 - 10 - 01)),
            ..Default::default()
        };
        let v = evaluate(&within, date!(2026 - 06 - 01));
        assert_eq!(failed(&v), ["renewal_deadline"]);
        assert!(v.rules.iter().any(|r| r.message.contains("更新研修の対象")));
        let passed = evaluate(&within, date!(2027 - 04 - 05));
        assert_eq!(passed.outcome, Outcome::Eligible);
        // The transitional 2024-03-31 applies only when it is the later deadline.
        let both = EligibilityInput { transitional: true, ..within };
        assert_eq!(evaluate(&both, date!(2026 - 06 - 01)).derived.renewal_deadline, Some(date!(2027 - 03 - 31)));
    }

    #[test]
    fn derived_dates_are_returned_whenever_their_inputs_exist_whatever_the_target() {
        let lecture = date!(2022 - 06 - 06);
        let (ojt_end, window_start) = (Some(date!(2022 - 05 - 31)), Some(date!(2017 - 06 - 01)));
        let without_basic = EligibilityInput { basic: None, ..seed_a() };
        // (case, input, basic completion, OJT start, failed rules)
        let cases = [
            ("ア", seed_a(), Some(date!(2019 - 12 - 15)), Some(date!(2019 - 12 - 16)), vec![]),
            (
                "ウ keeps the basic completion",
                EligibilityInput { target: Some(TargetCategory::U), transitional: true, ..seed_a() },
                Some(date!(2019 - 12 - 15)),
                Some(date!(2019 - 12 - 16)),
                vec!["renewal_deadline"],
            ),
            ("ア without ②", without_basic.clone(), None, None, vec!["basic_completion", "ojt_length"]),
            (
                "イ without ②",
                EligibilityInput { target: Some(TargetCategory::I), ..without_basic.clone() },
                None,
                None,
                vec!["basic_completion", "ojt_length", "activities", "six_month_requirements"],
            ),
            (
                "ア with a j in ② counts no basic completion",
                EligibilityInput { basic: completion(TrainingName::J, date!(2023 - 10 - 01)), ..seed_a() },
                None,
                None,
                vec!["slot_basic", "basic_completion", "ojt_length"],
            ),
            ("no target", EligibilityInput { target: None, ..without_basic }, None, None, vec!["target"]),
        ];
        for (name, input, basic_completion, ojt_start, failures) in cases {
            let v = evaluate(&input, lecture);
            assert_eq!((v.derived.ojt_end, v.derived.window_start), (ojt_end, window_start), "{name}");
            assert_eq!((v.derived.basic_completion, v.derived.ojt_start), (basic_completion, ojt_start), "{name}");
            assert_eq!(failed(&v), failures, "{name}");
            if !failures.is_empty() {
                assert_eq!((v.derived.total, v.derived.required_working_days), (Ymd::default(), 0), "{name}");
            }
        }
    }

    #[test]
    fn the_u_deadline_comes_from_h_and_i_wherever_entered_and_from_nothing_else() {
        let lecture = date!(2026 - 06 - 01);
        let u = |practical, renewal| EligibilityInput {
            target: Some(TargetCategory::U),
            practical,
            renewal,
            ..Default::default()
        };
        let h_2021 = completion(TrainingName::H, date!(2021 - 10 - 01));
        let h_2022 = completion(TrainingName::H, date!(2022 - 10 - 01));
        let j_2023 = completion(TrainingName::J, date!(2023 - 10 - 01));
        // (case, input, deadline, slot rules that fail)
        let cases = [
            ("h in ③", u(h_2021, None), Some(date!(2027 - 03 - 31)), vec![]),
            (
                "i in ④",
                u(None, completion(TrainingName::I, date!(2019 - 10 - 01))),
                Some(date!(2025 - 03 - 31)),
                vec![],
            ),
            ("j in ④ extends nothing", u(h_2021, j_2023), Some(date!(2027 - 03 - 31)), vec!["slot_renewal"]),
            ("j alone is no basis", u(None, j_2023), None, vec!["slot_renewal"]),
            (
                "h entered in ① still counts",
                EligibilityInput { consultation: h_2022, ..u(h_2021, None) },
                Some(date!(2028 - 03 - 31)),
                vec!["slot_consultation"],
            ),
        ];
        for (name, input, deadline, slot_failures) in cases {
            let v = evaluate(&input, lecture);
            assert_eq!(v.derived.renewal_deadline, deadline, "{name}");
            let slots: Vec<&str> = failed(&v).into_iter().filter(|r| r.starts_with("slot_")).collect();
            assert_eq!(slots, slot_failures, "{name}");
        }
    }

    #[test]
    fn categories_must_fit_their_slot_and_years() {
        let wrong_slot =
            EligibilityInput { consultation: completion(TrainingName::G, date!(2019 - 12 - 15)), ..seed_a() };
        let v = evaluate(&wrong_slot, date!(2022 - 06 - 06));
        assert!(failed(&v).contains(&"slot_consultation"));
        let wrong_year =
            EligibilityInput { consultation: completion(TrainingName::D, date!(2019 - 12 - 15)), ..seed_a() };
        let v = evaluate(&wrong_year, date!(2022 - 06 - 06));
        assert!(v.rules.iter().any(|r| r.rule == "slot_consultation" && r.message.contains("2007〜2011年度")));
    }

    #[test]
    fn leave_periods_count_each_day_once_and_only_inside_the_ojt() {
        let leave = |start, end| LeavePeriod { start, end };
        let baseline = evaluate(&seed_a(), date!(2022 - 06 - 06));
        let cases = [
            (
                "overlapping",
                vec![
                    leave(date!(2020 - 12 - 01), date!(2021 - 02 - 15)),
                    leave(date!(2021 - 02 - 01), date!(2021 - 03 - 31)),
                ],
            ),
            (
                "nested",
                vec![
                    leave(date!(2020 - 12 - 01), date!(2021 - 03 - 31)),
                    leave(date!(2021 - 01 - 10), date!(2021 - 01 - 20)),
                ],
            ),
            (
                "adjacent",
                vec![
                    leave(date!(2020 - 12 - 01), date!(2021 - 01 - 31)),
                    leave(date!(2021 - 02 - 01), date!(2021 - 03 - 31)),
                ],
            ),
            ("twice the same", vec![leave(date!(2020 - 12 - 01), date!(2021 - 03 - 31)); 2]),
            (
                "one outside the OJT",
                vec![
                    leave(date!(2020 - 12 - 01), date!(2021 - 03 - 31)),
                    leave(date!(2010 - 04 - 01), date!(2011 - 03 - 31)),
                ],
            ),
        ];
        for (name, leave_periods) in cases {
            let verdict = evaluate(&EligibilityInput { leave_periods, ..seed_a() }, date!(2022 - 06 - 06));
            assert_eq!(verdict.derived, baseline.derived, "{name}");
            assert_eq!(verdict.outcome, baseline.outcome, "{name}");
            assert!(!failed(&verdict).contains(&"leave_periods"), "{name}");
        }
    }

    #[test]
    fn a_date_outside_the_years_fails_one_rule_and_computes_nothing() {
        let far = EligibilityInput { consultation: completion(TrainingName::E, date!(9999 - 12 - 31)), ..seed_a() };
        let v = evaluate(&far, date!(2022 - 06 - 06));
        assert_eq!(failed(&v), ["date_range"]);
        assert!(v.rules[0].message.starts_with("①相談支援の修了年月日は1900年から2100年まで"), "{:?}", v.rules);
        assert_eq!(v.derived, Derived::default());
        assert_eq!(failed(&evaluate(&seed_a(), date!(9999 - 12 - 31))), ["date_range"]);
    }

    fn any_day() -> impl Strategy<Value = Date> {
        prop_oneof![
            Just(Date::MIN),
            Just(Date::MAX),
            (Date::MIN.to_julian_day()..=Date::MAX.to_julian_day()).prop_map(|d| Date::from_julian_day(d).unwrap()),
            (date!(1900 - 01 - 01).to_julian_day()..=date!(2100 - 12 - 31).to_julian_day())
                .prop_map(|d| Date::from_julian_day(d).unwrap()),
        ]
    }

    proptest! {
        /// Whatever the dates, the rules answer; they never panic.
        #[test]
        fn evaluation_returns_for_any_dates(
            dates in proptest::collection::vec(any_day(), 10),
            target in prop_oneof![Just(TargetCategory::A), Just(TargetCategory::I), Just(TargetCategory::U)],
            transitional in any::<bool>(),
        ) {
            let input = EligibilityInput {
                target: Some(target),
                consultation: completion(TrainingName::E, dates[0]),
                basic: completion(TrainingName::G, dates[1]),
                practical: completion(TrainingName::H, dates[2]),
                renewal: completion(TrainingName::I, dates[3]),
                transitional,
                ojt_start: Some(dates[4]),
                ojt_end: Some(dates[5]),
                working_days: Some(u32::MAX),
                leave_periods: vec![LeavePeriod { start: dates[6], end: dates[7] }],
                ..Default::default()
            };
            let verdict = evaluate(&input, dates[8]);
            prop_assert!(!verdict.rules.is_empty());
            let _ = (renewal_deadline(dates[9]), fiscal_year(dates[9]));
        }
    }
}
