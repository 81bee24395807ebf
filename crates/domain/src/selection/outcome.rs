//! What a 受講可否通知 tells (issue 10, item 3), when attendance and completion may be
//! recorded (item 5), and the counts of a practical training (item 4).

use serde::Serialize;
use time::Date;

use super::application::PracticalApplication;
use super::state::{Decision, PracticalStatus, SelectionState};
use super::steps::Progress;
use crate::eligibility::{Outcome, RuleStatus, Verdict};
use crate::practical::lecture_start;
use crate::time_jp::to_jst;
use crate::training::Training;
use crate::wareki::format_date;
use crate::FieldIssue;

/// A requirement the applicant's entries do not meet, as a letter prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FailedRequirement {
    pub message: String,
    /// ※2, ※E …
    pub reference: String,
}

/// The real outcome a notice states: the decision with its ground.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeGround {
    /// 受講決定 (the schedule is printed beside it).
    Accepted,
    /// 受講不可: the entries do not meet the requirements, rule by rule.
    NotEligible { failed: Vec<FailedRequirement> },
    /// 受講不可: eligible, but there were more applications than places.
    Oversubscribed,
    /// キャンセル待ち, with the place in line when it still waits.
    Waitlisted { position: Option<u32> },
}

impl NoticeGround {
    /// A rejection is for unmet requirements when today's verdict of the entries says so
    /// (the failed rules are named); otherwise the places ran out.
    pub fn of(decision: Decision, verdict: &Verdict, position: Option<u32>) -> Self {
        match decision {
            Decision::Accepted => NoticeGround::Accepted,
            Decision::Waitlisted => NoticeGround::Waitlisted { position },
            Decision::Rejected if verdict.outcome == Outcome::NotEligible => NoticeGround::NotEligible {
                failed: verdict
                    .rules
                    .iter()
                    .filter(|r| r.status == RuleStatus::Fail)
                    .map(|r| FailedRequirement { message: r.message.clone(), reference: r.reference.to_string() })
                    .collect(),
            },
            Decision::Rejected => NoticeGround::Oversubscribed,
        }
    }

    /// In a mail subject or on My Page.
    pub fn label(&self) -> &'static str {
        match self {
            NoticeGround::Accepted => "受講決定",
            NoticeGround::NotEligible { .. } => "受講不可（受講要件を満たしていないため）",
            NoticeGround::Oversubscribed => "受講不可（申込多数のため）",
            NoticeGround::Waitlisted { .. } => "キャンセル待ち",
        }
    }
}

/// What the applicant's My Page says of their application: a decision only once its
/// notice has been sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicantStatus {
    /// 受付済み
    Received,
    /// 選考中 (also while a decision waits for its notice)
    InSelection,
    /// 受講決定 (attended too)
    Accepted,
    /// キャンセル待ち
    Waitlisted,
    /// 受講不可
    Rejected,
    /// 修了
    Completed,
    /// キャンセル済み
    Cancelled,
}

impl ApplicantStatus {
    pub fn of(state: SelectionState) -> Self {
        use PracticalStatus as S;
        match (state.status(), state.decision()) {
            (S::Submitted, _) => ApplicantStatus::Received,
            (S::UnderReview | S::Decided, _) => ApplicantStatus::InSelection,
            (S::Notified, Some(Decision::Waitlisted)) => ApplicantStatus::Waitlisted,
            (S::Notified, Some(Decision::Rejected)) => ApplicantStatus::Rejected,
            (S::Notified | S::Attended, _) => ApplicantStatus::Accepted,
            (S::Completed, _) => ApplicantStatus::Completed,
            (S::Cancelled, _) => ApplicantStatus::Cancelled,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ApplicantStatus::Received => "受付済み",
            ApplicantStatus::InSelection => "選考中",
            ApplicantStatus::Accepted => "受講決定",
            ApplicantStatus::Waitlisted => "キャンセル待ち",
            ApplicantStatus::Rejected => "受講不可",
            ApplicantStatus::Completed => "修了",
            ApplicantStatus::Cancelled => "キャンセル済み",
        }
    }

    /// The applicant may still withdraw: not once refused, completed or cancelled.
    pub fn can_cancel(self) -> bool {
        !matches!(self, ApplicantStatus::Rejected | ApplicantStatus::Completed | ApplicantStatus::Cancelled)
    }
}

/// A failed requirement in one line: 「…（※E）」.
pub fn requirement_line(r: &FailedRequirement) -> String {
    if r.reference.is_empty() {
        r.message.clone()
    } else {
        format!("{}（{}）", r.message, r.reference)
    }
}

/// 文書番号 of a 受講可否通知: the training's own series, e.g. 実践研修第12-3号.
pub fn letter_number(training_id: i32, sequence: i32) -> String {
    format!("実践研修第{training_id}-{sequence}号")
}

