//! An application's selection state and the steps between states (SPEC §5.4).

use serde::{Deserialize, Serialize};
use thiserror::Error;

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
    /// 出席の取消し: back to notified.
    UndoAttend,
    /// 修了の取消し: back to attended.
    UndoComplete,
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
        (S::Attended, A::UndoAttend) => Ok(with(S::Notified)),
        (S::Completed, A::UndoComplete) => Ok(with(S::Attended)),
        (S::Completed | S::Cancelled, A::Cancel) => Err(SelectionError::NotAllowed { from: current.status, action }),
        (_, A::Cancel) => Ok(with(S::Cancelled)),
        (from, action) => Err(SelectionError::NotAllowed { from, action }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            (state(Attended, Some(Accepted)), A::UndoAttend, state(Notified, Some(Accepted))),
            (state(Completed, Some(Accepted)), A::UndoComplete, state(Attended, Some(Accepted))),
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
            (state(Notified, Some(Accepted)), A::UndoAttend),
            (state(Completed, Some(Accepted)), A::UndoAttend),
            (state(Attended, Some(Accepted)), A::UndoComplete),
            (state(Cancelled, Some(Accepted)), A::UndoComplete),
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
}
