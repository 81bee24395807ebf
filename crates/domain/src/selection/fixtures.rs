//! Test data: a practical training with two exercise schedules and eligible applicants.

use time::macros::datetime;

use super::application::PracticalApplication;
use super::state::{Decision, PracticalStatus, SelectionState};
use crate::eligibility::{Outcome, TargetCategory};
use crate::practical::PlanCategory;
use crate::practical_form::tests::seed_example_a;
use crate::training::{ExerciseSchedulePlan, FormKind, Format, Training, TrainingPlan, TrainingStatus};

/// 第1日程 and 第2日程.
pub const S1: i32 = 11;
pub const S2: i32 = 12;

/// A practical training whose lecture starts 2022-06-06 (seed 003's), with two schedules of
/// `capacity` seats each.
pub fn practical_training(capacity: i32, waiting_list: bool) -> Training {
    let schedule = |id, label: &str, day| ExerciseSchedulePlan {
        id: Some(id),
        label: label.into(),
        starts_at: day,
        ends_at: day + time::Duration::hours(7),
        capacity,
    };
    Training {
        id: 7,
        status: TrainingStatus::Published,
        plan: TrainingPlan {
            title: "令和4年度 北海道サービス管理責任者等実践研修".into(),
            purpose: "目的".into(),
            organiser: "北海道".into(),
            starts_at: datetime!(2022-06-06 09:30 +09:00),
            ends_at: datetime!(2022-06-07 16:30 +09:00),
            venue: "会場".into(),
            theme: "テーマ".into(),
            lecturer: "講師".into(),
            target_audience: "対象者".into(),
            fee_yen: 0,
            capacity: 2 * capacity,
            format: Format::InPerson,
            zoom_url: None,
            zoom_meeting_id: None,
            zoom_passcode: None,
            room_opens_minutes_before: 30,
            application_opens_at: datetime!(2022-04-01 09:00 +09:00),
            application_closes_at: datetime!(2022-05-10 17:00 +09:00),
            check_in_opens_minutes_before: 30,
            check_in_grace_minutes: 5,
            check_out_window_minutes: 30,
            issues_certificate: true,
            checklist_required: false,
            form_kind: FormKind::Practical,
            waiting_list,
            contact: String::new(),
            exercise_schedules: vec![
                schedule(S1, "第1日程", datetime!(2022-07-04 09:30 +09:00)),
                schedule(S2, "第2日程", datetime!(2022-07-11 09:30 +09:00)),
            ],
        },
        seats_taken: 0,
        day: Default::default(),
        created_at: datetime!(2022-03-01 00:00 UTC),
        updated_at: datetime!(2022-03-01 00:00 UTC),
    }
}

/// The seed's ア applicant, eligible and just submitted, alone in its office and two places
/// short like every other (so the plan category and then the id order them), not waiting.
pub fn applicant(id: i32, category: PlanCategory, preferred: Option<i32>, binding: bool) -> PracticalApplication {
    let mut form = seed_example_a();
    form.preferred_schedule_id = preferred;
    form.any_schedule = preferred.is_none();
    form.schedule_reason = if binding { "他の日程は受講できないため".into() } else { String::new() };
    form.placement.office_number = format!("01000000{id:02}");
    form.placement_need.plan_category = Some(category);
    form.placement_need.required_count = Some(3);
    form.placement_need.completed_count = Some(1);
    form.placement_need.office_priority = Some(1);
    form.placement_need.wants_waitlist = false;
    PracticalApplication {
        id,
        state: SelectionState::SUBMITTED,
        form,
        schedule_id: None,
        submitted_outcome: Outcome::Eligible,
        submitted_at: datetime!(2022-04-10 10:00 +09:00),
    }
}

/// Decided (not notified yet) with `decision`, on `schedule`.
pub fn decided(a: PracticalApplication, decision: Decision, schedule: Option<i32>) -> PracticalApplication {
    PracticalApplication { schedule_id: schedule, ..a.with_state(PracticalStatus::Decided, Some(decision)) }
}

impl PracticalApplication {
    /// Asks for the waiting list.
    pub fn waiting(mut self) -> Self {
        self.form.placement_need.wants_waitlist = true;
        self
    }

    /// Entries that do not meet the requirements (the ウ target without a lapsed renewal).
    pub fn not_eligible(mut self) -> Self {
        self.form.target = Some(TargetCategory::U);
        self
    }

    pub fn with_state(mut self, status: PracticalStatus, decision: Option<Decision>) -> Self {
        self.state = SelectionState::new(status, decision).unwrap();
        self
    }
}
