//! What the product proposes for every application of a training (SPEC §5.4), and what
//! staff read beside it: the order of the list, the load of each schedule and places on
//! the waiting list.

use std::collections::HashMap;

use super::allocation::{allocate, Placement, ScheduleRoom};
use super::application::{PracticalApplication, Step};
use super::order::{proposed_order, Candidate};
use super::state::Decision;
use crate::eligibility::{evaluate, Outcome};
use crate::practical::lecture_start;
use crate::training::{ExerciseSchedulePlan, Training};

/// What the product proposes for one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// 1-based among the applications that can be ranked (not cancelled, and eligible or
    /// already holding a seat).
    pub rank: Option<u32>,
    /// The sort keys in words, or why it cannot be ranked.
    pub reason: String,
    /// `None` for a cancelled application.
    pub decision: Option<Decision>,
    pub schedule_id: Option<i32>,
    /// Today's eligibility outcome of its entries.
    pub outcome: Outcome,
}

/// The reason given to an application whose entries do not meet the requirements today.
const NOT_ELIGIBLE: &str = "受講要件を満たしていません";

/// The proposal for every application (SPEC §5.4). Applications whose entries do not meet
/// the requirements today are proposed for rejection, unless they already hold a seat;
/// the rest are ranked ([`proposed_order`]) and placed on schedules in that order
/// ([`allocate`]); those who do not fit wait if they asked to, or are refused. Accepted
/// applications keep their schedule.
fn propose(training: &Training, applications: &[PracticalApplication]) -> HashMap<i32, Proposal> {
    let start = lecture_start(training);
    let outcomes: Vec<Outcome> =
        applications.iter().map(|a| evaluate(&a.form.eligibility_input(), start).outcome).collect();
    let live: Vec<&PracticalApplication> = applications
        .iter()
        .zip(&outcomes)
        .filter(|(a, &outcome)| !a.is_cancelled() && (outcome != Outcome::NotEligible || a.state.holds_seat()))
        .map(|(a, _)| a)
        .collect();
    let candidates: Vec<Candidate> = live.iter().map(|a| a.candidate()).collect();
    let ranked = proposed_order(&candidates);
    let by_id: HashMap<i32, &PracticalApplication> = live.iter().map(|a| (a.id, *a)).collect();
    let placements: Vec<Placement> = ranked.iter().filter_map(|r| by_id.get(&r.id)).map(|a| a.placement()).collect();
    let rooms: Vec<ScheduleRoom> = training
        .plan
        .exercise_schedules
        .iter()
        .filter_map(|s| Some(ScheduleRoom { id: s.id?, capacity: s.capacity.max(0) as u32, taken: 0 }))
        .collect();
    let allocation = allocate(&placements, &rooms);
    let placed: HashMap<i32, i32> = allocation.assigned.iter().copied().collect();
    let ranks: HashMap<i32, (u32, String)> = ranked.into_iter().map(|r| (r.id, (r.rank, r.reason))).collect();

    applications
        .iter()
        .zip(outcomes)
        .map(|(a, outcome)| {
            let rank = ranks.get(&a.id);
            let (decision, schedule_id) = if a.is_cancelled() {
                (None, None)
            } else if let Some(&schedule) = placed.get(&a.id) {
                (Some(Decision::Accepted), Some(schedule))
            } else if outcome == Outcome::NotEligible || !a.form.placement_need.wants_waitlist {
                (Some(Decision::Rejected), None)
            } else {
                (Some(Decision::Waitlisted), None)
            };
            let reason = match rank {
                _ if outcome == Outcome::NotEligible && !a.state.holds_seat() => NOT_ELIGIBLE.to_owned(),
                Some((_, reason)) => reason.clone(),
                None => String::new(),
            };
            (a.id, Proposal { rank: rank.map(|(rank, _)| *rank), reason, decision, schedule_id, outcome })
        })
        .collect()
}

/// An exercise schedule with the places taken in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleLoad<'a> {
    pub schedule: &'a ExerciseSchedulePlan,
    pub id: i32,
    /// Applications holding a seat in it (accepted, not cancelled).
    pub accepted: u32,
    /// Applications the proposal accepts into it (those holding a seat included).
    pub proposed: u32,
}

