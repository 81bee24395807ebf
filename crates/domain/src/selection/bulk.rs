//! One staff step on many applications of a selection at once (the selection table's
//! 一括操作): decide as proposed, record attendance, record completion. All or nothing:
//! when one selected application cannot take the step, none is changed, and every one that
//! cannot is named with its reason, so that staff can deselect them and try again.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::application::{SelectionEventKind, Step};
use super::proposal::Selection;
use super::state::{transition, PracticalStatus, SelectionAction};
use super::steps::Progress;
use crate::{Catalogued, ErrorCode, FieldIssue};

/// The reason kept in the history of each application decided by the bulk step.
pub const BULK_PROPOSAL_REASON: &str = "提案どおり（一括操作）";

/// What a bulk step does to each selected application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    /// 提案どおりに決定: each undecided application gets its proposed decision and schedule.
    DecideAsProposed,
    /// 出席を記録: accepted and notified applications.
    Attend,
    /// 修了を記録: attended applications (each gets its 修了証書 number when stored).
    Complete,
}

impl BulkAction {
    pub fn label(self) -> &'static str {
        match self {
            BulkAction::DecideAsProposed => "提案どおりに決定",
            BulkAction::Attend => "出席を記録",
            BulkAction::Complete => "修了を記録",
        }
    }
}

/// Why a bulk step is refused; nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BulkError {
    #[error("申込を一つ以上選んでください")]
    Empty,
    /// Ids that are not applications of this training (of another one, or of none).
    #[error("申込 {} は、この研修の申込ではありません", list(.0))]
    Elsewhere(Vec<i32>),
    /// Applications that cannot take the step, each with why.
    #[error("選択した申込のうち{}件は「{}」ができません", .issues.len(), .action.label())]
    Refused { action: BulkAction, issues: Vec<FieldIssue> },
}

fn list(ids: &[i32]) -> String {
    ids.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join("、")
}

impl Catalogued for BulkError {
    fn code(&self) -> ErrorCode {
        match self {
            BulkError::Empty => ErrorCode::ValidationFailed,
            BulkError::Elsewhere(_) => ErrorCode::PracticalApplicationsElsewhere,
            BulkError::Refused { .. } => ErrorCode::BulkStepRefused,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            BulkError::Empty => None,
            _ => Some(self.to_string()),
        }
    }

    fn issues(&self) -> Vec<FieldIssue> {
        match self {
            BulkError::Empty => vec![FieldIssue::new("application_ids", "required", self.to_string())],
            BulkError::Elsewhere(_) => Vec::new(),
            BulkError::Refused { issues, .. } => issues.clone(),
        }
    }
}

impl Selection {
    /// The steps of `action` on every application of `ids` (each once, in the order given),
    /// decided on the selection as it is: or, when any cannot take it, why not for each.
    pub fn bulk(&self, action: BulkAction, ids: &[i32]) -> Result<Vec<Step>, BulkError> {
        let mut unique: Vec<i32> = Vec::with_capacity(ids.len());
        for id in ids {
            if !unique.contains(id) {
                unique.push(*id);
            }
        }
        if unique.is_empty() {
            return Err(BulkError::Empty);
        }
        let elsewhere: Vec<i32> = unique.iter().copied().filter(|id| self.application(*id).is_none()).collect();
        if !elsewhere.is_empty() {
            return Err(BulkError::Elsewhere(elsewhere));
        }
        let mut steps = Vec::with_capacity(unique.len());
        let mut issues = Vec::new();
        for (i, id) in unique.iter().enumerate() {
            match self.bulk_step(action, *id) {
                Ok(step) => steps.push(step),
                Err(why) => {
                    let name = self.application(*id).map_or("", |a| a.form.applicant.full_name.as_str());
                    issues.push(FieldIssue::new(
                        format!("application_ids[{i}]"),
                        "step_refused",
                        format!("{name}（#{id}）：{why}"),
                    ));
                }
            }
        }
        if !issues.is_empty() {
            return Err(BulkError::Refused { action, issues });
        }
        Ok(steps)
    }

