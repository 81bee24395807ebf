//! 開始番号・終了番号 (SPEC §4, seed 000 sections 3–5): when each 4-digit code may be
//! entered, what My Page shows at each moment (screens A–E), and what a code must look like.
//!
//! Windows, with the training's own minutes (defaults 30, 5, 30):
//! start code from S − `check_in_opens_minutes_before` to S + `check_in_grace_minutes`,
//! end code from E to E + `check_out_window_minutes`; both ends included.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::{Duration, OffsetDateTime};

use crate::application::ApplicationStatus;
use crate::attendance::Attendance;
use crate::text::width::to_ascii_width;
use crate::training::{Training, TrainingPlan};
use crate::{Catalogued, ErrorCode, FieldIssue};

/// Which of the two codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// 開始番号: entered on arrival (出席確認).
    Start,
    /// 終了番号: entered at the end (受講確認).
    End,
}

impl CodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CodeKind::Start => "start",
            CodeKind::End => "end",
        }
    }

    /// 開始番号 / 終了番号
    pub fn label(self) -> &'static str {
        match self {
            CodeKind::Start => "開始番号",
            CodeKind::End => "終了番号",
        }
    }
}

/// When a code may be entered; both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub opens_at: OffsetDateTime,
    pub closes_at: OffsetDateTime,
}

/// Where "now" stands against a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WindowState {
    NotYet,
    Open,
    Passed,
}

impl Window {
    pub fn state(&self, now: OffsetDateTime) -> WindowState {
        if now < self.opens_at {
            WindowState::NotYet
        } else if now <= self.closes_at {
            WindowState::Open
        } else {
            WindowState::Passed
        }
    }
}

/// The window of one code, from the training's times and minutes.
pub fn window(kind: CodeKind, plan: &TrainingPlan) -> Window {
    let minutes = |m: i32| Duration::minutes(i64::from(m));
    match kind {
        CodeKind::Start => Window {
            opens_at: plan.starts_at - minutes(plan.check_in_opens_minutes_before),
            closes_at: plan.starts_at + minutes(plan.check_in_grace_minutes),
        },
        CodeKind::End => {
            Window { opens_at: plan.ends_at, closes_at: plan.ends_at + minutes(plan.check_out_window_minutes) }
        }
    }
}

/// A code as typed: full-width digits and surrounding spaces are accepted; anything but
/// exactly four digits is `None`.
pub fn parse_code(input: &str) -> Option<String> {
    let code = to_ascii_width(input).trim().to_owned();
    (code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// The field issue of a code that is not four digits.
pub fn code_issue(field: &str, label: &str) -> FieldIssue {
    FieldIssue::new(field, "code_format", format!("{label}は4ケタの数字で入力してください"))
}

/// Why a code cannot be entered now. Nothing is recorded when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DayError {
    #[error("受講が確定したお申込みのみ入力できます")]
    NotConfirmed,
    #[error("{}", closed_reason(*.kind, .plan_minutes, WindowState::NotYet))]
    NotYet { kind: CodeKind, plan_minutes: Minutes },
    #[error("{}", closed_reason(*.kind, .plan_minutes, WindowState::Passed))]
    Passed { kind: CodeKind, plan_minutes: Minutes },
    #[error("開始番号が入力されていないため、終了番号は入力できません")]
    NotCheckedIn,
    #[error("開始番号は入力済みです")]
    AlreadyCheckedIn,
    #[error("終了番号は入力済みです")]
    AlreadyCheckedOut,
    #[error("{}がまだ設定されていません。事務局にお問い合わせください", .0.label())]
    CodeNotSet(CodeKind),
}

/// The training's window minutes, for the messages that name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minutes {
    pub opens_before: i32,
    pub grace: i32,
    pub check_out: i32,
}

impl Minutes {
    pub fn of(plan: &TrainingPlan) -> Self {
        Self {
            opens_before: plan.check_in_opens_minutes_before,
            grace: plan.check_in_grace_minutes,
            check_out: plan.check_out_window_minutes,
        }
    }
}

