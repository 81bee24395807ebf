//! Staff steps on a [`Selection`] (SPEC §5.4): decisions, with a reason wherever they
//! depart from the proposal; deciding as proposed; notices; cancellation with promotion
//! from the waiting list; attendance and completion. Each returns the [`Step`]s to store.

use thiserror::Error;

use super::application::{PracticalApplication, SelectionEventKind, Step};
use super::proposal::Selection;
use super::state::{transition, Decision, PracticalStatus, SelectionAction, SelectionError, SelectionState};
use crate::{Catalogued, ErrorCode, FieldIssue};

/// The longest reason kept with a decision.
const REASON_MAX: usize = 1000;

/// A staff decision: 受講決定 with a schedule, キャンセル待ち or 受講不可.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRequest {
    pub decision: Decision,
    /// The schedule of an acceptance; the proposed one (or the one held) when `None`.
    pub schedule_id: Option<i32>,
    pub reason: String,
}

/// Why a decision departs from what the product would do. Each needs a reason, which is
/// kept ("Staff can override anything, with the reason kept", SPEC §5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Override {
    /// Another decision than the proposed one.
    Decision,
    /// The proposed acceptance, on another schedule.
    Schedule,
    /// An acceptance into a schedule whose seats are all held.
    OverCapacity,
    /// An acceptance on another schedule than the one the applicant cannot move from.
    BindingPreference,
}

impl Override {
    pub fn label(self) -> &'static str {
        match self {
            Override::Decision => "提案と異なる受講可否",
            Override::Schedule => "提案と異なる演習日程",
            Override::OverCapacity => "定員を超える受講決定",
            Override::BindingPreference => "希望理由のある日程以外への決定",
        }
    }
}

/// Why a staff step is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StepError {
    #[error("申込が見つかりません")]
    NotFound,
    /// Bad input, every field at once.
    #[error("入力内容に誤りがあります")]
    Invalid(Vec<FieldIssue>),
    #[error(transparent)]
    Selection(#[from] SelectionError),
}

impl Catalogued for StepError {
    fn code(&self) -> ErrorCode {
        match self {
            StepError::NotFound => ErrorCode::PracticalApplicationNotFound,
            StepError::Invalid(_) => ErrorCode::ValidationFailed,
            StepError::Selection(e) => e.code(),
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            StepError::Selection(e) => e.detail(),
            _ => None,
        }
    }

    fn issues(&self) -> Vec<FieldIssue> {
        match self {
            StepError::Invalid(issues) => issues.clone(),
            _ => Vec::new(),
        }
    }
}

/// 出席 or 修了.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Attend,
    Complete,
}

/// What a cancellation does: the cancellation itself and, when it frees a seat, the
/// promotion of the best waiting applicant who fits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancellation {
    pub cancelled: Step,
    pub promoted: Option<Step>,
}

/// A notice (受講可否通知) due: the application, its decision and the step that records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice<'a> {
    pub application: &'a PracticalApplication,
    pub decision: Decision,
    pub step: Step,
}

/// The decided state: a submitted application is reviewed on the way; a changed schedule is
/// a changed decision, so its notice must go again.
fn decided_state(
    a: &PracticalApplication,
    decision: Decision,
    schedule_id: Option<i32>,
) -> Result<SelectionState, SelectionError> {
    let mut state = a.state;
    if state.status() == PracticalStatus::Submitted {
        state = transition(state, SelectionAction::StartReview)?;
    }
    let next = transition(state, SelectionAction::Decide(decision))?;
    if next == a.state && schedule_id != a.schedule_id {
        return SelectionState::new(PracticalStatus::Decided, next.decision());
    }
    Ok(next)
}