/// The training's period in Japan: the first lecture day to the last day of the lectures
/// or of any exercise schedule.
pub fn training_period(training: &Training) -> (Date, Date) {
    let plan = &training.plan;
    let last =
        plan.exercise_schedules.iter().map(|s| to_jst(s.ends_at).date()).fold(to_jst(plan.ends_at).date(), Date::max);
    (lecture_start(training), last)
}

/// Whether attendance (from the first day of the training to its last) or completion (on
/// or after its last day) may be recorded on `on`; never a day after `today`.
pub fn check_progress_date(
    progress: Progress,
    on: Date,
    (first, last): (Date, Date),
    today: Date,
) -> Result<(), FieldIssue> {
    let issue = |code: &'static str, message: String| Err(FieldIssue::new("on", code, message));
    if on > today {
        return issue("future", format!("本日（{}）より後の日付は記録できません", format_date(today)));
    }
    match progress {
        Progress::Attend if on < first => {
            issue("before_training", format!("出席は研修の初日（{}）から記録できます", format_date(first)))
        }
        Progress::Attend if on > last => issue(
            "after_training",
            format!("出席は研修期間（{}〜{}）の日付で記録してください", format_date(first), format_date(last)),
        ),
        Progress::Complete if on < last => {
            issue("before_last_day", format!("修了は研修の最終日（{}）以降に記録できます", format_date(last)))
        }
        _ => Ok(()),
    }
}

/// Applications, acceptances and seats left of a practical training or one schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    /// Applications not cancelled.
    pub applications: u32,
    /// 受講決定 holding a seat (not cancelled).
    pub accepted: u32,
    pub capacity: u32,
    pub seats_left: u32,
}

/// The counts of one exercise schedule: applicants who prefer it, acceptances on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduleTally {
    pub schedule_id: i32,
    pub label: String,
    #[serde(flatten)]
    pub tally: Tally,
}

/// The counts of a practical training (its capacity is the plan's), and of each schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticalCounts {
    #[serde(flatten)]
    pub total: Tally,
    pub schedules: Vec<ScheduleTally>,
}

/// What counting reads of an application: its state, the schedule of the seat it holds,
/// the schedule it prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeatClaim {
    pub state: SelectionState,
    pub schedule_id: Option<i32>,
    pub preferred_schedule_id: Option<i32>,
}

impl SeatClaim {
    pub fn of(a: &PracticalApplication) -> Self {
        SeatClaim { state: a.state, schedule_id: a.schedule_id, preferred_schedule_id: a.form.preferred_schedule_id }
    }
}

/// Counts `applications` of `training`.
pub fn tally(training: &Training, applications: &[PracticalApplication]) -> PracticalCounts {
    tally_claims(training, &applications.iter().map(SeatClaim::of).collect::<Vec<_>>())
}

