//! 選考 (selection) of Hokkaido practical-training applications: status, proposed order and
//! allocation to exercise schedules (SPEC §5.4).
//!
//! **State model.** An application's state is a [`SelectionState`]: a [`PracticalStatus`]
//! *and* a separate [`Decision`] (受講決定 / キャンセル待ち / 受講不可). The status says how far
//! the application has moved (`submitted, under_review, decided, notified, attended,
//! completed, cancelled`); the decision says what staff decided. Keeping them apart means
//! "notified" never loses the decision, a waitlisted applicant promoted later is simply
//! re-decided (`notified` → `decided`, accepted, awaiting a new notice), and a cancellation
//! still shows what had been decided. One combined status (`notified_accepted`, …) would
//! need three copies of every post-decision state for the same information.
//!
//! Stored as two columns: `status` ([`PracticalStatus::as_str`]) and a nullable `decision`
//! ([`Decision::as_str`]). [`SelectionState::new`] checks that a loaded pair is consistent.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use crate::practical::PlanCategory;
use crate::time_jp::to_jst;
use crate::{Catalogued, ErrorCode};

/// How far a practical-training application has moved through selection (SPEC §5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PracticalStatus {
    /// 受付済み
    Submitted,
    /// 審査中
    UnderReview,
    /// Decided, the notice (受講可否通知) not sent yet.
    Decided,
    /// The notice of the current decision has been sent.
    Notified,
    /// Attended the training (accepted only).
    Attended,
    /// 修了
    Completed,
    /// キャンセル: withdrawn by the applicant or by staff; the decision, if any, is kept.
    Cancelled,
}

impl PracticalStatus {
    pub const ALL: [PracticalStatus; 7] = [
        PracticalStatus::Submitted,
        PracticalStatus::UnderReview,
        PracticalStatus::Decided,
        PracticalStatus::Notified,
        PracticalStatus::Attended,
        PracticalStatus::Completed,
        PracticalStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PracticalStatus::Submitted => "submitted",
            PracticalStatus::UnderReview => "under_review",
            PracticalStatus::Decided => "decided",
            PracticalStatus::Notified => "notified",
            PracticalStatus::Attended => "attended",
            PracticalStatus::Completed => "completed",
            PracticalStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The status alone; [`SelectionState::label`] also names the decision.
    pub fn label(self) -> &'static str {
        match self {
            PracticalStatus::Submitted => "受付済み",
            PracticalStatus::UnderReview => "審査中",
            PracticalStatus::Decided => "決定（未通知）",
            PracticalStatus::Notified => "通知済み",
            PracticalStatus::Attended => "受講済み",
            PracticalStatus::Completed => "修了",
            PracticalStatus::Cancelled => "キャンセル",
        }
    }

    /// Whether this status needs a decision (and `Submitted` / `UnderReview` forbid one).
    fn has_decision(self) -> bool {
        matches!(
            self,
            PracticalStatus::Decided
                | PracticalStatus::Notified
                | PracticalStatus::Attended
                | PracticalStatus::Completed
        )
    }
}

/// 受講可否: what staff decided about an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 受講決定
    Accepted,
    /// キャンセル待ち
    Waitlisted,
    /// 受講不可
    Rejected,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Accepted, Decision::Waitlisted, Decision::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::Waitlisted => "waitlisted",
            Decision::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Decision::Accepted => "受講決定",
            Decision::Waitlisted => "キャンセル待ち",
            Decision::Rejected => "受講不可",
        }
    }
}

/// A status with the decision it carries. Built only through [`SelectionState::new`] or
/// [`transition`], so the pair is always consistent: no decision before `decided`, one from
/// `decided` on, `accepted` for `attended` and `completed`, either for `cancelled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelectionState {
    status: PracticalStatus,
    decision: Option<Decision>,
}

impl SelectionState {
    /// A new application: submitted, no decision.
    pub const SUBMITTED: SelectionState = SelectionState { status: PracticalStatus::Submitted, decision: None };

    /// Checks a stored pair of columns.
    pub fn new(status: PracticalStatus, decision: Option<Decision>) -> Result<Self, SelectionError> {
        let consistent = match status {
            PracticalStatus::Cancelled => true,
            PracticalStatus::Attended | PracticalStatus::Completed => decision == Some(Decision::Accepted),
            s => s.has_decision() == decision.is_some(),
        };
        if consistent {
            Ok(SelectionState { status, decision })
        } else {
            Err(SelectionError::Inconsistent { status, decision })
        }
    }

    pub fn status(self) -> PracticalStatus {
        self.status
    }

