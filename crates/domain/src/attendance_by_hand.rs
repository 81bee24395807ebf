//! 出席・受講確認の手入力: staff record 出席確認時間 and 受講確認時間 themselves when a
//! participant could not enter the code (the phone's battery died in the hall, no
//! smartphone, the network failed, they came to reception after the end-code window), and
//! the record keeps which times staff recorded, by whom and why.
//!
//! The rules (README, "The office's daily work"):
//! - only an application that holds a seat (confirmed) of a training that is not cancelled;
//! - each time is a moment of one of the training's days in Japan (from the date it starts
//!   to the date it ends, both included) and not later than now;
//! - 受講確認時間 is not before 出席確認時間, and never stands without it (as with the codes);
//! - a reason is required: one line, folded as people mean it (half-width katakana widened,
//!   full-width letters and digits narrowed, spaces folded), trimmed, at most
//!   [`REASON_MAX_CHARS`] characters;
//! - staff may set or correct either time, whoever entered it; they may clear only a time
//!   staff recorded: what the participant entered with the code stays on record (staff
//!   correct it instead, with the reason kept);
//! - a time sent equal to the one stored changes nothing, its mark included;
//! - when the change makes attendance complete (both times in after it, not before), the
//!   caller announces it as the codes do (`attendance.completed`).

use time::{Date, OffsetDateTime};

use crate::application::ApplicationStatus;
use crate::attendance::Attendance;
use crate::field::Checker;
use crate::text::line::TextShape;
use crate::text::width::fold_text_width;
use crate::time_jp::to_jst;
use crate::training::{Training, TrainingStatus};
use crate::wareki::format_date;
use crate::{Catalogued, ErrorCode, FieldIssue};

/// The longest reason staff give for a time they record.
pub const REASON_MAX_CHARS: usize = 200;

/// Why and by whom staff recorded one time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffNote {
    /// The staff account (for an API token, the admin who issued it); `None` if unknown.
    pub by: Option<i32>,
    pub reason: String,
}

/// Which of the two times staff recorded; `None`: the participant's code (or no time).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffRecorded {
    pub checked_in: Option<StaffNote>,
    pub checked_out: Option<StaffNote>,
}

/// What staff asked for one time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeChange {
    /// Left as it is.
    Keep,
    /// Set, or corrected, to this moment.
    Set(OffsetDateTime),
    /// Removed (only a time staff recorded).
    Clear,
}

/// A request to record attendance by hand.
#[derive(Debug, Clone, Copy)]
pub struct AttendanceChange<'a> {
    pub checked_in_at: TimeChange,
    pub checked_out_at: TimeChange,
    pub reason: &'a str,
    /// Who records it.
    pub by: Option<i32>,
}

/// The record after an accepted change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByHand {
    pub attendance: Attendance,
    pub by_staff: StaffRecorded,
    /// Both times are in now and were not before: attendance has just been completed.
    pub completes: bool,
    /// Anything differs from what was stored.
    pub changed: bool,
}

/// Why staff cannot record these times. Nothing is stored when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ByHandError {
    #[error("受講が確定したお申込みのみ出席・受講を記録できます")]
    NotConfirmed,
    #[error("中止した研修の出席・受講は記録できません")]
    TrainingCancelled,
    /// Every bad field at once.
    #[error("invalid")]
    Invalid(Vec<FieldIssue>),
}

impl Catalogued for ByHandError {
    fn code(&self) -> ErrorCode {
        match self {
            ByHandError::NotConfirmed => ErrorCode::NotConfirmedForDay,
            ByHandError::TrainingCancelled => ErrorCode::InvalidStatusTransition,
            ByHandError::Invalid(_) => ErrorCode::ValidationFailed,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ByHandError::Invalid(_) => None,
            other => Some(other.to_string()),
        }
    }

    fn issues(&self) -> Vec<FieldIssue> {
        match self {
            ByHandError::Invalid(issues) => issues.clone(),
            _ => vec![],
        }
    }
}

/// The training's days in Japan: from the date it starts to the date it ends.
pub fn training_days(training: &Training) -> (Date, Date) {
    (to_jst(training.plan.starts_at).date(), to_jst(training.plan.ends_at).date())
}