/// Counts the claims of a training's applications. An application counts for a schedule
/// when it holds a seat there or, not accepted, prefers it.
pub fn tally_claims(training: &Training, claims: &[SeatClaim]) -> PracticalCounts {
    let live: Vec<&SeatClaim> = claims.iter().filter(|a| a.state.status() != PracticalStatus::Cancelled).collect();
    let make = |capacity: i32, applications: usize, accepted: usize| {
        let capacity = capacity.max(0) as u32;
        let accepted = accepted as u32;
        Tally { applications: applications as u32, accepted, capacity, seats_left: capacity.saturating_sub(accepted) }
    };
    let total = make(training.plan.capacity, live.len(), live.iter().filter(|a| a.state.holds_seat()).count());
    let schedules = training
        .plan
        .exercise_schedules
        .iter()
        .filter_map(|s| Some((s.id?, s)))
        .map(|(id, s)| {
            let holds = |a: &&&SeatClaim| a.state.holds_seat() && a.schedule_id == Some(id);
            let wants = |a: &&&SeatClaim| !a.state.holds_seat() && a.preferred_schedule_id == Some(id);
            let applications = live.iter().filter(|a| holds(a) || wants(a)).count();
            let accepted = live.iter().filter(holds).count();
            ScheduleTally { schedule_id: id, label: s.label.clone(), tally: make(s.capacity, applications, accepted) }
        })
        .collect();
    PracticalCounts { total, schedules }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::eligibility::RuleResult;
    use crate::practical::PlanCategory::*;
    use crate::selection::fixtures::{applicant, decided, practical_training, S1, S2};

    fn verdict(outcome: Outcome, failed: &[(&'static str, &'static str)]) -> Verdict {
        let mut rules = vec![RuleResult {
            rule: "ok".into(),
            status: RuleStatus::Pass,
            message: "満たしています".into(),
            reference: "※1".into(),
        }];
        rules.extend(failed.iter().map(|(m, r)| RuleResult {
            rule: "x".into(),
            status: RuleStatus::Fail,
            message: (*m).into(),
            reference: (*r).into(),
        }));
        Verdict { outcome, rules, derived: Default::default() }
    }

    #[test]
    fn each_notice_states_its_real_ground() {
        let eligible = verdict(Outcome::Eligible, &[]);
        let not = verdict(Outcome::NotEligible, &[("実務経験が3年に足りません", "※2")]);
        let review = verdict(Outcome::NeedsReview, &[]);
        let cases = [
            (Decision::Accepted, &not, None, NoticeGround::Accepted),
            (Decision::Waitlisted, &eligible, Some(2), NoticeGround::Waitlisted { position: Some(2) }),
            (Decision::Rejected, &eligible, None, NoticeGround::Oversubscribed),
            (Decision::Rejected, &review, None, NoticeGround::Oversubscribed),
            (
                Decision::Rejected,
                &not,
                None,
                NoticeGround::NotEligible {
                    failed: vec![FailedRequirement {
                        message: "実務経験が3年に足りません".into(),
                        reference: "※2".into(),
                    }],
                },
            ),
        ];
        for (decision, verdict, position, expected) in cases {
            assert_eq!(NoticeGround::of(decision, verdict, position), expected, "{decision:?}");
        }
        assert_eq!(
            requirement_line(&FailedRequirement { message: "不足".into(), reference: "※E".into() }),
            "不足（※E）"
        );
        assert_eq!(letter_number(12, 3), "実践研修第12-3号");
    }

    #[test]
    fn the_applicant_learns_a_decision_once_it_is_sent() {
        use ApplicantStatus as A;
        use Decision::*;
        use PracticalStatus::*;
        let cases = [
            (Submitted, None, A::Received, true),
            (UnderReview, None, A::InSelection, true),
            (Decided, Some(Rejected), A::InSelection, true),
            (Notified, Some(Accepted), A::Accepted, true),
            (Notified, Some(Waitlisted), A::Waitlisted, true),
            (Notified, Some(Rejected), A::Rejected, false),
            (Attended, Some(Accepted), A::Accepted, true),
            (Completed, Some(Accepted), A::Completed, false),
            (Cancelled, Some(Accepted), A::Cancelled, false),
        ];
        for (status, decision, expected, can_cancel) in cases {
            let got = ApplicantStatus::of(SelectionState::new(status, decision).unwrap());
            assert_eq!((got, got.can_cancel()), (expected, can_cancel), "{status:?} {decision:?}");
        }
        assert_eq!(ApplicantStatus::InSelection.label(), "選考中");
    }

    #[test]
    fn attendance_from_the_first_day_completion_from_the_last() {
        // Lectures 2022-06-06/07, exercises up to 2022-07-11.
        let period = training_period(&practical_training(2, false));
        assert_eq!(period, (date!(2022 - 06 - 06), date!(2022 - 07 - 11)));
        let today = date!(2022 - 08 - 01);
        let cases = [
            (Progress::Attend, date!(2022 - 06 - 05), Some("before_training")),
            (Progress::Attend, date!(2022 - 06 - 06), None),
            (Progress::Attend, date!(2022 - 07 - 11), None),
            (Progress::Attend, date!(2022 - 07 - 12), Some("after_training")),
            (Progress::Attend, date!(2022 - 08 - 02), Some("future")),
            (Progress::Complete, date!(2022 - 06 - 06), Some("before_last_day")),
            (Progress::Complete, date!(2022 - 07 - 10), Some("before_last_day")),
            (Progress::Complete, date!(2022 - 07 - 11), None),
            (Progress::Complete, date!(2022 - 08 - 01), None),
            (Progress::Complete, date!(2022 - 08 - 02), Some("future")),
        ];
        for (progress, on, expected) in cases {
            let got = check_progress_date(progress, on, period, today).err().map(|i| i.code);
            assert_eq!(got, expected, "{progress:?} {on}");
        }
        let issue = check_progress_date(Progress::Attend, date!(2022 - 06 - 01), period, today).unwrap_err();
        assert_eq!(issue.field, "on");
        assert!(issue.message.contains("令和4年6月6日"), "{}", issue.message);
    }

    #[test]
    fn counts_follow_applications_acceptances_and_cancellations() {
        let training = practical_training(2, true);
        let accepted = |id, s| decided(applicant(id, Reduction, Some(s), false), Decision::Accepted, Some(s));
        let cancelled = accepted(4, S1).with_state(PracticalStatus::Cancelled, Some(Decision::Accepted));
        let apps = vec![
            accepted(1, S1),
            accepted(2, S2),
            applicant(3, Reduction, Some(S1), false),
            cancelled,
            applicant(5, Reduction, None, false),
        ];
        let counts = tally(&training, &apps);
        assert_eq!(counts.total, Tally { applications: 4, accepted: 2, capacity: 4, seats_left: 2 });
        assert_eq!(counts.schedules[0].tally, Tally { applications: 2, accepted: 1, capacity: 2, seats_left: 1 });
        assert_eq!(counts.schedules[1].tally, Tally { applications: 1, accepted: 1, capacity: 2, seats_left: 1 });
        assert_eq!(tally(&training, &[]).total.seats_left, 4);
    }
}
