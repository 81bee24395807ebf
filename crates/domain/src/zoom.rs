//! The Zoom checks of online and hybrid trainings (seed 000 6(5)): staff tick ①–④ per
//! participant, approve those with all four, mark hybrid participants who came to the hall,
//! or withhold one certificate with a reason. ⑤ (both codes) is the attendance record.

use crate::application::ApplicationStatus;
use crate::attendance::{ZoomChecks, ZoomReview};
use crate::error::{Catalogued, ErrorCode};
use crate::text::line::{text_field, TextShape};
use crate::training::Format;
use crate::FieldIssue;

/// The longest reason for a withheld certificate (shown on My Page).
pub const REASON_MAX_CHARS: usize = 200;

/// Why a Zoom step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZoomError {
    /// The training is held in the hall only.
    #[error("in-person training")]
    NotOnline,
    /// 会場参加 belongs to hybrid trainings.
    #[error("in person is for hybrid trainings")]
    NotHybrid,
    /// Only confirmed participants are checked.
    #[error("application {0} is not confirmed")]
    NotConfirmed(i32),
    /// Approval needs ①–④; one issue per participant (field `application_ids[i]`).
    #[error("checks incomplete")]
    ChecksIncomplete(Vec<FieldIssue>),
    /// Withholding needs a reason.
    #[error("reason")]
    Reason(FieldIssue),
}

impl Catalogued for ZoomError {
    fn code(&self) -> ErrorCode {
        match self {
            ZoomError::NotOnline => ErrorCode::ZoomChecksNotApplicable,
            ZoomError::NotHybrid => ErrorCode::ZoomInPersonNotHybrid,
            ZoomError::NotConfirmed(_) => ErrorCode::ZoomNotConfirmed,
            ZoomError::ChecksIncomplete(_) => ErrorCode::ZoomChecksIncomplete,
            ZoomError::Reason(_) => ErrorCode::ValidationFailed,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ZoomError::NotConfirmed(id) => Some(format!("申込ID {id} は受講が確定していません")),
            _ => None,
        }
    }

    fn issues(&self) -> Vec<FieldIssue> {
        match self {
            ZoomError::ChecksIncomplete(issues) => issues.clone(),
            ZoomError::Reason(issue) => vec![issue.clone()],
            _ => vec![],
        }
    }
}

/// In-person trainings have no Zoom checks.
pub fn applies_to(format: Format) -> Result<(), ZoomError> {
    if format.uses_zoom() {
        Ok(())
    } else {
        Err(ZoomError::NotOnline)
    }
}

/// Only a confirmed participant is checked.
pub fn participant(id: i32, status: ApplicationStatus) -> Result<(), ZoomError> {
    match status {
        ApplicationStatus::Confirmed => Ok(()),
        _ => Err(ZoomError::NotConfirmed(id)),
    }
}

/// The decision after the ticks change: an approval stands only while ①–④ are all ticked
/// (unticking one takes the participant back to 確認中); other decisions stay.
pub fn after_ticks(review: &ZoomReview, checks: ZoomChecks) -> ZoomReview {
    match review {
        ZoomReview::Approved if !checks.all() => ZoomReview::Pending,
        other => other.clone(),
    }
}

/// The marks of ①–④ still missing (`③④`).
pub fn missing(checks: ZoomChecks) -> String {
    [(checks.face, '①'), (checks.display_name, '②'), (checks.breakout_room, '③'), (checks.throughout, '④')]
        .into_iter()
        .filter(|(ticked, _)| !ticked)
        .map(|(_, mark)| mark)
        .collect()
}

/// One participant of a bulk approval: its place in the request, name and ticks.
pub struct Candidate<'a> {
    pub index: usize,
    pub full_name: &'a str,
    pub checks: ZoomChecks,
}

/// Approving needs ①–④ ticked for every participant named; all or nothing, and every
/// participant who falls short is named at once.
pub fn approve<'a>(candidates: impl IntoIterator<Item = Candidate<'a>>) -> Result<ZoomReview, ZoomError> {
    let issues: Vec<FieldIssue> = candidates
        .into_iter()
        .filter(|c| !c.checks.all())
        .map(|c| {
            FieldIssue::new(
                format!("application_ids[{}]", c.index),
                "checks_incomplete",
                format!("{}さんは{}の確認が済んでいないため承認できません", c.full_name, missing(c.checks)),
            )
        })
        .collect();
    if issues.is_empty() {
        Ok(ZoomReview::Approved)
    } else {
        Err(ZoomError::ChecksIncomplete(issues))
    }
}