/// The sentence My Page shows under a closed field (seed 000 screens A and C), with the
/// training's own minutes.
pub fn closed_reason(kind: CodeKind, m: &Minutes, state: WindowState) -> String {
    match (kind, state) {
        (CodeKind::Start, WindowState::NotYet) => {
            format!("開始番号4ケタを入力できません。研修開始{}分前までお待ちください。", m.opens_before)
        }
        (CodeKind::Start, _) => format!(
            "開始番号の入力時間（研修開始{}分後まで）を過ぎました。受付または事務局にお申し出ください。",
            m.grace
        ),
        (CodeKind::End, WindowState::NotYet) => "終了番号4ケタを入力できません。研修終了までお待ちください。".into(),
        (CodeKind::End, _) => {
            format!("終了番号の入力時間（研修終了{}分後まで）を過ぎました。事務局にお問い合わせください。", m.check_out)
        }
    }
}

impl Catalogued for DayError {
    fn code(&self) -> ErrorCode {
        match self {
            DayError::NotConfirmed => ErrorCode::NotConfirmedForDay,
            DayError::NotYet { .. } => ErrorCode::CodeWindowNotOpen,
            DayError::Passed { .. } => ErrorCode::CodeWindowClosed,
            DayError::NotCheckedIn => ErrorCode::NotCheckedIn,
            DayError::AlreadyCheckedIn => ErrorCode::AlreadyCheckedIn,
            DayError::AlreadyCheckedOut => ErrorCode::AlreadyCheckedOut,
            DayError::CodeNotSet(_) => ErrorCode::CodeNotSet,
        }
    }

    fn detail(&self) -> Option<String> {
        Some(self.to_string())
    }
}

/// Whether this application may enter this code now; the code itself is compared after.
pub fn may_enter(
    kind: CodeKind,
    status: ApplicationStatus,
    attendance: &Attendance,
    training: &Training,
    now: OffsetDateTime,
) -> Result<(), DayError> {
    if status != ApplicationStatus::Confirmed {
        return Err(DayError::NotConfirmed);
    }
    match kind {
        CodeKind::Start if attendance.checked_in_at.is_some() => return Err(DayError::AlreadyCheckedIn),
        CodeKind::End if attendance.checked_out_at.is_some() => return Err(DayError::AlreadyCheckedOut),
        CodeKind::End if attendance.checked_in_at.is_none() => return Err(DayError::NotCheckedIn),
        _ => {}
    }
    let plan_minutes = Minutes::of(&training.plan);
    match window(kind, &training.plan).state(now) {
        WindowState::NotYet => return Err(DayError::NotYet { kind, plan_minutes }),
        WindowState::Passed => return Err(DayError::Passed { kind, plan_minutes }),
        WindowState::Open => {}
    }
    let code = match kind {
        CodeKind::Start => &training.day.start_code,
        CodeKind::End => &training.day.end_code,
    };
    if code.is_none() {
        return Err(DayError::CodeNotSet(kind));
    }
    Ok(())
}

/// The screen My Page shows (seed 000 sections 3–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    /// The seat is not held (waiting list, cancelled): no codes.
    NotConfirmed,
    /// A. 研修開始31分以上前: the start field is closed.
    BeforeCheckIn,
    /// B. 研修開始30分前～研修開始: enter the start code.
    CheckIn,
    /// The start window passed without the start code.
    CheckInMissed,
    /// C. 研修終了前: checked in; the end field is closed.
    Waiting,
    /// D. 研修終了～研修終了30分後: enter the end code.
    CheckOut,
    /// The end window passed without the end code.
    CheckOutMissed,
    /// E. both codes in.
    Done,
}