impl Selection {
    /// How a decision departs from the proposal, a schedule's capacity (seats held by the
    /// others) or the applicant's binding preference. Empty when it follows all three.
    pub fn overrides(&self, a: &PracticalApplication, decision: Decision, schedule_id: Option<i32>) -> Vec<Override> {
        let mut found = Vec::new();
        if let Some(p) = self.proposal(a.id) {
            if p.decision != Some(decision) {
                found.push(Override::Decision);
            } else if decision == Decision::Accepted && p.schedule_id != schedule_id {
                found.push(Override::Schedule);
            }
        }
        if let (Decision::Accepted, Some(s)) = (decision, schedule_id) {
            let capacity =
                self.training().plan.exercise_schedules.iter().find(|x| x.id == Some(s)).map_or(0, |x| x.capacity);
            let held = self
                .applications()
                .iter()
                .filter(|o| o.id != a.id && o.state.holds_seat() && o.schedule_id == Some(s))
                .count();
            if held as i64 >= i64::from(capacity) {
                found.push(Override::OverCapacity);
            }
            if a.form.binding_preference() && a.form.preferred_schedule_id != Some(s) {
                found.push(Override::BindingPreference);
            }
        }
        found
    }

    /// Decides one application. A decision that departs from the proposal (see
    /// [`Selection::overrides`]) needs a reason, which is kept.
    pub fn decide(&self, id: i32, request: &DecisionRequest) -> Result<Step, StepError> {
        let a = self.application(id).ok_or(StepError::NotFound)?;
        let reason = request.reason.trim();
        let mut issues = Vec::new();
        let schedule_id = match (request.decision, request.schedule_id) {
            (Decision::Accepted, None) => self.proposal(id).and_then(|p| p.schedule_id).or(a.schedule_id),
            (Decision::Accepted, Some(s)) => Some(s),
            (_, Some(_)) => {
                issues.push(FieldIssue::new("schedule_id", "not_accepted", "演習日程は受講決定の場合のみ指定できます"));
                None
            }
            (_, None) => None,
        };
        if request.decision == Decision::Accepted {
            let known = |s| self.training().plan.exercise_schedules.iter().any(|x| x.id == Some(s));
            match schedule_id {
                None => issues.push(FieldIssue::new("schedule_id", "required", "演習日程を選んでください")),
                Some(s) if !known(s) => {
                    issues.push(FieldIssue::new("schedule_id", "unknown_schedule", "この研修にない演習日程です"))
                }
                Some(_) => {}
            }
        }
        let overrides = self.overrides(a, request.decision, schedule_id);
        if !overrides.is_empty() && reason.is_empty() {
            let why: Vec<&str> = overrides.iter().map(|o| o.label()).collect();
            issues.push(FieldIssue::new(
                "reason",
                "reason_required",
                format!("{}のため、理由を入力してください", why.join("・")),
            ));
        }
        if reason.chars().count() > REASON_MAX {
            issues.push(FieldIssue::new("reason", "length", "理由は1000文字以内で入力してください"));
        }
        if !issues.is_empty() {
            return Err(StepError::Invalid(issues));
        }
        Ok(Step {
            application_id: id,
            kind: SelectionEventKind::Decide,
            from: a.state,
            to: decided_state(a, request.decision, schedule_id)?,
            schedule_id,
            is_override: !overrides.is_empty(),
            reason: reason.to_owned(),
        })
    }

    /// 提案どおりに決定: every application not decided yet, as proposed.
    pub fn apply_proposal(&self) -> Result<Vec<Step>, SelectionError> {
        let undecided = self
            .applications()
            .iter()
            .filter(|a| matches!(a.state.status(), PracticalStatus::Submitted | PracticalStatus::UnderReview));
        let mut steps = Vec::new();
        for a in undecided {
            let Some(p) = self.proposal(a.id) else { continue };
            let Some(decision) = p.decision else { continue };
            steps.push(Step {
                application_id: a.id,
                kind: SelectionEventKind::Decide,
                from: a.state,
                to: decided_state(a, decision, p.schedule_id)?,
                schedule_id: p.schedule_id,
                is_override: false,
                reason: "提案どおり".to_owned(),
            });
        }
        Ok(steps)
    }