    pub fn decision(self) -> Option<Decision> {
        self.decision
    }

    /// An accepted application that has not been cancelled takes a seat (and a schedule).
    pub fn holds_seat(self) -> bool {
        self.decision == Some(Decision::Accepted) && self.status != PracticalStatus::Cancelled
    }

    /// What staff see in lists: the decision once there is one, and whether it was sent.
    pub fn label(self) -> &'static str {
        use Decision as D;
        use PracticalStatus as S;
        match (self.status, self.decision) {
            (S::Decided, Some(D::Accepted)) => "受講決定（未通知）",
            (S::Decided, Some(D::Waitlisted)) => "キャンセル待ち（未通知）",
            (S::Decided, Some(D::Rejected)) => "受講不可（未通知）",
            (S::Notified, Some(d)) => d.label(),
            (status, _) => status.label(),
        }
    }
}

/// What staff (or the applicant, for `Cancel`) ask of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SelectionAction {
    /// 審査開始
    StartReview,
    /// Decide, or change the decision before or after its notice (e.g. promotion from the
    /// waiting list). A changed decision needs a new notice.
    Decide(Decision),
    /// The 受講可否通知 of the current decision has been sent.
    Notify,
    /// 出席: an accepted, notified applicant attended.
    Attend,
    /// 修了
    Complete,
    /// キャンセル
    Cancel,
}

/// Why a selection step is refused, or a stored state is unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SelectionError {
    #[error("この申込の状態（{}）では実行できません", from.label())]
    NotAllowed { from: PracticalStatus, action: SelectionAction },
    #[error("受講決定ではない申込は出席にできません")]
    NotAccepted,
    #[error("受講決定の通知を送ってから出席にしてください")]
    NotNotified,
    #[error("申込の状態と受講可否の組み合わせが正しくありません")]
    Inconsistent { status: PracticalStatus, decision: Option<Decision> },
}

impl Catalogued for SelectionError {
    fn code(&self) -> ErrorCode {
        match self {
            SelectionError::NotAllowed { .. } => ErrorCode::InvalidSelectionTransition,
            SelectionError::NotAccepted => ErrorCode::SelectionNotAccepted,
            SelectionError::NotNotified => ErrorCode::SelectionNotNotified,
            // Only a stored state can be inconsistent: the data is broken, not the request.
            SelectionError::Inconsistent { .. } => ErrorCode::InternalError,
        }
    }

    fn detail(&self) -> Option<String> {
        matches!(self, SelectionError::NotAllowed { .. }).then(|| self.to_string())
    }
}

/// The next state, or why not (SPEC §5.4). Deciding again with the same decision changes
/// nothing (the state is returned as is, no new notice needed); a different decision goes
/// back to `decided`. Attending needs an accepted decision whose notice was sent. Completed
/// and cancelled are final.
pub fn transition(current: SelectionState, action: SelectionAction) -> Result<SelectionState, SelectionError> {
    use PracticalStatus as S;
    use SelectionAction as A;
    let with = |status| SelectionState { status, decision: current.decision };
    let accepted = current.decision == Some(Decision::Accepted);
    match (current.status, action) {
        (S::Submitted, A::StartReview) => Ok(with(S::UnderReview)),
        (S::Decided | S::Notified, A::Decide(d)) if current.decision == Some(d) => Ok(current),
        (S::UnderReview | S::Decided | S::Notified, A::Decide(d)) => {
            Ok(SelectionState { status: S::Decided, decision: Some(d) })
        }
        (S::Decided, A::Notify) => Ok(with(S::Notified)),
        (S::Notified, A::Attend) if accepted => Ok(with(S::Attended)),
        (S::Decided, A::Attend) if accepted => Err(SelectionError::NotNotified),
        (S::Decided | S::Notified, A::Attend) => Err(SelectionError::NotAccepted),
        (S::Attended, A::Complete) => Ok(with(S::Completed)),
        (S::Completed | S::Cancelled, A::Cancel) => Err(SelectionError::NotAllowed { from: current.status, action }),
        (_, A::Cancel) => Ok(with(S::Cancelled)),
        (from, action) => Err(SelectionError::NotAllowed { from, action }),
    }
}

/// 不足人数: required − completed, never below zero.
pub fn shortage(required: u32, completed: u32) -> u32 {
    required.saturating_sub(completed)
}

/// One application as the proposed order sees it (配置予定 of the form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i32,
    pub plan_category: PlanCategory,
    /// 必要人数
    pub required_count: u32,
    /// 修了者数
    pub completed_count: u32,
    /// 事業所番号 or name, grouping applications of the same placement office; `None` or
    /// blank: an office of its own.
    pub office_key: Option<String>,
    /// 同一事業所内の優先順位 as stated (1 = first).
    pub office_priority: Option<u32>,
    pub submitted_at: OffsetDateTime,
}

