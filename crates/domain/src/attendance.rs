//! The day of the training (SPEC §4, seed 000 sections 3–5 and 6(5)): what an applicant
//! has done on the day, what staff found in the Zoom room, and whether a 受講証明書 is due.
//!
//! The rules of the code windows, the Zoom review and the survey live beside this module;
//! this file holds the record they share and the one rule that joins them: when the
//! certificate may be issued.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::application::ApplicationStatus;
use crate::training::Format;

/// What an applicant has entered on the day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attendance {
    /// 出席確認時間: when the right start code (開始番号) was entered.
    pub checked_in_at: Option<OffsetDateTime>,
    /// 受講確認時間: when the right end code (終了番号) was entered.
    pub checked_out_at: Option<OffsetDateTime>,
}

impl Attendance {
    /// Both codes are in (seed 000 6(5) ⑤).
    pub fn complete(&self) -> bool {
        self.checked_in_at.is_some() && self.checked_out_at.is_some()
    }
}

/// The four checks staff make in the Zoom room (seed 000 6(5) ①–④); ⑤ is the codes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZoomChecks {
    /// ① カメラがオンで顔が映っている
    pub face: bool,
    /// ② Zoomの表示名が登録した氏名と同じ
    pub display_name: bool,
    /// ③ ブレイクアウトルームに参加した
    pub breakout_room: bool,
    /// ④ 開始・中間・終了時に①②を確認できた
    pub throughout: bool,
}

impl ZoomChecks {
    pub fn all(&self) -> bool {
        self.face && self.display_name && self.breakout_room && self.throughout
    }
}

/// Staff's decision on one participant of an online or hybrid training.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ZoomReview {
    /// Not decided yet: the certificate waits (確認中).
    #[default]
    Pending,
    /// ①–④ confirmed: the certificate may be issued.
    Approved,
    /// Attended a hybrid training in the hall: no Zoom checks apply.
    InPerson,
    /// The certificate is withheld; the reason is shown on My Page.
    Withheld { reason: String },
}

impl ZoomReview {
    /// The stored word, `None` for pending.
    pub fn as_str(&self) -> Option<&'static str> {
        match self {
            ZoomReview::Pending => None,
            ZoomReview::Approved => Some("approved"),
            ZoomReview::InPerson => Some("in_person"),
            ZoomReview::Withheld { .. } => Some("withheld"),
        }
    }

    /// From the stored word and reason; `None` when the word is unknown.
    pub fn parse(word: Option<&str>, reason: Option<&str>) -> Option<Self> {
        Some(match word {
            None => ZoomReview::Pending,
            Some("approved") => ZoomReview::Approved,
            Some("in_person") => ZoomReview::InPerson,
            Some("withheld") => ZoomReview::Withheld { reason: reason.unwrap_or_default().to_owned() },
            Some(_) => return None,
        })
    }
}

/// What the day left on an application: the codes, the Zoom review and the survey.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayRecord {
    pub attendance: Attendance,
    pub zoom_checks: ZoomChecks,
    pub zoom_review: ZoomReview,
    /// When the participant answered the survey (one answer per participant).
    pub survey_answered_at: Option<OffsetDateTime>,
    /// Which of the two times staff recorded by hand, by whom and why.
    pub by_staff: crate::attendance_by_hand::StaffRecorded,
}

/// What a training says about its certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CertificatePolicy {
    /// 受講証明書の発行 有/無
    pub issues_certificate: bool,
    pub format: Format,
    /// The certificate waits for the survey answer.
    pub requires_survey: bool,
}

/// Where an applicant's 受講証明書 stands (SPEC §4, §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CertificateState {
    /// The training issues none (受講証明書の発行 無), or the application is not confirmed.
    NotOffered,
    /// A code is still missing.
    AwaitingCodes,
    /// Staff have not finished the Zoom checks (確認中).
    UnderReview,
    /// Staff withheld it, with the reason shown on My Page.
    Withheld { reason: String },
    /// The training asks for the survey first.
    AwaitingSurvey,
    /// May be downloaded.
    Ready,
}