fn days_label(days: (Date, Date)) -> String {
    match days {
        (first, last) if first == last => format!("研修の開催日（{}）", format_date(first)),
        (first, last) => format!("研修の開催期間（{}〜{}）", format_date(first), format_date(last)),
    }
}

/// The reason for a time staff record: required, one line, at most [`REASON_MAX_CHARS`].
pub fn check_reason(c: &mut Checker, reason: &str) -> String {
    c.text(&fold_text_width(reason), "reason", "記録の理由", TextShape::single(REASON_MAX_CHARS), true)
}

/// Decides a change on the stored record (see the module doc); `now` is the request's time.
/// `certificate_in_force`: a 受講証明書 issued on this attendance and not revoked. Its times
/// may still be corrected, but not cleared: the certificate would stand on nothing.
pub fn record(
    change: &AttendanceChange<'_>,
    status: ApplicationStatus,
    stored: &Attendance,
    marks: &StaffRecorded,
    training: &Training,
    certificate_in_force: bool,
    now: OffsetDateTime,
) -> Result<ByHand, ByHandError> {
    if training.status == TrainingStatus::Cancelled {
        return Err(ByHandError::TrainingCancelled);
    }
    if status != ApplicationStatus::Confirmed {
        return Err(ByHandError::NotConfirmed);
    }
    let mut c = Checker::new();
    if change.checked_in_at == TimeChange::Keep && change.checked_out_at == TimeChange::Keep {
        c.push("checked_in_at", "required", "出席確認時間または受講確認時間を入力してください");
    }
    let days = training_days(training);
    let reason = check_reason(&mut c, change.reason);
    let note = StaffNote { by: change.by, reason };
    let mut one = |field: &str,
                   label: &str,
                   change: TimeChange,
                   stored: Option<OffsetDateTime>,
                   mark: &Option<StaffNote>| {
        match change {
            TimeChange::Keep => (stored, mark.clone()),
            TimeChange::Set(at) if Some(at) == stored => (stored, mark.clone()),
            TimeChange::Set(at) => {
                let day = to_jst(at).date();
                if day < days.0 || day > days.1 {
                    c.push(
                        field,
                        "outside_training_days",
                        format!("{label}は{}の時刻を入力してください", days_label(days)),
                    );
                } else if at > now {
                    c.push(field, "in_future", format!("{label}に、まだ来ていない時刻は入力できません"));
                }
                (Some(at), Some(note.clone()))
            }
            TimeChange::Clear if stored.is_none() => (None, None),
            TimeChange::Clear if mark.is_none() => {
                c.push(
                    field,
                    "entered_with_code",
                    format!("ご本人が番号で記録した{label}は消去できません。誤りがある場合は時刻を訂正してください"),
                );
                (stored, mark.clone())
            }
            TimeChange::Clear if certificate_in_force => {
                c.push(
                        field,
                        "certificate_issued",
                        format!(
                            "受講証明書を発行済みのため、{label}は消去できません。誤りがある場合は時刻を訂正するか、先に受講証明書を取り消してください"
                        ),
                    );
                (stored, mark.clone())
            }
            TimeChange::Clear => (None, None),
        }
    };
    let (checked_in_at, in_mark) =
        one("checked_in_at", "出席確認時間", change.checked_in_at, stored.checked_in_at, &marks.checked_in);
    let (checked_out_at, out_mark) =
        one("checked_out_at", "受講確認時間", change.checked_out_at, stored.checked_out_at, &marks.checked_out);
    match (checked_in_at, checked_out_at) {
        (None, Some(_)) if change.checked_in_at == TimeChange::Clear => c.push(
            "checked_in_at",
            "checked_out_remains",
            "受講確認時間が記録されているため、出席確認時間だけを消去することはできません",
        ),
        (None, Some(_)) => {
            c.push("checked_in_at", "required", "受講確認時間を記録するには、出席確認時間も入力してください")
        }
        (Some(i), Some(o)) if o < i => {
            c.push("checked_out_at", "before_check_in", "受講確認時間は出席確認時間より後の時刻にしてください")
        }
        _ => {}
    }
    let attendance = Attendance { checked_in_at, checked_out_at };
    let by_staff = StaffRecorded { checked_in: in_mark, checked_out: out_mark };
    c.finish(()).map_err(ByHandError::Invalid)?;
    Ok(ByHand {
        completes: attendance.complete() && !stored.complete(),
        changed: attendance != *stored || by_staff != *marks,
        attendance,
        by_staff,
    })
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;
    use time::Duration;

    use super::*;
    use crate::training::tests::plan;

    // The plan's training: 令和8年12月17日(木) 18:30〜20:00.
    const S: OffsetDateTime = datetime!(2026-12-17 18:30 +09:00);
    const E: OffsetDateTime = datetime!(2026-12-17 20:00 +09:00);
    const NOW: OffsetDateTime = datetime!(2026-12-17 21:00 +09:00);

    fn training(status: TrainingStatus) -> Training {
        Training {
            id: 1,
            status,
            plan: plan(),
            seats_taken: 1,
            day: Default::default(),
            created_at: datetime!(2026-11-01 00:00 UTC),
            updated_at: datetime!(2026-11-01 00:00 UTC),
        }
    }

    fn change(checked_in_at: TimeChange, checked_out_at: TimeChange) -> AttendanceChange<'static> {
        AttendanceChange {
            checked_in_at,
            checked_out_at,
            reason: "スマートフォンの電池切れのため受付で確認",
            by: Some(7),
        }
    }

    fn staff(reason: &str) -> Option<StaffNote> {
        Some(StaffNote { by: Some(7), reason: reason.into() })
    }

    fn run(change: &AttendanceChange<'_>, stored: Attendance, marks: &StaffRecorded) -> Result<ByHand, ByHandError> {
        record(change, ApplicationStatus::Confirmed, &stored, marks, &training(TrainingStatus::Published), false, NOW)
    }

    fn fields(result: Result<ByHand, ByHandError>) -> Vec<(String, &'static str)> {
        match result {
            Err(ByHandError::Invalid(issues)) => issues.into_iter().map(|i| (i.field, i.code)).collect(),
            other => panic!("expected field issues, got {other:?}"),
        }
    }

    #[test]
    fn both_times_recorded_by_staff_complete_attendance_with_their_reason() {
        use TimeChange::*;
        let done = run(&change(Set(S), Set(E)), Attendance::default(), &StaffRecorded::default()).unwrap();
        assert_eq!(done.attendance, Attendance { checked_in_at: Some(S), checked_out_at: Some(E) });
        let reason = "スマートフォンの電池切れのため受付で確認";
        assert_eq!(done.by_staff, StaffRecorded { checked_in: staff(reason), checked_out: staff(reason) });
        assert!(done.completes && done.changed);
    }

    #[test]
    fn the_end_time_after_the_participants_start_code_completes_and_keeps_the_code_unmarked() {
        use TimeChange::*;
        let stored = Attendance { checked_in_at: Some(S), checked_out_at: None };
        let late = E + Duration::minutes(45);
        let done = run(&change(Keep, Set(late)), stored, &StaffRecorded::default()).unwrap();
        assert_eq!(done.attendance.checked_in_at, Some(S));
        assert_eq!(done.by_staff.checked_in, None, "the participant's own code stays theirs");
        assert!(done.by_staff.checked_out.is_some());
        assert!(done.completes);
    }

    #[test]
    fn a_correction_of_complete_attendance_does_not_complete_it_again() {
        use TimeChange::*;
        let stored = Attendance { checked_in_at: Some(S), checked_out_at: Some(E) };
        let done = run(&change(Set(S - Duration::minutes(5)), Keep), stored, &StaffRecorded::default()).unwrap();
        assert!(!done.completes && done.changed);
        assert!(done.by_staff.checked_in.is_some(), "a corrected code time is marked as staff's");
        let same = run(&change(Set(S), Keep), stored, &StaffRecorded::default()).unwrap();
        assert!(!same.changed && !same.completes);
        assert_eq!(same.by_staff, StaffRecorded::default(), "the same time sent again keeps its source");
    }

    #[test]
    fn staff_clear_only_what_staff_recorded() {
        use TimeChange::*;
        let stored = Attendance { checked_in_at: Some(S), checked_out_at: Some(E) };
        let marks = StaffRecorded { checked_in: None, checked_out: staff("受付で確認") };
        let cleared = run(&change(Keep, Clear), stored, &marks).unwrap();
        assert_eq!(cleared.attendance, Attendance { checked_in_at: Some(S), checked_out_at: None });
        assert_eq!(cleared.by_staff, StaffRecorded::default());
        assert!(!cleared.completes);
        assert_eq!(fields(run(&change(Clear, Clear), stored, &marks)), [("checked_in_at".into(), "entered_with_code")]);
        let code_only = StaffRecorded::default();
        assert_eq!(
            fields(run(&change(Keep, Clear), stored, &code_only)),
            [("checked_out_at".into(), "entered_with_code")]
        );
        let by_staff = StaffRecorded { checked_in: staff("a"), checked_out: staff("b") };
        assert_eq!(
            fields(run(&change(Clear, Keep), stored, &by_staff)),
            [("checked_in_at".into(), "checked_out_remains")]
        );
        let both = run(&change(Clear, Clear), stored, &by_staff).unwrap();
        assert_eq!(both.attendance, Attendance::default());
        // Clearing what is not there is no change.
        let nothing = run(&change(Keep, Clear), Attendance::default(), &code_only).unwrap();
        assert!(!nothing.changed);
    }

    #[test]
    fn a_certificate_in_force_keeps_its_times_from_being_cleared_but_not_corrected() {
        use TimeChange::*;
        let stored = Attendance { checked_in_at: Some(S), checked_out_at: Some(E) };
        let marks = StaffRecorded { checked_in: staff("受付で確認"), checked_out: staff("受付で確認") };
        let published = training(TrainingStatus::Published);
        let with_certificate =
            |c: &AttendanceChange<'_>| record(c, ApplicationStatus::Confirmed, &stored, &marks, &published, true, NOW);
        let refused = with_certificate(&change(Keep, Clear));
        let message = match &refused {
            Err(ByHandError::Invalid(issues)) => issues[0].message.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(fields(refused), [("checked_out_at".into(), "certificate_issued")]);
        assert!(message.starts_with("受講証明書を発行済みのため、受講確認時間は消去できません"), "{message}");
        assert_eq!(
            fields(with_certificate(&change(Clear, Clear))),
            [("checked_in_at".into(), "certificate_issued"), ("checked_out_at".into(), "certificate_issued")]
        );
        let corrected = with_certificate(&change(Keep, Set(E + Duration::minutes(5)))).unwrap();
        assert_eq!(corrected.attendance.checked_out_at, Some(E + Duration::minutes(5)));
        // Once the certificate is revoked, staff may clear what they recorded.
        assert!(run(&change(Keep, Clear), stored, &marks).is_ok());
    }

    #[test]
    fn times_fall_on_the_trainings_days_in_japan_and_not_in_the_future() {
        use TimeChange::*;
        let none = (Attendance::default(), StaffRecorded::default());
        let day_before = datetime!(2026-12-16 23:59 +09:00);
        // 2026-12-17 00:30 in Japan is the 16th in UTC: the day is Japan's.
        let early_utc = datetime!(2026-12-16 15:30 UTC);
        assert!(run(&change(Set(early_utc), Keep), none.0, &none.1).is_ok());
        let after = run(&change(Set(day_before), Set(datetime!(2026-12-18 00:00 +09:00))), none.0, &none.1);
        assert_eq!(
            fields(after),
            [("checked_in_at".into(), "outside_training_days"), ("checked_out_at".into(), "outside_training_days")]
        );
        let message = match run(&change(Set(day_before), Keep), none.0, &none.1) {
            Err(ByHandError::Invalid(issues)) => issues[0].message.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(message, "出席確認時間は研修の開催日（令和8年12月17日(木)）の時刻を入力してください");
        let future = record(
            &change(Set(S), Keep),
            ApplicationStatus::Confirmed,
            &none.0,
            &none.1,
            &training(TrainingStatus::Published),
            false,
            S - Duration::minutes(1),
        );
        assert_eq!(fields(future), [("checked_in_at".into(), "in_future")]);
    }

    #[test]
    fn a_training_of_several_days_takes_any_of_them() {
        use TimeChange::*;
        let mut t = training(TrainingStatus::Finished);
        t.plan.ends_at = datetime!(2026-12-18 17:00 +09:00);
        let next_day = datetime!(2026-12-18 16:55 +09:00);
        let later = datetime!(2026-12-19 09:00 +09:00);
        let ok = record(
            &change(Set(S), Set(next_day)),
            ApplicationStatus::Confirmed,
            &Attendance::default(),
            &StaffRecorded::default(),
            &t,
            false,
            later,
        );
        assert!(ok.unwrap().completes);
        let out = record(
            &change(Set(S), Set(later)),
            ApplicationStatus::Confirmed,
            &Attendance::default(),
            &StaffRecorded::default(),
            &t,
            false,
            later,
        );
        match out {
            Err(ByHandError::Invalid(issues)) => assert_eq!(
                issues[0].message,
                "受講確認時間は研修の開催期間（令和8年12月17日(木)〜令和8年12月18日(金)）の時刻を入力してください"
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_end_is_not_before_the_start_and_never_without_it() {
        use TimeChange::*;
        let none = (Attendance::default(), StaffRecorded::default());
        assert_eq!(
            fields(run(&change(Set(E), Set(S)), none.0, &none.1)),
            [("checked_out_at".into(), "before_check_in")]
        );
        assert!(run(&change(Set(S), Set(S)), none.0, &none.1).is_ok(), "the same minute is not before");
        assert_eq!(fields(run(&change(Keep, Set(E)), none.0, &none.1)), [("checked_in_at".into(), "required")]);
        let stored = Attendance { checked_in_at: Some(E), checked_out_at: None };
        assert_eq!(fields(run(&change(Keep, Set(S)), stored, &none.1)), [("checked_out_at".into(), "before_check_in")]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once_and_the_reason_is_one_folded_line() {
        use TimeChange::*;
        let none = (Attendance::default(), StaffRecorded::default());
        let bad =
            AttendanceChange { reason: "  ", ..change(Set(S - Duration::days(1)), Set(NOW + Duration::hours(1))) };
        assert_eq!(
            fields(run(&bad, none.0, &none.1)),
            [
                ("reason".into(), "required"),
                ("checked_in_at".into(), "outside_training_days"),
                ("checked_out_at".into(), "in_future"),
            ]
        );
        let nothing = AttendanceChange { reason: "", ..change(Keep, Keep) };
        assert_eq!(
            fields(run(&nothing, none.0, &none.1)),
            [("checked_in_at".into(), "required"), ("reason".into(), "required")]
        );
        let long = "理".repeat(REASON_MAX_CHARS + 1);
        let too_long = AttendanceChange { reason: &long, ..change(Set(S), Keep) };
        assert_eq!(fields(run(&too_long, none.0, &none.1)), [("reason".into(), "length")]);
        let two_lines = AttendanceChange { reason: "電池切れ\n受付で確認", ..change(Set(S), Keep) };
        assert_eq!(fields(run(&two_lines, none.0, &none.1)), [("reason".into(), "control_character")]);
        let folded =
            AttendanceChange { reason: "  ｽﾏﾎ　なし（ＦＡＸで連絡）  ", ..change(Set(S), Keep) };
        let done = run(&folded, none.0, &none.1).unwrap();
        assert_eq!(done.by_staff.checked_in.unwrap().reason, "スマホ なし（FAXで連絡）");
    }

    #[test]
    fn only_a_held_seat_of_a_live_training() {
        use TimeChange::*;
        let c = change(Set(S), Keep);
        let none = (Attendance::default(), StaffRecorded::default());
        let published = training(TrainingStatus::Published);
        for status in [ApplicationStatus::Waitlisted, ApplicationStatus::Cancelled] {
            assert_eq!(record(&c, status, &none.0, &none.1, &published, false, NOW), Err(ByHandError::NotConfirmed));
        }
        let cancelled = training(TrainingStatus::Cancelled);
        let refused = record(&c, ApplicationStatus::Confirmed, &none.0, &none.1, &cancelled, false, NOW);
        assert_eq!(refused, Err(ByHandError::TrainingCancelled));
        assert_eq!(refused.unwrap_err().code(), ErrorCode::InvalidStatusTransition);
    }
}