/// A candidate's place in the proposed order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ranked {
    pub id: i32,
    /// 1-based, unique.
    pub rank: u32,
    /// The sort keys for staff, e.g. `減算中・不足2名・事業所内順位1・11/24 10:03受付`.
    pub reason: String,
}

/// The proposed order (SPEC §5.4): plan-category urgency, then shortage (larger first), then
/// the position within the office, then submission time, then id.
///
/// The position within the office is the candidate's place among all candidates with the
/// same `office_key`, ordered by stated priority (missing ones after stated ones), then
/// submission time, then id; it runs 1, 2, 3 … without gaps. Positions compare across
/// offices as numbers: every office's first choice comes before any office's second choice.
/// A sole applicant of an office is its first choice even if it stated no priority or "3".
pub fn proposed_order(candidates: &[Candidate]) -> Vec<Ranked> {
    let positions = office_positions(candidates);
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| {
        let c = &candidates[i];
        (
            c.plan_category.urgency_rank(),
            Reverse(shortage(c.required_count, c.completed_count)),
            positions[i],
            c.submitted_at,
            c.id,
        )
    });
    order
        .into_iter()
        .enumerate()
        .map(|(n, i)| Ranked { id: candidates[i].id, rank: n as u32 + 1, reason: reason(&candidates[i], positions[i]) })
        .collect()
}

/// Each candidate's 1-based position within its office (see [`proposed_order`]).
fn office_positions(candidates: &[Candidate]) -> Vec<u32> {
    let mut offices: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if let Some(key) = c.office_key.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            offices.entry(key).or_default().push(i);
        }
    }
    let mut positions = vec![1; candidates.len()];
    for mut members in offices.into_values() {
        members.sort_by_key(|&i| {
            let c = &candidates[i];
            (c.office_priority.is_none(), c.office_priority, c.submitted_at, c.id)
        });
        for (n, i) in members.into_iter().enumerate() {
            positions[i] = n as u32 + 1;
        }
    }
    positions
}

fn reason(c: &Candidate, position: u32) -> String {
    let short = match shortage(c.required_count, c.completed_count) {
        0 => "不足なし".to_string(),
        n => format!("不足{n}名"),
    };
    let stated = match c.office_priority {
        None => "（未記載）".to_string(),
        Some(p) if p != position => format!("（申告{p}）"),
        Some(_) => String::new(),
    };
    let at = to_jst(c.submitted_at);
    format!(
        "{}・{short}・事業所内順位{position}{stated}・{}/{} {:02}:{:02}受付",
        c.plan_category.label(),
        at.month() as u8,
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// An accepted application to place on an exercise schedule (演習日程).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub id: i32,
    /// The preferred schedule id; `None` is どちらでもよい.
    pub preferred: Option<i32>,
    /// The applicant gave a reason they cannot attend another schedule.
    pub binding: bool,
    /// Staff already set this application's schedule: it is kept as is.
    pub fixed: Option<i32>,
}

/// An exercise schedule's seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleRoom {
    pub id: i32,
    pub capacity: u32,
    /// Seats already allocated outside this run.
    pub taken: u32,
}

/// Why an application got no schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnplacedReason {
    /// The preference is binding and that schedule is full: the applicant is not moved.
    BindingScheduleFull,
    /// No schedule has a seat left.
    NoRoom,
    /// The fixed or binding schedule is not one of this training's schedules.
    UnknownSchedule,
}

impl UnplacedReason {
    pub fn as_str(self) -> &'static str {
        match self {
            UnplacedReason::BindingScheduleFull => "binding_schedule_full",
            UnplacedReason::NoRoom => "no_room",
            UnplacedReason::UnknownSchedule => "unknown_schedule",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UnplacedReason::BindingScheduleFull => "希望日程が満員です（他の日程は受講できない理由あり）",
            UnplacedReason::NoRoom => "どの演習日程にも空きがありません",
            UnplacedReason::UnknownSchedule => "指定の演習日程がありません",
        }
    }
}

/// The result of [`allocate`]; every list follows the input order (schedules: their order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Allocation {
    /// (application id, schedule id)
    pub assigned: Vec<(i32, i32)>,
    /// (application id, why not)
    pub unplaced: Vec<(i32, UnplacedReason)>,
    /// (schedule id, seats left), never below zero.
    pub remaining: Vec<(i32, u32)>,
    /// Fixed placements kept although their schedule was already full: (application id,
    /// schedule id). They are in `assigned` too; staff must resolve them.
    pub over_capacity: Vec<(i32, i32)>,
}