/// Whether the certificate may be issued: both codes in; for online and hybrid trainings
/// staff approved ①–④ (seed 000 6(5): 以下の要件を満たした方のみ); the survey answered where
/// the training asks for it. A withheld certificate stays withheld whatever else is done.
pub fn certificate_state(policy: CertificatePolicy, status: ApplicationStatus, day: &DayRecord) -> CertificateState {
    if !policy.issues_certificate || status != ApplicationStatus::Confirmed {
        return CertificateState::NotOffered;
    }
    if let ZoomReview::Withheld { reason } = &day.zoom_review {
        return CertificateState::Withheld { reason: reason.clone() };
    }
    if !day.attendance.complete() {
        return CertificateState::AwaitingCodes;
    }
    if policy.format.uses_zoom() && day.zoom_review == ZoomReview::Pending {
        return CertificateState::UnderReview;
    }
    if policy.requires_survey && day.survey_answered_at.is_none() {
        return CertificateState::AwaitingSurvey;
    }
    CertificateState::Ready
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn policy(format: Format, requires_survey: bool) -> CertificatePolicy {
        CertificatePolicy { issues_certificate: true, format, requires_survey }
    }

    fn day(codes: (bool, bool), review: ZoomReview, survey: bool) -> DayRecord {
        let at = datetime!(2026-12-05 09:20 +09:00);
        DayRecord {
            attendance: Attendance { checked_in_at: codes.0.then_some(at), checked_out_at: codes.1.then_some(at) },
            zoom_checks: ZoomChecks::default(),
            zoom_review: review,
            survey_answered_at: survey.then_some(at),
            by_staff: Default::default(),
        }
    }

    #[test]
    fn the_certificate_waits_for_every_gate_in_order() {
        use CertificateState as S;
        use Format as F;
        use ZoomReview::*;
        let withheld = || Withheld { reason: "カメラがオフでした".into() };
        let cases = [
            (policy(F::InPerson, false), (true, true), Pending, false, S::Ready),
            (policy(F::InPerson, false), (true, false), Pending, false, S::AwaitingCodes),
            (policy(F::InPerson, false), (false, false), Pending, false, S::AwaitingCodes),
            (policy(F::InPerson, true), (true, true), Pending, false, S::AwaitingSurvey),
            (policy(F::InPerson, true), (true, true), Pending, true, S::Ready),
            (policy(F::Online, false), (true, true), Pending, false, S::UnderReview),
            (policy(F::Online, false), (true, true), Approved, false, S::Ready),
            (policy(F::Online, false), (true, false), Approved, false, S::AwaitingCodes),
            (policy(F::Online, false), (true, true), withheld(), false, withheld_state()),
            (policy(F::Online, false), (false, false), withheld(), false, withheld_state()),
            (policy(F::Online, true), (true, true), Approved, false, S::AwaitingSurvey),
            (policy(F::Hybrid, false), (true, true), InPerson, false, S::Ready),
            (policy(F::Hybrid, false), (true, true), Pending, false, S::UnderReview),
        ];
        for (policy, codes, review, survey, want) in cases {
            let got = certificate_state(policy, ApplicationStatus::Confirmed, &day(codes, review.clone(), survey));
            assert_eq!(got, want, "{policy:?} codes {codes:?} review {review:?} survey {survey}");
        }
    }

    fn withheld_state() -> CertificateState {
        CertificateState::Withheld { reason: "カメラがオフでした".into() }
    }

    #[test]
    fn no_certificate_where_none_is_offered_or_the_seat_is_not_held() {
        let all_done = day((true, true), ZoomReview::Approved, true);
        let none = CertificatePolicy { issues_certificate: false, ..policy(Format::InPerson, false) };
        assert_eq!(certificate_state(none, ApplicationStatus::Confirmed, &all_done), CertificateState::NotOffered);
        for status in [ApplicationStatus::Waitlisted, ApplicationStatus::Cancelled] {
            let got = certificate_state(policy(Format::InPerson, false), status, &all_done);
            assert_eq!(got, CertificateState::NotOffered, "{status:?}");
        }
    }

    #[test]
    fn the_review_round_trips_through_its_stored_word() {
        let reviews = [
            ZoomReview::Pending,
            ZoomReview::Approved,
            ZoomReview::InPerson,
            ZoomReview::Withheld { reason: "x".into() },
        ];
        for review in reviews {
            let reason = match &review {
                ZoomReview::Withheld { reason } => Some(reason.as_str()),
                _ => None,
            };
            assert_eq!(ZoomReview::parse(review.as_str(), reason), Some(review.clone()));
        }
        assert_eq!(ZoomReview::parse(Some("maybe"), None), None);
    }
}