    /// The notices due: every decision not notified yet.
    pub fn notices_due(&self) -> Result<Vec<Notice<'_>>, SelectionError> {
        let mut notices = Vec::new();
        for a in self.applications().iter().filter(|a| a.state.status() == PracticalStatus::Decided) {
            let to = transition(a.state, SelectionAction::Notify)?;
            let Some(decision) = to.decision() else { continue };
            notices.push(Notice {
                application: a,
                decision,
                step: Step {
                    application_id: a.id,
                    kind: SelectionEventKind::Notify,
                    from: a.state,
                    to,
                    schedule_id: a.schedule_id,
                    is_override: false,
                    reason: String::new(),
                },
            });
        }
        Ok(notices)
    }

    /// Who moves up when `cancelled` gives up its seat (SPEC §5.4), while the training keeps
    /// a waiting list: the best-ranked waitlisted application (decided or notified) that
    /// still wants to wait and is not bound to another schedule than the freed one.
    pub fn promotion_after(&self, cancelled: &PracticalApplication) -> Option<&PracticalApplication> {
        if !cancelled.state.holds_seat() || !self.training().plan.waiting_list {
            return None;
        }
        let freed = cancelled.schedule_id;
        self.applications()
            .iter()
            .filter(|a| a.state.decision() == Some(Decision::Waitlisted))
            .filter(|a| matches!(a.state.status(), PracticalStatus::Decided | PracticalStatus::Notified))
            .filter(|a| a.form.placement_need.wants_waitlist)
            .filter(|a| !a.form.binding_preference() || a.form.preferred_schedule_id == freed)
            .min_by_key(|a| self.rank_key(a.id))
    }

    /// Cancels an application (the applicant asked the office), with the reason; a freed
    /// seat goes to [`Selection::promotion_after`], as a new decision that needs its notice.
    pub fn cancel(&self, id: i32, reason: &str) -> Result<Cancellation, StepError> {
        let a = self.application(id).ok_or(StepError::NotFound)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StepError::Invalid(vec![FieldIssue::new(
                "reason",
                "required",
                "キャンセルの理由を入力してください（例: 本人から電話で辞退の連絡）",
            )]));
        }
        let cancelled = Step {
            application_id: id,
            kind: SelectionEventKind::Cancel,
            from: a.state,
            to: transition(a.state, SelectionAction::Cancel)?,
            schedule_id: a.schedule_id,
            is_override: false,
            reason: reason.to_owned(),
        };
        let promoted = match self.promotion_after(a) {
            Some(w) => Some(Step {
                application_id: w.id,
                kind: SelectionEventKind::Promote,
                from: w.state,
                to: transition(w.state, SelectionAction::Decide(Decision::Accepted))?,
                schedule_id: a.schedule_id,
                is_override: false,
                reason: format!("申込番号{}のキャンセルによる繰り上げ", a.id),
            }),
            None => None,
        };
        Ok(Cancellation { cancelled, promoted })
    }

    /// Takes back an attendance or a completion recorded by mistake; the reason is kept in
    /// the history.
    pub fn undo(&self, id: i32, progress: Progress, reason: &str) -> Result<Step, StepError> {
        let a = self.application(id).ok_or(StepError::NotFound)?;
        let reason = reason.trim();
        let mut issues = Vec::new();
        if reason.is_empty() {
            issues.push(FieldIssue::new(
                "reason",
                "required",
                "取り消す理由を入力してください（例: 別の受講者と取り違えたため）",
            ));
        } else if reason.chars().count() > REASON_MAX {
            issues.push(FieldIssue::new("reason", "length", "理由は1000文字以内で入力してください"));
        }
        if !issues.is_empty() {
            return Err(StepError::Invalid(issues));
        }
        let (action, kind) = match progress {
            Progress::Attend => (SelectionAction::UndoAttend, SelectionEventKind::UndoAttend),
            Progress::Complete => (SelectionAction::UndoComplete, SelectionEventKind::UndoComplete),
        };
        Ok(Step {
            application_id: id,
            kind,
            from: a.state,
            to: transition(a.state, action)?,
            schedule_id: a.schedule_id,
            is_override: false,
            reason: reason.to_owned(),
        })
    }

    /// 出席 or 修了 of one application.
    pub fn progress(&self, id: i32, progress: Progress) -> Result<Step, StepError> {
        let a = self.application(id).ok_or(StepError::NotFound)?;
        let (action, kind) = match progress {
            Progress::Attend => (SelectionAction::Attend, SelectionEventKind::Attend),
            Progress::Complete => (SelectionAction::Complete, SelectionEventKind::Complete),
        };
        Ok(Step {
            application_id: id,
            kind,
            from: a.state,
            to: transition(a.state, action)?,
            schedule_id: a.schedule_id,
            is_override: false,
            reason: String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practical::PlanCategory::*;
    use crate::selection::fixtures::{applicant, decided, practical_training, S1, S2};
    use Decision::*;

    /// One seat per schedule. 1 (減算中) must attend 第1日程; 2 (新設) takes any; 3 (人材育成)
    /// prefers 第1日程 without a reason and waits. Proposed: 1 → 第1, 2 → 第2, 3 waits.
    fn seed_three() -> Vec<PracticalApplication> {
        vec![
            applicant(1, Reduction, Some(S1), true),
            applicant(2, NewOffice, None, false),
            applicant(3, Development, Some(S1), false).waiting(),
        ]
    }

    fn request(decision: Decision, schedule_id: Option<i32>, reason: &str) -> DecisionRequest {
        DecisionRequest { decision, schedule_id, reason: reason.into() }
    }

    #[test]
    fn a_decision_needs_a_reason_exactly_where_it_departs() {
        use Override as O;
        let cases = [
            ("as proposed", seed_three(), 1, Accepted, Some(S1), vec![]),
            ("the proposed schedule when none is given", seed_three(), 2, Accepted, None, vec![]),
            ("waitlisted as proposed", seed_three(), 3, Waitlisted, None, vec![]),
            ("another decision", seed_three(), 3, Rejected, None, vec![O::Decision]),
            ("an acceptance instead of the waiting list", seed_three(), 3, Accepted, Some(S1), vec![O::Decision]),
            ("another schedule", seed_three(), 2, Accepted, Some(S1), vec![O::Schedule]),
            (
                "another schedule than the binding one",
                seed_three(),
                1,
                Accepted,
                Some(S2),
                vec![O::Schedule, O::BindingPreference],
            ),
            (
                "a full schedule",
                vec![
                    decided(applicant(1, Reduction, Some(S1), true), Accepted, Some(S1)),
                    applicant(2, NewOffice, None, false),
                    applicant(3, Development, Some(S1), false).waiting(),
                ],
                3,
                Accepted,
                Some(S1),
                vec![O::Decision, O::OverCapacity],
            ),
            (
                "the seat it holds is not counted against it",
                vec![decided(applicant(1, Reduction, Some(S1), true), Accepted, Some(S1))],
                1,
                Accepted,
                Some(S1),
                vec![],
            ),
            (
                "a schedule the training does not have has no seats",
                seed_three(),
                2,
                Accepted,
                Some(99),
                vec![O::Schedule, O::OverCapacity],
            ),
        ];
        for (case, applications, id, decision, schedule, expected) in cases {
            let s = Selection::new(practical_training(1, true), applications);
            let a = s.application(id).unwrap();
            let schedule = schedule.or_else(|| s.proposal(id).unwrap().schedule_id);
            assert_eq!(s.overrides(a, decision, schedule), expected, "{case}");
        }
    }

    #[test]
    fn a_decision_without_the_reason_it_needs_is_refused_with_every_issue() {
        let s = Selection::new(practical_training(1, true), seed_three());
        let codes = |r: Result<Step, StepError>| match r {
            Err(StepError::Invalid(issues)) => issues.into_iter().map(|i| (i.field, i.code)).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        let cases = [
            (3, request(Accepted, Some(S1), " "), vec![("reason", "reason_required")]),
            (3, request(Rejected, Some(S1), "理由"), vec![("schedule_id", "not_accepted")]),
            (
                2,
                request(Accepted, Some(99), ""),
                vec![("schedule_id", "unknown_schedule"), ("reason", "reason_required")],
            ),
            (3, request(Waitlisted, None, &"長".repeat(1001)), vec![("reason", "length")]),
            (1, request(Rejected, None, ""), vec![("reason", "reason_required")]),
        ];
        for (id, request, expected) in cases {
            let expected: Vec<(String, &str)> = expected.into_iter().map(|(f, c)| (f.to_owned(), c)).collect();
            assert_eq!(codes(s.decide(id, &request)), expected, "{id} {request:?}");
        }
        let Err(StepError::Invalid(issues)) = s.decide(1, &request(Accepted, Some(S2), "")) else { panic!() };
        assert_eq!(
            issues[0].message,
            "提案と異なる演習日程・希望理由のある日程以外への決定のため、理由を入力してください"
        );
        assert_eq!(s.decide(99, &request(Accepted, None, "")), Err(StepError::NotFound));
    }

    #[test]
    fn a_decision_moves_the_state_and_keeps_its_reason() {
        use PracticalStatus::*;
        let state = |status, decision| SelectionState::new(status, decision).unwrap();
        let notified = |a: PracticalApplication, d, s| decided(a, d, s).with_state(Notified, Some(d));
        // (application, request, state after, schedule after, override)
        let cases = [
            (
                "submitted is reviewed on the way",
                applicant(2, NewOffice, None, false),
                request(Accepted, None, ""),
                state(Decided, Some(Accepted)),
                Some(S1),
                false,
            ),
            (
                "under review",
                applicant(2, NewOffice, None, false).with_state(UnderReview, None),
                request(Rejected, None, " 定員のため "),
                state(Decided, Some(Rejected)),
                None,
                true,
            ),
            (
                "the same decision and schedule after the notice: nothing to send again",
                notified(applicant(2, NewOffice, None, false), Accepted, Some(S1)),
                request(Accepted, None, ""),
                state(Notified, Some(Accepted)),
                Some(S1),
                false,
            ),
            (
                "a changed schedule after the notice: a new notice is due",
                notified(applicant(2, NewOffice, None, false), Accepted, Some(S1)),
                request(Accepted, Some(S2), "本人の希望"),
                state(Decided, Some(Accepted)),
                Some(S2),
                true,
            ),
            (
                "promotion by hand from the waiting list",
                notified(applicant(2, NewOffice, None, false).waiting(), Waitlisted, None),
                request(Accepted, Some(S1), ""),
                state(Decided, Some(Accepted)),
                Some(S1),
                false,
            ),
        ];
        for (case, a, request, to, schedule, is_override) in cases {
            let s = Selection::new(practical_training(1, true), vec![a.clone()]);
            let step = s.decide(a.id, &request).unwrap();
            assert_eq!(
                (step.kind, step.from, step.to, step.schedule_id, step.is_override),
                (SelectionEventKind::Decide, a.state, to, schedule, is_override),
                "{case}"
            );
            assert_eq!(step.reason, request.reason.trim(), "{case}");
        }
        let done =
            decided(applicant(2, NewOffice, None, false), Accepted, Some(S1)).with_state(Completed, Some(Accepted));
        let s = Selection::new(practical_training(1, true), vec![done]);
        let err = s.decide(2, &request(Accepted, None, "")).unwrap_err();
        assert!(matches!(err, StepError::Selection(SelectionError::NotAllowed { .. })), "{err:?}");
    }

    #[test]
    fn deciding_as_proposed_takes_only_the_undecided() {
        use PracticalStatus::*;
        let s = Selection::new(
            practical_training(1, true),
            vec![
                applicant(1, Reduction, Some(S1), true),
                applicant(2, NewOffice, None, false).with_state(UnderReview, None),
                applicant(3, Development, Some(S1), false).waiting(),
                decided(applicant(4, Other, None, false), Rejected, None),
                applicant(5, Other, None, false).with_state(Cancelled, None),
            ],
        );
        let steps: Vec<_> = s
            .apply_proposal()
            .unwrap()
            .into_iter()
            .map(|st| (st.application_id, st.to, st.schedule_id, st.reason))
            .collect();
        let decided = |d| SelectionState::new(Decided, Some(d)).unwrap();
        assert_eq!(
            steps,
            [
                (1, decided(Accepted), Some(S1), "提案どおり".to_owned()),
                (2, decided(Accepted), Some(S2), "提案どおり".to_owned()),
                (3, decided(Waitlisted), None, "提案どおり".to_owned()),
            ]
        );
    }

    #[test]
    fn notices_are_due_for_decisions_not_sent() {
        use PracticalStatus::*;
        let s = Selection::new(
            practical_training(1, true),
            vec![
                decided(applicant(1, Reduction, Some(S1), true), Accepted, Some(S1)),
                decided(applicant(2, NewOffice, None, false), Rejected, None).with_state(Notified, Some(Rejected)),
                applicant(3, Development, None, false),
                decided(applicant(4, Other, None, false).waiting(), Waitlisted, None),
            ],
        );
        let due: Vec<_> = s
            .notices_due()
            .unwrap()
            .into_iter()
            .map(|n| (n.application.id, n.decision, n.step.to.status(), n.step.schedule_id))
            .collect();
        assert_eq!(due, [(1, Accepted, Notified, Some(S1)), (4, Waitlisted, Notified, None)]);
    }

    #[test]
    fn a_freed_seat_goes_to_the_best_waiting_applicant_who_fits() {
        use PracticalStatus::*;
        let accepted_on = |id, s| {
            decided(applicant(id, Reduction, None, false), Accepted, Some(s)).with_state(Notified, Some(Accepted))
        };
        let waiting = |id, category, preferred, binding| {
            decided(applicant(id, category, preferred, binding).waiting(), Waitlisted, None)
                .with_state(Notified, Some(Waitlisted))
        };
        // (case, waiting list kept, applications, cancelled id, promoted id)
        let cases = [
            (
                "the best-ranked; one bound to the other schedule is skipped (the API test's case)",
                true,
                vec![
                    accepted_on(1, S1),
                    accepted_on(2, S2),
                    waiting(3, NewOffice, Some(S2), true),
                    waiting(4, Retirement, None, false),
                ],
                1,
                Some(4),
            ),
            (
                "bound to the freed schedule",
                true,
                vec![accepted_on(1, S1), waiting(3, Deemed, Some(S1), true), waiting(4, NewOffice, None, false)],
                1,
                Some(3),
            ),
            (
                "rank decides, not the id",
                true,
                vec![accepted_on(1, S1), waiting(3, Other, None, false), waiting(4, Deemed, None, false)],
                1,
                Some(4),
            ),
            ("no waiting list kept", false, vec![accepted_on(1, S1), waiting(4, Deemed, None, false)], 1, None),
            (
                "nothing freed by a waitlisted cancellation",
                true,
                vec![waiting(3, Other, None, false), waiting(4, Deemed, None, false)],
                4,
                None,
            ),
            (
                "a cancelled or undecided one does not move up",
                true,
                vec![
                    accepted_on(1, S1),
                    waiting(3, Deemed, None, false).with_state(Cancelled, Some(Waitlisted)),
                    applicant(4, Reduction, None, false).waiting(),
                ],
                1,
                None,
            ),
            (
                "one who no longer wants to wait does not move up",
                true,
                vec![accepted_on(1, S1), {
                    let mut w = waiting(4, Deemed, None, false);
                    w.form.placement_need.wants_waitlist = false;
                    w
                }],
                1,
                None,
            ),
            (
                "a decided, not yet notified, waitlisting counts",
                true,
                vec![accepted_on(1, S1), decided(applicant(4, Deemed, None, false).waiting(), Waitlisted, None)],
                1,
                Some(4),
            ),
        ];
        for (case, waiting_list, applications, cancelled, promoted) in cases {
            let s = Selection::new(practical_training(1, waiting_list), applications);
            let c = s.cancel(cancelled, "本人から電話で辞退の連絡").unwrap();
            assert_eq!(c.cancelled.to.status(), Cancelled, "{case}");
            assert_eq!(c.promoted.as_ref().map(|p| p.application_id), promoted, "{case}");
            if let Some(p) = c.promoted {
                let freed = s.application(cancelled).unwrap().schedule_id;
                assert_eq!(
                    (p.kind, p.to.status(), p.to.decision(), p.schedule_id),
                    (SelectionEventKind::Promote, Decided, Some(Accepted), freed),
                    "{case}"
                );
                assert_eq!(p.reason, format!("申込番号{cancelled}のキャンセルによる繰り上げ"));
            }
        }
    }

    #[test]
    fn a_cancellation_needs_a_reason_and_a_live_application() {
        use PracticalStatus::*;
        let s = Selection::new(
            practical_training(1, true),
            vec![applicant(1, Reduction, None, false), applicant(2, Other, None, false).with_state(Cancelled, None)],
        );
        let Err(StepError::Invalid(issues)) = s.cancel(1, " \u{3000}") else { panic!() };
        assert_eq!((issues[0].field.as_str(), issues[0].code), ("reason", "required"));
        assert!(matches!(s.cancel(2, "重複"), Err(StepError::Selection(SelectionError::NotAllowed { .. }))));
        assert_eq!(s.cancel(1, " 辞退 ").unwrap().cancelled.reason, "辞退");
    }

    #[test]
    fn attendance_and_completion_follow_the_notice() {
        use PracticalStatus::*;
        let s = Selection::new(
            practical_training(1, true),
            vec![
                decided(applicant(1, Reduction, None, false), Accepted, Some(S1)).with_state(Notified, Some(Accepted)),
                decided(applicant(2, Reduction, None, false), Accepted, Some(S2)),
                decided(applicant(3, Reduction, None, false), Accepted, Some(S2)).with_state(Attended, Some(Accepted)),
            ],
        );
        let attend = s.progress(1, Progress::Attend).unwrap();
        assert_eq!(
            (attend.kind, attend.to.status(), attend.schedule_id),
            (SelectionEventKind::Attend, Attended, Some(S1))
        );
        assert_eq!(s.progress(2, Progress::Attend), Err(StepError::Selection(SelectionError::NotNotified)));
        assert!(matches!(
            s.progress(1, Progress::Complete),
            Err(StepError::Selection(SelectionError::NotAllowed { .. }))
        ));
        let complete = s.progress(3, Progress::Complete).unwrap();
        assert_eq!((complete.kind, complete.to.status()), (SelectionEventKind::Complete, Completed));
    }

    #[test]
    fn an_undo_needs_a_reason_and_steps_back_once() {
        use PracticalStatus::*;
        let s = Selection::new(
            practical_training(1, true),
            vec![
                decided(applicant(1, Reduction, None, false), Accepted, Some(S1)).with_state(Attended, Some(Accepted)),
                decided(applicant(2, Reduction, None, false), Accepted, Some(S2)).with_state(Completed, Some(Accepted)),
            ],
        );
        let undo = s.undo(1, Progress::Attend, " 取り違え ").unwrap();
        assert_eq!(
            (undo.kind, undo.to.status(), undo.reason.as_str()),
            (SelectionEventKind::UndoAttend, Notified, "取り違え")
        );
        let undo = s.undo(2, Progress::Complete, "修了日の誤り").unwrap();
        assert_eq!((undo.kind, undo.to.status()), (SelectionEventKind::UndoComplete, Attended));
        let Err(StepError::Invalid(issues)) = s.undo(1, Progress::Attend, "  ") else { panic!("a reason is required") };
        assert_eq!((issues[0].field.as_str(), issues[0].code), ("reason", "required"));
        assert!(matches!(
            s.undo(1, Progress::Complete, "理由"),
            Err(StepError::Selection(SelectionError::NotAllowed { .. }))
        ));
        assert_eq!(s.undo(9, Progress::Attend, "理由"), Err(StepError::NotFound));
    }
}