/// 会場参加: only for hybrid trainings.
pub fn in_person(format: Format) -> Result<ZoomReview, ZoomError> {
    match format {
        Format::Hybrid => Ok(ZoomReview::InPerson),
        Format::Online => Err(ZoomError::NotHybrid),
        Format::InPerson => Err(ZoomError::NotOnline),
    }
}

/// Withholding a certificate needs a reason (shown on My Page as typed, trimmed).
pub fn withhold(reason: &str) -> Result<ZoomReview, ZoomError> {
    let reason = text_field(reason, TextShape::multi(REASON_MAX_CHARS), true)
        .map_err(|e| ZoomError::Reason(e.issue("reason", "発行を見送る理由")))?;
    Ok(ZoomReview::Withheld { reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checks(face: bool, display_name: bool, breakout_room: bool, throughout: bool) -> ZoomChecks {
        ZoomChecks { face, display_name, breakout_room, throughout }
    }

    #[test]
    fn approval_needs_all_four_checks_and_names_everyone_short_of_them() {
        let all = checks(true, true, true, true);
        let c = |index, full_name, checks| Candidate { index, full_name, checks };
        assert_eq!(approve([c(0, "札幌 花子", all), c(1, "髙橋 一郎", all)]), Ok(ZoomReview::Approved));
        let err = approve([
            c(0, "札幌 花子", all),
            c(1, "髙橋 一郎", checks(true, true, false, false)),
            c(2, "𠮷田 次郎", checks(false, true, true, true)),
        ])
        .unwrap_err();
        let issues = err.issues();
        assert_eq!(err.code(), ErrorCode::ZoomChecksIncomplete);
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].field, "application_ids[1]");
        assert_eq!(issues[0].message, "髙橋 一郎さんは③④の確認が済んでいないため承認できません");
        assert_eq!(issues[1].field, "application_ids[2]");
        assert!(issues[1].message.contains("①の確認"));
    }

    #[test]
    fn unticking_a_check_takes_an_approval_back_to_review() {
        let all = checks(true, true, true, true);
        let three = checks(true, true, true, false);
        let withheld = ZoomReview::Withheld { reason: "カメラがオフでした".into() };
        let cases = [
            (ZoomReview::Approved, all, ZoomReview::Approved),
            (ZoomReview::Approved, three, ZoomReview::Pending),
            (ZoomReview::Pending, all, ZoomReview::Pending),
            (ZoomReview::InPerson, three, ZoomReview::InPerson),
            (withheld.clone(), all, withheld),
        ];
        for (before, ticks, after) in cases {
            assert_eq!(after_ticks(&before, ticks), after, "{before:?} {ticks:?}");
        }
    }

    #[test]
    fn a_withheld_certificate_needs_a_reason() {
        assert_eq!(
            withhold("  カメラがオフでした \n"),
            Ok(ZoomReview::Withheld { reason: "カメラがオフでした".into() })
        );
        for bad in ["", "   \n ", &"あ".repeat(REASON_MAX_CHARS + 1)] {
            let err = withhold(bad).unwrap_err();
            assert_eq!(err.code(), ErrorCode::ValidationFailed);
            assert_eq!(err.issues()[0].field, "reason", "{bad:?}");
        }
    }

    #[test]
    fn the_checks_belong_to_online_and_hybrid_trainings_and_confirmed_participants() {
        assert_eq!(applies_to(Format::InPerson), Err(ZoomError::NotOnline));
        assert_eq!(applies_to(Format::Online), Ok(()));
        assert_eq!(applies_to(Format::Hybrid), Ok(()));
        assert_eq!(in_person(Format::Hybrid), Ok(ZoomReview::InPerson));
        assert_eq!(in_person(Format::Online), Err(ZoomError::NotHybrid));
        assert_eq!(in_person(Format::InPerson), Err(ZoomError::NotOnline));
        assert_eq!(participant(7, ApplicationStatus::Confirmed), Ok(()));
        assert_eq!(participant(7, ApplicationStatus::Waitlisted), Err(ZoomError::NotConfirmed(7)));
        assert_eq!(participant(7, ApplicationStatus::Cancelled), Err(ZoomError::NotConfirmed(7)));
    }
}