    /// One application's step, or why it cannot take it, in words.
    fn bulk_step(&self, action: BulkAction, id: i32) -> Result<Step, String> {
        let a = self.application(id).ok_or_else(|| "申込が見つかりません".to_owned())?;
        match action {
            BulkAction::DecideAsProposed => {
                if !matches!(a.state.status(), PracticalStatus::Submitted | PracticalStatus::UnderReview) {
                    return Err(format!("{}のため、提案どおりの決定はできません", a.state.label()));
                }
                let p = self.proposal(id).ok_or_else(|| "提案がありません".to_owned())?;
                let decision = p.decision.ok_or_else(|| "提案がありません".to_owned())?;
                let mut state = a.state;
                if state.status() == PracticalStatus::Submitted {
                    state = transition(state, SelectionAction::StartReview).map_err(|e| e.to_string())?;
                }
                let to = transition(state, SelectionAction::Decide(decision)).map_err(|e| e.to_string())?;
                Ok(Step {
                    application_id: id,
                    kind: SelectionEventKind::Decide,
                    from: a.state,
                    to,
                    schedule_id: p.schedule_id,
                    is_override: false,
                    reason: BULK_PROPOSAL_REASON.to_owned(),
                })
            }
            BulkAction::Attend => self.progress(id, Progress::Attend).map_err(|e| e.to_string()),
            BulkAction::Complete => self.progress(id, Progress::Complete).map_err(|e| e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practical::PlanCategory::*;
    use crate::selection::fixtures::{applicant, decided, practical_training, S1, S2};
    use crate::selection::state::Decision::*;

    /// 1 and 2 undecided (proposed 第1・第2日程), 3 accepted and notified, 4 attended.
    fn selection() -> Selection {
        Selection::new(
            practical_training(1, true),
            vec![
                applicant(1, Reduction, Some(S1), true),
                applicant(2, NewOffice, None, false),
                decided(applicant(3, Development, Some(S2), false), Accepted, Some(S2))
                    .with_state(PracticalStatus::Notified, Some(Accepted)),
                decided(applicant(4, Other, None, false), Accepted, Some(S2))
                    .with_state(PracticalStatus::Attended, Some(Accepted)),
            ],
        )
    }

    /// The steps' (application, status after), or the refused fields.
    type Expected = Result<&'static [(i32, PracticalStatus)], &'static [&'static str]>;

    #[test]
    fn each_action_takes_exactly_the_applications_it_fits() {
        let s = selection();
        let table: &[(BulkAction, &[i32], Expected)] = &[
            (
                BulkAction::DecideAsProposed,
                &[1, 2, 1],
                Ok(&[(1, PracticalStatus::Decided), (2, PracticalStatus::Decided)]),
            ),
            (BulkAction::DecideAsProposed, &[1, 3], Err(&["application_ids[1]"])),
            (BulkAction::Attend, &[3], Ok(&[(3, PracticalStatus::Attended)])),
            (BulkAction::Attend, &[1, 3, 4], Err(&["application_ids[0]", "application_ids[2]"])),
            (BulkAction::Complete, &[4], Ok(&[(4, PracticalStatus::Completed)])),
            (BulkAction::Complete, &[3], Err(&["application_ids[0]"])),
        ];
        for (action, ids, expected) in table {
            match (s.bulk(*action, ids), expected) {
                (Ok(steps), Ok(want)) => {
                    let got: Vec<(i32, PracticalStatus)> =
                        steps.iter().map(|st| (st.application_id, st.to.status())).collect();
                    assert_eq!(got, *want, "{action:?} {ids:?}");
                }
                (Err(BulkError::Refused { issues, .. }), Err(fields)) => {
                    let got: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
                    assert_eq!(got, *fields, "{action:?} {ids:?}");
                    assert!(issues.iter().all(|i| i.message.contains('#')), "{issues:?}");
                }
                (got, want) => panic!("{action:?} {ids:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn decisions_follow_the_proposal_and_keep_why() {
        let s = selection();
        let steps = s.bulk(BulkAction::DecideAsProposed, &[2]).unwrap();
        let p = s.proposal(2).unwrap();
        assert_eq!(steps[0].to.decision(), p.decision);
        assert_eq!(steps[0].schedule_id, p.schedule_id);
        assert_eq!(steps[0].reason, BULK_PROPOSAL_REASON);
        assert!(!steps[0].is_override);
    }

    #[test]
    fn empty_lists_and_other_trainings_ids_are_refused_by_name() {
        let s = selection();
        assert_eq!(s.bulk(BulkAction::Attend, &[]), Err(BulkError::Empty));
        let err = s.bulk(BulkAction::Attend, &[3, 99, 98]).unwrap_err();
        assert_eq!(err, BulkError::Elsewhere(vec![99, 98]));
        assert_eq!(err.to_string(), "申込 #99、#98 は、この研修の申込ではありません");
        assert_eq!(err.code(), ErrorCode::PracticalApplicationsElsewhere);
    }
}