/// One practical training's applications with the product's proposal for each: what staff
/// see and what every staff step is decided against (SPEC §5.4). Built once per request.
#[derive(Debug, Clone)]
pub struct Selection {
    training: Training,
    applications: Vec<PracticalApplication>,
    proposals: HashMap<i32, Proposal>,
}

impl Selection {
    pub fn new(training: Training, applications: Vec<PracticalApplication>) -> Self {
        let proposals = propose(&training, &applications);
        Selection { training, applications, proposals }
    }

    pub fn training(&self) -> &Training {
        &self.training
    }

    pub fn applications(&self) -> &[PracticalApplication] {
        &self.applications
    }

    pub fn application(&self, id: i32) -> Option<&PracticalApplication> {
        self.applications.iter().find(|a| a.id == id)
    }

    pub fn proposal(&self, id: i32) -> Option<&Proposal> {
        self.proposals.get(&id)
    }

    /// The proposed rank; unranked applications after every ranked one.
    pub(super) fn rank_key(&self, id: i32) -> (u32, i32) {
        (self.proposal(id).and_then(|p| p.rank).unwrap_or(u32::MAX), id)
    }

    /// Every application with its proposal: ranked ones in the proposed order, then the
    /// others (cancelled, not eligible) by id.
    pub fn in_proposed_order(&self) -> Vec<(&PracticalApplication, &Proposal)> {
        let mut rows: Vec<_> = self.applications.iter().filter_map(|a| Some((a, self.proposals.get(&a.id)?))).collect();
        rows.sort_by_key(|(a, _)| self.rank_key(a.id));
        rows
    }

