//! A practical-training application as selection reads it, and the steps kept in its history.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::allocation::Placement;
use super::order::{office_key, shortage, Candidate};
use super::state::{PracticalStatus, SelectionState};
use crate::eligibility::Outcome;
use crate::practical::PlanCategory;
use crate::practical_form::PracticalForm;

/// 実践研修の申込 (seed 003) with its selection state (SPEC §5.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticalApplication {
    pub id: i32,
    pub state: SelectionState,
    pub form: PracticalForm,
    /// The exercise schedule (演習日程) it is placed on; set with an acceptance.
    pub schedule_id: Option<i32>,
    /// The eligibility outcome it was submitted with (today's may differ).
    pub submitted_outcome: Outcome,
    pub submitted_at: OffsetDateTime,
}

impl PracticalApplication {
    pub fn is_cancelled(&self) -> bool {
        self.state.status() == PracticalStatus::Cancelled
    }

    /// 配置の必要数 − 修了数
    pub fn shortage(&self) -> u32 {
        let need = &self.form.placement_need;
        shortage(need.required_count.unwrap_or(0), need.completed_count.unwrap_or(0))
    }

    /// What the proposal reads of the state: whether it is cancelled, and the schedule of
    /// the seat it holds. A step that leaves this unchanged leaves every proposal unchanged.
    pub(super) fn footprint(&self) -> (bool, Option<Option<i32>>) {
        (self.is_cancelled(), self.state.holds_seat().then_some(self.schedule_id))
    }

    pub(super) fn candidate(&self) -> Candidate {
        let need = &self.form.placement_need;
        Candidate {
            id: self.id,
            plan_category: need.plan_category.unwrap_or(PlanCategory::Other),
            required_count: need.required_count.unwrap_or(0),
            completed_count: need.completed_count.unwrap_or(0),
            office_key: Some(office_key(&self.form)),
            office_priority: need.office_priority,
            submitted_at: self.submitted_at,
        }
    }

    /// Its wish for a schedule; an accepted application keeps the seat it holds.
    pub(super) fn placement(&self) -> Placement {
        Placement {
            id: self.id,
            preferred: self.form.preferred_schedule_id,
            binding: self.form.binding_preference(),
            fixed: if self.state.holds_seat() { self.schedule_id } else { None },
        }
    }
}

/// What one entry of an application's history (履歴) records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SelectionEventKind {
    /// 申込
    Submit,
    /// 受講可否の決定（変更を含む）
    Decide,
    /// 受講可否通知の送付
    Notify,
    /// キャンセル
    Cancel,
    /// キャンセル待ちからの繰り上げ
    Promote,
    /// 出席
    Attend,
    /// 修了
    Complete,
    /// 出席の取消し (with the reason)
    UndoAttend,
    /// 修了の取消し (with the reason)
    UndoComplete,
}

impl SelectionEventKind {
    pub const ALL: [SelectionEventKind; 9] = [
        SelectionEventKind::Submit,
        SelectionEventKind::Decide,
        SelectionEventKind::Notify,
        SelectionEventKind::Cancel,
        SelectionEventKind::Promote,
        SelectionEventKind::Attend,
        SelectionEventKind::Complete,
        SelectionEventKind::UndoAttend,
        SelectionEventKind::UndoComplete,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            SelectionEventKind::Submit => "submit",
            SelectionEventKind::Decide => "decide",
            SelectionEventKind::Notify => "notify",
            SelectionEventKind::Cancel => "cancel",
            SelectionEventKind::Promote => "promote",
            SelectionEventKind::Attend => "attend",
            SelectionEventKind::Complete => "complete",
            SelectionEventKind::UndoAttend => "undo_attend",
            SelectionEventKind::UndoComplete => "undo_complete",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One step of one application, decided by [`super::Selection`] and kept in its history:
/// the state it moves from and to, the schedule it is on afterwards, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub application_id: i32,
    pub kind: SelectionEventKind,
    pub from: SelectionState,
    pub to: SelectionState,
    /// The schedule after the step.
    pub schedule_id: Option<i32>,
    /// The step departed from the proposal, a schedule's capacity or a binding preference.
    pub is_override: bool,
    pub reason: String,
}

impl Step {
    /// The first entry of every history: the applicant's submission.
    pub fn submitted(application_id: i32) -> Step {
        Step {
            application_id,
            kind: SelectionEventKind::Submit,
            from: SelectionState::SUBMITTED,
            to: SelectionState::SUBMITTED,
            schedule_id: None,
            is_override: false,
            reason: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_kinds_round_trip_through_their_column_values() {
        for kind in SelectionEventKind::ALL {
            assert_eq!(SelectionEventKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(SelectionEventKind::parse("advance"), None);
        assert_eq!(SelectionEventKind::parse("Decide"), None);
    }
}