/// Which screen, from the record and the time.
pub fn screen(status: ApplicationStatus, attendance: &Attendance, plan: &TrainingPlan, now: OffsetDateTime) -> Screen {
    if status != ApplicationStatus::Confirmed {
        return Screen::NotConfirmed;
    }
    match (attendance.checked_in_at, attendance.checked_out_at) {
        (_, Some(_)) => Screen::Done,
        (None, None) => match window(CodeKind::Start, plan).state(now) {
            WindowState::NotYet => Screen::BeforeCheckIn,
            WindowState::Open => Screen::CheckIn,
            WindowState::Passed => Screen::CheckInMissed,
        },
        (Some(_), None) => match window(CodeKind::End, plan).state(now) {
            WindowState::NotYet => Screen::Waiting,
            WindowState::Open => Screen::CheckOut,
            WindowState::Passed => Screen::CheckOutMissed,
        },
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::training::{FormKind, Format, TrainingDay, TrainingStatus};

    const S: OffsetDateTime = datetime!(2026-12-05 13:00 +09:00);
    const E: OffsetDateTime = datetime!(2026-12-05 15:00 +09:00);

    fn training(opens_before: i32, grace: i32, check_out: i32) -> Training {
        Training {
            id: 1,
            status: TrainingStatus::Published,
            seats_taken: 1,
            day: TrainingDay { start_code: Some("1234".into()), end_code: Some("5678".into()), ..Default::default() },
            created_at: S,
            updated_at: S,
            plan: TrainingPlan {
                title: "研修".into(),
                purpose: String::new(),
                organiser: "主催".into(),
                starts_at: S,
                ends_at: E,
                venue: "会場".into(),
                theme: String::new(),
                lecturer: String::new(),
                target_audience: String::new(),
                fee_yen: 0,
                capacity: 10,
                format: Format::InPerson,
                zoom_url: None,
                zoom_meeting_id: None,
                zoom_passcode: None,
                room_opens_minutes_before: 30,
                application_opens_at: S - Duration::days(30),
                application_closes_at: S - Duration::days(1),
                check_in_opens_minutes_before: opens_before,
                check_in_grace_minutes: grace,
                check_out_window_minutes: check_out,
                issues_certificate: true,
                checklist_required: false,
                form_kind: FormKind::Simple,
                waiting_list: false,
                contact: String::new(),
                exercise_schedules: vec![],
            },
        }
    }

    fn min(n: i64) -> Duration {
        Duration::minutes(n)
    }

    fn checked_in() -> Attendance {
        Attendance { checked_in_at: Some(S), checked_out_at: None }
    }

    #[test]
    fn each_edge_of_both_windows() {
        use WindowState::*;
        let t = training(30, 5, 30);
        let cases = [
            (CodeKind::Start, S - min(31), NotYet),
            (CodeKind::Start, S - min(30) - Duration::seconds(1), NotYet),
            (CodeKind::Start, S - min(30), Open),
            (CodeKind::Start, S, Open),
            (CodeKind::Start, S + min(5), Open),
            (CodeKind::Start, S + min(5) + Duration::seconds(1), Passed),
            (CodeKind::Start, S + min(6), Passed),
            (CodeKind::End, E - min(1), NotYet),
            (CodeKind::End, E, Open),
            (CodeKind::End, E + min(30), Open),
            (CodeKind::End, E + min(31), Passed),
        ];
        for (kind, now, want) in cases {
            assert_eq!(window(kind, &t.plan).state(now), want, "{kind:?} at {now}");
        }
    }

    #[test]
    fn the_windows_follow_the_trainings_own_minutes() {
        let t = training(45, 10, 15);
        let start = window(CodeKind::Start, &t.plan);
        assert_eq!((start.opens_at, start.closes_at), (S - min(45), S + min(10)));
        let end = window(CodeKind::End, &t.plan);
        assert_eq!((end.opens_at, end.closes_at), (E, E + min(15)));
        let closed = may_enter(CodeKind::Start, ApplicationStatus::Confirmed, &Attendance::default(), &t, S - min(46));
        assert_eq!(
            closed.unwrap_err().to_string(),
            "開始番号4ケタを入力できません。研修開始45分前までお待ちください。"
        );
    }

    #[test]
    fn what_may_be_entered_when() {
        use DayError::*;
        let t = training(30, 5, 30);
        let m = Minutes::of(&t.plan);
        let none = Attendance::default();
        let done = Attendance { checked_in_at: Some(S), checked_out_at: Some(E) };
        let confirmed = ApplicationStatus::Confirmed;
        type Case = (CodeKind, ApplicationStatus, Attendance, OffsetDateTime, Result<(), DayError>);
        let cases: [Case; 12] = [
            (CodeKind::Start, confirmed, none, S - min(31), Err(NotYet { kind: CodeKind::Start, plan_minutes: m })),
            (CodeKind::Start, confirmed, none, S - min(30), Ok(())),
            (CodeKind::Start, confirmed, none, S + min(5), Ok(())),
            (CodeKind::Start, confirmed, none, S + min(6), Err(Passed { kind: CodeKind::Start, plan_minutes: m })),
            (CodeKind::Start, confirmed, checked_in(), S, Err(AlreadyCheckedIn)),
            (CodeKind::Start, ApplicationStatus::Waitlisted, none, S, Err(NotConfirmed)),
            (CodeKind::Start, ApplicationStatus::Cancelled, none, S, Err(NotConfirmed)),
            (CodeKind::End, confirmed, none, E, Err(NotCheckedIn)),
            (CodeKind::End, confirmed, checked_in(), E - min(1), Err(NotYet { kind: CodeKind::End, plan_minutes: m })),
            (CodeKind::End, confirmed, checked_in(), E, Ok(())),
            (CodeKind::End, confirmed, checked_in(), E + min(31), Err(Passed { kind: CodeKind::End, plan_minutes: m })),
            (CodeKind::End, confirmed, done, E, Err(AlreadyCheckedOut)),
        ];
        for (kind, status, attendance, now, want) in cases {
            assert_eq!(may_enter(kind, status, &attendance, &t, now), want, "{kind:?} {status:?} {attendance:?} {now}");
        }
        let unset = Training { day: TrainingDay::default(), ..t };
        assert_eq!(may_enter(CodeKind::Start, confirmed, &none, &unset, S), Err(CodeNotSet(CodeKind::Start)));
    }

    #[test]
    fn the_screen_at_each_moment() {
        use Screen::*;
        let plan = training(30, 5, 30).plan;
        let none = Attendance::default();
        let done = Attendance { checked_in_at: Some(S), checked_out_at: Some(E) };
        let confirmed = ApplicationStatus::Confirmed;
        let cases = [
            (confirmed, none, S - min(31), BeforeCheckIn),
            (confirmed, none, S - min(30), CheckIn),
            (confirmed, none, S + min(5), CheckIn),
            (confirmed, none, S + min(6), CheckInMissed),
            (confirmed, checked_in(), S, Waiting),
            (confirmed, checked_in(), E - min(1), Waiting),
            (confirmed, checked_in(), E, CheckOut),
            (confirmed, checked_in(), E + min(30), CheckOut),
            (confirmed, checked_in(), E + min(31), CheckOutMissed),
            (confirmed, done, E + min(31), Done),
            (ApplicationStatus::Waitlisted, none, S, NotConfirmed),
        ];
        for (status, attendance, now, want) in cases {
            assert_eq!(screen(status, &attendance, &plan, now), want, "{status:?} {attendance:?} {now}");
        }
    }

    #[test]
    fn codes_are_four_digits_full_width_accepted() {
        assert_eq!(parse_code("1234"), Some("1234".into()));
        assert_eq!(parse_code("１２３４"), Some("1234".into()));
        assert_eq!(parse_code(" 0007 "), Some("0007".into()));
        for bad in ["", "123", "12345", "12a4", "１２３", "12 34", "-123", "١٢٣٤"] {
            assert_eq!(parse_code(bad), None, "{bad:?}");
        }
    }
}