/// Places accepted applications, in selection order, on exercise schedules (SPEC §5.4).
///
/// 1. Fixed ones stay on their schedule, even past capacity (reported in `over_capacity`).
/// 2. Who gets a seat follows the order: an application is placed if, with everyone above
///    it, a seat can still be found for all — a binding preference needs a seat in its own
///    schedule (it is never moved: `binding_schedule_full` otherwise), any other
///    application a seat anywhere. So a lower-ranked applicant never takes the last seat
///    from a higher-ranked one because of a preference, and a binding preference only
///    costs the applicant who gave it.
/// 3. Seats are then handed out: binding preferences first, then the others in order, on
///    their preferred schedule if it still has a seat, else on the schedule with the most
///    seats left (ties: the earlier schedule). どちらでもよい, a binding mark without a
///    preference, and a non-binding preference for an unknown schedule count as no
///    preference.
///
/// Apart from fixed ones, no schedule ever gets more than `capacity − taken`.
pub fn allocate(accepted_in_order: &[Placement], schedules: &[ScheduleRoom]) -> Allocation {
    let mut free: Vec<u32> = schedules.iter().map(|s| s.capacity.saturating_sub(s.taken)).collect();
    let index = |id: i32| schedules.iter().position(|s| s.id == id);
    let mut outcome: Vec<Option<Result<i32, UnplacedReason>>> = vec![None; accepted_in_order.len()];
    let mut over_capacity = Vec::new();

    for (i, p) in accepted_in_order.iter().enumerate() {
        let Some(schedule) = p.fixed else { continue };
        outcome[i] = Some(match index(schedule) {
            Some(k) => {
                match free[k].checked_sub(1) {
                    Some(left) => free[k] = left,
                    None => over_capacity.push((p.id, schedule)),
                }
                Ok(schedule)
            }
            None => Err(UnplacedReason::UnknownSchedule),
        });
    }

    // Who is placed, in order: binding demand per schedule and the total stay within room.
    let total_free: u32 = free.iter().sum();
    let mut binding_demand = vec![0u32; schedules.len()];
    let mut admitted_total = 0u32;
    let mut bound_to: Vec<Option<usize>> = vec![None; accepted_in_order.len()];
    for (i, p) in accepted_in_order.iter().enumerate() {
        if outcome[i].is_some() {
            continue;
        }
        let binding = if p.binding { p.preferred } else { None };
        match binding.map(index) {
            Some(None) => outcome[i] = Some(Err(UnplacedReason::UnknownSchedule)),
            // Its schedule is taken by binding preferences ranked above, or every seat is
            // (so that schedule's too).
            Some(Some(k)) if binding_demand[k] >= free[k] || admitted_total >= total_free => {
                outcome[i] = Some(Err(UnplacedReason::BindingScheduleFull))
            }
            None if admitted_total >= total_free => outcome[i] = Some(Err(UnplacedReason::NoRoom)),
            Some(Some(k)) => {
                binding_demand[k] += 1;
                admitted_total += 1;
                bound_to[i] = Some(k);
            }
            None => admitted_total += 1,
        }
    }

    // Seats: binding preferences first, then the rest in order.
    for i in 0..accepted_in_order.len() {
        if let (None, Some(k)) = (outcome[i], bound_to[i]) {
            free[k] -= 1;
            outcome[i] = Some(Ok(schedules[k].id));
        }
    }
    for (i, p) in accepted_in_order.iter().enumerate() {
        if outcome[i].is_some() {
            continue;
        }
        let k = match p.preferred.and_then(index) {
            Some(k) if free[k] > 0 => Some(k),
            _ => most_room(&free),
        };
        outcome[i] = Some(take(&mut free, k, schedules));
    }

    let mut allocation = Allocation {
        remaining: schedules.iter().zip(&free).map(|(s, &f)| (s.id, f)).collect(),
        over_capacity,
        ..Allocation::default()
    };
    for (p, o) in accepted_in_order.iter().zip(outcome) {
        match o.expect("every pass leaves no placement undecided") {
            Ok(schedule) => allocation.assigned.push((p.id, schedule)),
            Err(reason) => allocation.unplaced.push((p.id, reason)),
        }
    }
    allocation
}

/// The schedule with the most seats left, the earliest on ties; `None` if all are full.
fn most_room(free: &[u32]) -> Option<usize> {
    free.iter().enumerate().filter(|(_, &f)| f > 0).min_by_key(|&(k, &f)| (Reverse(f), k)).map(|(k, _)| k)
}