    /// Each stored exercise schedule with its seats held and proposed, in the plan's order.
    pub fn schedule_loads(&self) -> Vec<ScheduleLoad<'_>> {
        self.training
            .plan
            .exercise_schedules
            .iter()
            .filter_map(|schedule| {
                let id = schedule.id?;
                let accepted =
                    self.applications.iter().filter(|a| a.state.holds_seat() && a.schedule_id == Some(id)).count();
                let proposed = self
                    .proposals
                    .values()
                    .filter(|p| p.decision == Some(Decision::Accepted) && p.schedule_id == Some(id))
                    .count();
                Some(ScheduleLoad { schedule, id, accepted: accepted as u32, proposed: proposed as u32 })
            })
            .collect()
    }

    /// The place (1-based) of a waitlisted application on the waiting list: among the
    /// waitlisted applications not cancelled, by proposed rank, then id. `None` for any
    /// other application.
    pub fn waitlist_position(&self, id: i32) -> Option<u32> {
        let waiting = |a: &&PracticalApplication| a.state.decision() == Some(Decision::Waitlisted) && !a.is_cancelled();
        let me = self.application(id).filter(waiting)?;
        let mine = self.rank_key(me.id);
        let ahead = self.applications.iter().filter(waiting).filter(|a| self.rank_key(a.id) < mine).count();
        Some(ahead as u32 + 1)
    }

    /// Applies a stored step to the applications in memory, so that the view after a step
    /// needs no second load. The proposal is computed again only when the step changed what
    /// it reads (a cancellation, or a seat taken, given up or moved).
    pub fn record(&mut self, step: &Step) {
        let Some(a) = self.applications.iter_mut().find(|a| a.id == step.application_id) else { return };
        let before = a.footprint();
        a.state = step.to;
        a.schedule_id = step.schedule_id;
        if a.footprint() != before {
            self.proposals = propose(&self.training, &self.applications);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practical::PlanCategory;
    use crate::selection::fixtures::{applicant, decided, practical_training, S1, S2};
    use crate::selection::state::PracticalStatus;

    fn proposal(s: &Selection, id: i32) -> (Option<u32>, Option<Decision>, Option<i32>) {
        let p = s.proposal(id).unwrap();
        (p.rank, p.decision, p.schedule_id)
    }

    #[test]
    fn every_application_gets_a_proposal() {
        use Decision::*;
        use PlanCategory::*;
        // One seat per schedule: 減算中 is bound to 第1日程, 新設 takes any, 人材育成 waits.
        let cases = [
            (
                "the seed's three: urgency orders, the binding preference is kept",
                vec![
                    applicant(1, Development, Some(S1), false).waiting(),
                    applicant(2, Reduction, Some(S1), true),
                    applicant(3, NewOffice, None, false),
                ],
                vec![
                    (1, Some(3), Some(Waitlisted), None),
                    (2, Some(1), Some(Accepted), Some(S1)),
                    (3, Some(2), Some(Accepted), Some(S2)),
                ],
            ),
            (
                "who does not fit and does not wait is refused",
                vec![
                    applicant(1, Reduction, None, false),
                    applicant(2, Deemed, None, false),
                    applicant(3, Other, None, false),
                ],
                vec![
                    (1, Some(1), Some(Accepted), Some(S1)),
                    (2, Some(2), Some(Accepted), Some(S2)),
                    (3, Some(3), Some(Rejected), None),
                ],
            ),
            (
                "not eligible: refused and not ranked, even if waiting",
                vec![applicant(1, Reduction, None, false).not_eligible().waiting(), applicant(2, Other, None, false)],
                vec![(1, None, Some(Rejected), None), (2, Some(1), Some(Accepted), Some(S1))],
            ),
            (
                "cancelled: no proposal and no rank",
                vec![
                    applicant(1, Reduction, None, false).with_state(PracticalStatus::Cancelled, None),
                    applicant(2, Other, None, false),
                ],
                vec![(1, None, None, None), (2, Some(1), Some(Accepted), Some(S1))],
            ),
            (
                "an accepted application keeps its seat, past the proposal's order",
                vec![
                    applicant(1, Reduction, None, false),
                    applicant(2, Deemed, None, false),
                    decided(applicant(3, Other, None, false), Accepted, Some(S1)),
                    decided(applicant(4, Other, None, false), Accepted, Some(S1)),
                ],
                vec![
                    (1, Some(1), Some(Accepted), Some(S2)),
                    (2, Some(2), Some(Rejected), None),
                    (3, Some(3), Some(Accepted), Some(S1)),
                    (4, Some(4), Some(Accepted), Some(S1)),
                ],
            ),
            (
                "an accepted application that is not eligible today still holds its seat and rank",
                vec![
                    decided(applicant(1, Other, None, false).not_eligible(), Accepted, Some(S2)),
                    applicant(2, Reduction, None, false),
                ],
                vec![(1, Some(2), Some(Accepted), Some(S2)), (2, Some(1), Some(Accepted), Some(S1))],
            ),
        ];
        for (case, applications, expected) in cases {
            let s = Selection::new(practical_training(1, true), applications);
            for (id, rank, decision, schedule) in expected {
                assert_eq!(proposal(&s, id), (rank, decision, schedule), "{case}: application {id}");
            }
        }
    }

    #[test]
    fn reasons_name_the_sort_keys_or_the_requirements() {
        let s = Selection::new(
            practical_training(1, true),
            vec![
                applicant(1, PlanCategory::Reduction, None, false),
                applicant(2, PlanCategory::Other, None, false).not_eligible(),
                applicant(3, PlanCategory::Other, None, false).with_state(PracticalStatus::Cancelled, None),
            ],
        );
        assert!(s.proposal(1).unwrap().reason.starts_with("減算中・"), "{}", s.proposal(1).unwrap().reason);
        assert_eq!(s.proposal(2).unwrap().reason, "受講要件を満たしていません");
        assert_eq!(s.proposal(2).unwrap().outcome, Outcome::NotEligible);
        assert_eq!(s.proposal(3).unwrap().reason, "");
    }

    #[test]
    fn the_list_shows_the_proposed_order_then_the_unranked_by_id() {
        use PlanCategory::*;
        let s = Selection::new(
            practical_training(1, true),
            vec![
                applicant(1, Other, None, false).with_state(PracticalStatus::Cancelled, None),
                applicant(2, Development, None, false),
                applicant(3, Other, None, false).not_eligible(),
                applicant(4, Reduction, None, false),
            ],
        );
        let order: Vec<i32> = s.in_proposed_order().iter().map(|(a, _)| a.id).collect();
        assert_eq!(order, [4, 2, 1, 3]);
    }

    #[test]
    fn schedule_loads_count_seats_held_and_proposed() {
        use Decision::*;
        use PlanCategory::*;
        let cases = [
            ("nothing decided yet", vec![applicant(1, Reduction, Some(S1), true)], [(S1, 0, 1), (S2, 0, 0)]),
            (
                "held seats are counted in both, a cancelled one in neither",
                vec![
                    decided(applicant(1, Other, None, false), Accepted, Some(S2)),
                    decided(applicant(2, Other, None, false), Accepted, Some(S1))
                        .with_state(PracticalStatus::Cancelled, Some(Accepted)),
                    applicant(3, Reduction, None, false),
                ],
                [(S1, 0, 1), (S2, 1, 1)],
            ),
            (
                "waitlisted and refused take no place",
                vec![
                    decided(applicant(1, Other, None, false), Waitlisted, None),
                    decided(applicant(2, Other, None, false), Rejected, None),
                ],
                [(S1, 0, 1), (S2, 0, 1)],
            ),
        ];
        for (case, applications, expected) in cases {
            let s = Selection::new(practical_training(1, true), applications);
            let loads: Vec<(i32, u32, u32)> =
                s.schedule_loads().iter().map(|l| (l.id, l.accepted, l.proposed)).collect();
            assert_eq!(loads, expected, "{case}");
        }
    }

    #[test]
    fn waiting_list_positions_follow_the_proposed_rank() {
        use Decision::*;
        use PlanCategory::*;
        let s = Selection::new(
            practical_training(0, true),
            vec![
                decided(applicant(1, Other, None, false).waiting(), Waitlisted, None),
                decided(applicant(2, Reduction, None, false).waiting(), Waitlisted, None),
                decided(applicant(3, Deemed, None, false).waiting(), Waitlisted, None)
                    .with_state(PracticalStatus::Cancelled, Some(Waitlisted)),
                decided(applicant(4, NewOffice, None, false).waiting(), Waitlisted, None),
                decided(applicant(5, Reduction, None, false).not_eligible().waiting(), Waitlisted, None),
                decided(applicant(6, Reduction, None, false), Rejected, None),
                applicant(7, Reduction, None, false).waiting(),
            ],
        );
        let positions: Vec<Option<u32>> = (1..=7).map(|id| s.waitlist_position(id)).collect();
        // 2 (減算中) before 4 (新設) before 1 (その他); 5 cannot be ranked, so it is last; 3 is
        // cancelled; 6 was refused; 7 is not decided.
        assert_eq!(positions, [Some(3), Some(1), None, Some(2), Some(4), None, None]);
        assert_eq!(s.waitlist_position(99), None);
    }

    #[test]
    fn recording_a_step_proposes_again_only_when_a_seat_changed() {
        use Decision::*;
        use PlanCategory::*;
        let mut s = Selection::new(
            practical_training(1, true),
            vec![applicant(1, Reduction, None, false), applicant(2, Deemed, None, false).waiting()],
        );
        assert_eq!(proposal(&s, 2), (Some(2), Some(Accepted), Some(S2)));
        // 1 accepted on 第2日程 against the proposal: 2 moves to 第1日程.
        let step = s.decide(
            1,
            &crate::selection::DecisionRequest {
                decision: Accepted,
                schedule_id: Some(S2),
                reason: "本人の都合".into(),
            },
        );
        s.record(&step.unwrap());
        assert_eq!(proposal(&s, 1), (Some(1), Some(Accepted), Some(S2)));
        assert_eq!(proposal(&s, 2), (Some(2), Some(Accepted), Some(S1)));
        assert_eq!(s.application(1).unwrap().schedule_id, Some(S2));
    }
}