fn take(free: &mut [u32], k: Option<usize>, schedules: &[ScheduleRoom]) -> Result<i32, UnplacedReason> {
    let k = k.ok_or(UnplacedReason::NoRoom)?;
    free[k] -= 1;
    Ok(schedules[k].id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    fn state(status: PracticalStatus, decision: Option<Decision>) -> SelectionState {
        SelectionState::new(status, decision).unwrap()
    }

    #[test]
    fn statuses_and_decisions_round_trip_through_their_column_values() {
        for s in PracticalStatus::ALL {
            assert_eq!(PracticalStatus::parse(s.as_str()), Some(s));
        }
        for d in Decision::ALL {
            assert_eq!(Decision::parse(d.as_str()), Some(d));
        }
        assert_eq!(PracticalStatus::parse("accepted"), None);
    }

    #[test]
    fn stored_pairs_must_be_consistent() {
        use Decision::*;
        use PracticalStatus::*;
        assert!(SelectionState::new(Submitted, None).is_ok());
        assert!(SelectionState::new(Notified, Some(Rejected)).is_ok());
        assert!(SelectionState::new(Cancelled, None).is_ok());
        assert!(SelectionState::new(Cancelled, Some(Waitlisted)).is_ok());
        for (status, decision) in [
            (Submitted, Some(Accepted)),
            (UnderReview, Some(Rejected)),
            (Decided, None),
            (Notified, None),
            (Attended, Some(Waitlisted)),
            (Completed, None),
        ] {
            let err = SelectionState::new(status, decision).unwrap_err();
            assert!(matches!(err, SelectionError::Inconsistent { .. }), "{status:?} {decision:?}");
        }
    }

    #[test]
    fn every_allowed_step_of_the_lifecycle() {
        use Decision::*;
        use PracticalStatus::*;
        use SelectionAction as A;
        let cases = [
            (state(Submitted, None), A::StartReview, state(UnderReview, None)),
            (state(UnderReview, None), A::Decide(Accepted), state(Decided, Some(Accepted))),
            (state(UnderReview, None), A::Decide(Waitlisted), state(Decided, Some(Waitlisted))),
            (state(UnderReview, None), A::Decide(Rejected), state(Decided, Some(Rejected))),
            (state(Decided, Some(Rejected)), A::Decide(Accepted), state(Decided, Some(Accepted))),
            (state(Decided, Some(Accepted)), A::Decide(Accepted), state(Decided, Some(Accepted))),
            (state(Decided, Some(Waitlisted)), A::Notify, state(Notified, Some(Waitlisted))),
            // Promotion from the waiting list: a new decision that needs a new notice.
            (state(Notified, Some(Waitlisted)), A::Decide(Accepted), state(Decided, Some(Accepted))),
            (state(Notified, Some(Accepted)), A::Decide(Rejected), state(Decided, Some(Rejected))),
            (state(Notified, Some(Accepted)), A::Decide(Accepted), state(Notified, Some(Accepted))),
            (state(Notified, Some(Accepted)), A::Attend, state(Attended, Some(Accepted))),
            (state(Attended, Some(Accepted)), A::Complete, state(Completed, Some(Accepted))),
            (state(Submitted, None), A::Cancel, state(Cancelled, None)),
            (state(UnderReview, None), A::Cancel, state(Cancelled, None)),
            (state(Decided, Some(Waitlisted)), A::Cancel, state(Cancelled, Some(Waitlisted))),
            (state(Notified, Some(Accepted)), A::Cancel, state(Cancelled, Some(Accepted))),
            (state(Attended, Some(Accepted)), A::Cancel, state(Cancelled, Some(Accepted))),
        ];
        for (from, action, to) in cases {
            assert_eq!(transition(from, action), Ok(to), "{from:?} {action:?}");
        }
    }

    #[test]
    fn forbidden_steps_say_why() {
        use Decision::*;
        use PracticalStatus::*;
        use SelectionAction as A;
        let not_allowed = [
            (state(Submitted, None), A::Decide(Accepted)),
            (state(Submitted, None), A::Notify),
            (state(UnderReview, None), A::StartReview),
            (state(UnderReview, None), A::Notify),
            (state(Notified, Some(Accepted)), A::Notify),
            (state(Decided, Some(Accepted)), A::Complete),
            (state(Notified, Some(Accepted)), A::Complete),
            (state(Attended, Some(Accepted)), A::Decide(Rejected)),
            (state(Completed, Some(Accepted)), A::Cancel),
            (state(Completed, Some(Accepted)), A::Decide(Rejected)),
            (state(Cancelled, Some(Accepted)), A::Cancel),
            (state(Cancelled, Some(Accepted)), A::Decide(Accepted)),
            (state(Cancelled, None), A::StartReview),
        ];
        for (from, action) in not_allowed {
            let err = transition(from, action).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidSelectionTransition, "{from:?} {action:?}");
        }
        assert_eq!(transition(state(Decided, Some(Accepted)), A::Attend), Err(SelectionError::NotNotified));
        assert_eq!(transition(state(Notified, Some(Waitlisted)), A::Attend), Err(SelectionError::NotAccepted));
        assert_eq!(transition(state(Decided, Some(Rejected)), A::Attend), Err(SelectionError::NotAccepted));
        let err = transition(state(Completed, Some(Accepted)), A::Cancel).unwrap_err();
        assert_eq!(err.to_string(), "この申込の状態（修了）では実行できません");
    }

    #[test]
    fn labels_name_the_decision_and_whether_it_was_sent() {
        use Decision::*;
        use PracticalStatus::*;
        assert_eq!(state(Submitted, None).label(), "受付済み");
        assert_eq!(state(UnderReview, None).label(), "審査中");
        assert_eq!(state(Decided, Some(Accepted)).label(), "受講決定（未通知）");
        assert_eq!(state(Notified, Some(Accepted)).label(), "受講決定");
        assert_eq!(state(Notified, Some(Waitlisted)).label(), "キャンセル待ち");
        assert_eq!(state(Notified, Some(Rejected)).label(), "受講不可");
        assert_eq!(state(Cancelled, Some(Accepted)).label(), "キャンセル");
        assert!(state(Notified, Some(Accepted)).holds_seat());
        assert!(!state(Cancelled, Some(Accepted)).holds_seat());
        assert!(!state(Notified, Some(Waitlisted)).holds_seat());
    }

    fn candidate(id: i32, plan_category: PlanCategory, required: u32, completed: u32) -> Candidate {
        Candidate {
            id,
            plan_category,
            required_count: required,
            completed_count: completed,
            office_key: None,
            office_priority: None,
            submitted_at: datetime!(2026-11-24 10:03 +09:00),
        }
    }

    fn ids(ranked: &[Ranked]) -> Vec<i32> {
        ranked.iter().map(|r| r.id).collect()
    }

    #[test]
    fn shortage_never_goes_below_zero() {
        assert_eq!(shortage(3, 1), 2);
        assert_eq!(shortage(1, 1), 0);
        assert_eq!(shortage(1, 4), 0);
    }

    #[test]
    fn urgency_dominates_shortage() {
        use PlanCategory::*;
        let order = proposed_order(&[
            candidate(1, Other, 9, 0),
            candidate(2, Development, 5, 0),
            candidate(3, Reduction, 1, 0),
            candidate(4, Deemed, 8, 0),
        ]);
        assert_eq!(ids(&order), [3, 4, 2, 1]);
        assert_eq!(order.iter().map(|r| r.rank).collect::<Vec<_>>(), [1, 2, 3, 4]);
    }

    #[test]
    fn shortage_dominates_office_priority() {
        let a = Candidate {
            office_key: Some("0112345678".into()),
            office_priority: Some(1),
            ..candidate(1, PlanCategory::NewOffice, 1, 0)
        };
        let b = Candidate {
            office_key: Some("0199999999".into()),
            office_priority: Some(2),
            ..candidate(2, PlanCategory::NewOffice, 3, 0)
        };
        let c = Candidate {
            office_key: Some("0199999999".into()),
            office_priority: Some(1),
            ..candidate(3, PlanCategory::NewOffice, 3, 2)
        };
        // b is its office's second choice but short of 3; c, the first choice, and a are short of 1.
        assert_eq!(ids(&proposed_order(&[a, b, c])), [2, 1, 3]);
    }

    #[test]
    fn office_priority_orders_within_an_office_and_first_choices_come_first() {
        let office = |key: &str, id, priority| Candidate {
            office_key: Some(key.into()),
            office_priority: priority,
            ..candidate(id, PlanCategory::Retirement, 2, 0)
        };
        let order = proposed_order(&[
            office("A", 1, Some(2)),
            office("A", 2, Some(1)),
            office("B", 3, Some(3)), // B's only candidate: its first choice
            office("A", 4, None),
            office(" B ", 5, None), // the same office once trimmed, after B's stated one
            candidate(6, PlanCategory::Retirement, 2, 0), // no office: an office of its own
        ]);
        assert_eq!(ids(&order), [2, 3, 6, 1, 5, 4]);
    }

    #[test]
    fn submission_time_then_id_break_ties() {
        let at = |id, at| Candidate { submitted_at: at, ..candidate(id, PlanCategory::Transfer, 1, 0) };
        let order = proposed_order(&[
            at(3, datetime!(2026-11-24 10:03 +09:00)),
            at(2, datetime!(2026-11-24 10:03 +09:00)),
            at(1, datetime!(2026-11-24 10:04 +09:00)),
            at(4, datetime!(2026-11-24 01:00 UTC)), // 10:00 in Japan
        ]);
        assert_eq!(ids(&order), [4, 2, 3, 1]);
    }

    #[test]
    fn reasons_list_the_sort_keys_in_japan_time() {
        let a = Candidate {
            office_key: Some("0112345678".into()),
            office_priority: Some(1),
            submitted_at: datetime!(2026-11-24 01:03 UTC),
            ..candidate(1, PlanCategory::Reduction, 3, 1)
        };
        let b = Candidate { office_priority: Some(3), ..candidate(2, PlanCategory::Development, 1, 1) };
        let c =
            Candidate { submitted_at: datetime!(2026-12-01 09:05 +09:00), ..candidate(3, PlanCategory::Other, 1, 0) };
        let reasons: Vec<_> = proposed_order(&[a, b, c]).into_iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            [
                "減算中・不足2名・事業所内順位1・11/24 10:03受付",
                "人材育成・不足なし・事業所内順位1（申告3）・11/24 10:03受付",
                "その他・不足1名・事業所内順位1（未記載）・12/1 09:05受付",
            ]
        );
    }

    fn room(id: i32, capacity: u32, taken: u32) -> ScheduleRoom {
        ScheduleRoom { id, capacity, taken }
    }

    fn wants(id: i32, preferred: Option<i32>, binding: bool) -> Placement {
        Placement { id, preferred, binding, fixed: None }
    }

    #[test]
    fn a_binding_preference_is_kept_and_a_higher_ranked_flexible_one_moves() {
        let a = allocate(&[wants(1, Some(10), false), wants(2, Some(10), true)], &[room(10, 1, 0), room(20, 1, 0)]);
        assert_eq!(a.assigned, [(1, 20), (2, 10)]);
        assert!(a.unplaced.is_empty());
        assert_eq!(a.remaining, [(10, 0), (20, 0)]);
    }

    #[test]
    fn a_binding_preference_on_a_full_schedule_is_not_moved() {
        let a = allocate(&[wants(1, Some(10), true), wants(2, Some(10), true)], &[room(10, 1, 0), room(20, 5, 0)]);
        assert_eq!(a.assigned, [(1, 10)]);
        assert_eq!(a.unplaced, [(2, UnplacedReason::BindingScheduleFull)]);
        assert_eq!(a.remaining, [(10, 0), (20, 5)]);
    }

    #[test]
    fn the_order_decides_who_is_placed_not_having_a_preference() {
        // 1 and 2 rank above 3; the last seat is 2's, although 3 states a preference.
        let a = allocate(
            &[wants(1, Some(10), true), wants(2, None, false), wants(3, Some(20), false)],
            &[room(10, 1, 0), room(20, 1, 0)],
        );
        assert_eq!(a.assigned, [(1, 10), (2, 20)]);
        assert_eq!(a.unplaced, [(3, UnplacedReason::NoRoom)]);
        // A binding preference never takes a seat that a higher-ranked applicant needs.
        let a = allocate(&[wants(1, None, false), wants(2, Some(10), true)], &[room(10, 1, 0)]);
        assert_eq!(a.assigned, [(1, 10)]);
        assert_eq!(a.unplaced, [(2, UnplacedReason::BindingScheduleFull)]);
    }

    #[test]
    fn full_schedules_leave_the_rest_unplaced() {
        let a = allocate(
            &[wants(1, Some(10), false), wants(2, None, false), wants(3, Some(20), false), wants(4, None, false)],
            &[room(10, 1, 0), room(20, 2, 0)],
        );
        assert_eq!(a.assigned, [(1, 10), (2, 20), (3, 20)]);
        assert_eq!(a.unplaced, [(4, UnplacedReason::NoRoom)]);
        assert_eq!(allocate(&[wants(1, None, false)], &[]).unplaced, [(1, UnplacedReason::NoRoom)]);
    }

    #[test]
    fn no_preference_balances_and_ties_go_to_the_earlier_schedule() {
        let any: Vec<_> = (1..=5).map(|id| wants(id, None, false)).collect();
        let a = allocate(&any, &[room(10, 10, 0), room(20, 10, 0)]);
        assert_eq!(a.assigned, [(1, 10), (2, 20), (3, 10), (4, 20), (5, 10)]);
        assert_eq!(a.remaining, [(10, 7), (20, 8)]);
        // A flexible preference on a full schedule also moves to the earlier of equal ones.
        let a = allocate(&[wants(1, Some(10), false)], &[room(10, 0, 0), room(20, 3, 0), room(30, 3, 0)]);
        assert_eq!(a.assigned, [(1, 20)]);
    }

    #[test]
    fn seats_taken_elsewhere_count() {
        let a = allocate(
            &[wants(1, Some(10), false), wants(2, None, false), wants(3, Some(30), true)],
            &[room(10, 5, 4), room(20, 5, 2), room(30, 2, 3)],
        );
        assert_eq!(a.assigned, [(1, 10), (2, 20)]);
        assert_eq!(a.unplaced, [(3, UnplacedReason::BindingScheduleFull)]);
        assert_eq!(a.remaining, [(10, 0), (20, 2), (30, 0)]);
    }

    #[test]
    fn fixed_placements_are_kept_and_over_capacity_reported() {
        let placements = [
            Placement { id: 1, preferred: Some(20), binding: true, fixed: Some(10) },
            Placement { id: 2, preferred: None, binding: false, fixed: Some(10) },
            wants(3, Some(10), true),
            Placement { id: 4, preferred: None, binding: false, fixed: Some(99) },
        ];
        let a = allocate(&placements, &[room(10, 1, 0), room(20, 1, 0)]);
        assert_eq!(a.assigned, [(1, 10), (2, 10)]);
        assert_eq!(a.over_capacity, [(2, 10)]);
        assert_eq!(a.unplaced, [(3, UnplacedReason::BindingScheduleFull), (4, UnplacedReason::UnknownSchedule)]);
        assert_eq!(a.remaining, [(10, 0), (20, 1)]);
    }

    #[test]
    fn unknown_preferences_bind_only_when_binding() {
        let a = allocate(&[wants(1, Some(99), true), wants(2, Some(99), false)], &[room(10, 1, 0)]);
        assert_eq!(a.assigned, [(2, 10)]);
        assert_eq!(a.unplaced, [(1, UnplacedReason::UnknownSchedule)]);
    }

    fn inputs() -> impl Strategy<Value = (Vec<Placement>, Vec<ScheduleRoom>)> {
        let rooms = prop::collection::vec((0u32..6, 0u32..8), 0..4)
            .prop_map(|v| v.into_iter().enumerate().map(|(k, (c, t))| room(k as i32 + 1, c, t)).collect::<Vec<_>>());
        // Schedule ids 1..=3 exist at most; 4 and 5 may be unknown.
        let placement = (prop::option::of(1i32..6), any::<bool>(), prop::option::weighted(0.15, 1i32..6));
        let placements = prop::collection::vec(placement, 0..25).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (preferred, binding, fixed))| Placement { id: 100 + i as i32, preferred, binding, fixed })
                .collect::<Vec<_>>()
        });
        (placements, rooms)
    }

    proptest! {
        #[test]
        fn allocation_respects_capacity_and_places_everyone_once((placements, rooms) in inputs()) {
            let a = allocate(&placements, &rooms);
            let mut seen: Vec<i32> =
                a.assigned.iter().map(|&(id, _)| id).chain(a.unplaced.iter().map(|&(id, _)| id)).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, placements.iter().map(|p| p.id).collect::<Vec<_>>());

            for (k, r) in rooms.iter().enumerate() {
                let fixed = placements.iter().filter(|p| p.fixed == Some(r.id)).count() as u32;
                let total = a.assigned.iter().filter(|&&(_, s)| s == r.id).count() as u32;
                prop_assert!(total - fixed <= r.capacity.saturating_sub(r.taken).saturating_sub(fixed));
                if fixed == 0 {
                    prop_assert!(r.taken + total <= r.capacity.max(r.taken));
                }
                prop_assert_eq!(a.remaining[k], (r.id, r.capacity.saturating_sub(r.taken + total)));
            }

            for p in placements.iter().filter(|p| p.binding && p.fixed.is_none() && p.preferred.is_some()) {
                if let Some(&(_, s)) = a.assigned.iter().find(|&&(id, _)| id == p.id) {
                    prop_assert_eq!(Some(s), p.preferred);
                }
            }

            if a.unplaced.iter().any(|&(_, r)| r == UnplacedReason::NoRoom) {
                prop_assert!(a.remaining.iter().all(|&(_, left)| left == 0));
            }
        }
    }
}
