//! 選考 (selection) of Hokkaido practical-training applications: status, proposed order and
//! allocation to exercise schedules (SPEC §5.4).
//!
//! **State model.** An application's state is a [`SelectionState`]: a [`PracticalStatus`]
//! *and* a separate [`Decision`] (受講決定 / キャンセル待ち / 受講不可). The status says how far
//! the application has moved (`submitted, under_review, decided, notified, attended,
//! completed, cancelled`); the decision says what staff decided. Keeping them apart means
//! "notified" never loses the decision, a waitlisted applicant promoted later is simply
//! re-decided (`notified` → `decided`, accepted, awaiting a new notice), and a cancellation
//! still shows what had been decided. One combined status (`notified_accepted`, …) would
//! need three copies of every post-decision state for the same information.
//!
//! Stored as two columns: `status` ([`PracticalStatus::as_str`]) and a nullable `decision`
//! ([`Decision::as_str`]). [`SelectionState::new`] checks that a loaded pair is consistent.

//!
//! **Rules.** [`proposed_order`] ranks, [`allocate`] places on schedules, and [`Selection`]
//! holds one training's applications with the proposal for each: every staff step
//! ([`Selection::decide`], [`Selection::cancel`], …) is decided there and returned as a
//! [`Step`] for the caller to store.

mod allocation;
mod application;
mod bulk;
mod order;
mod outcome;
mod proposal;
mod state;
mod steps;

pub use allocation::{allocate, Allocation, Placement, ScheduleRoom, UnplacedReason};
pub use application::{PracticalApplication, SelectionEventKind, Step};
pub use bulk::{BulkAction, BulkError, BULK_PROPOSAL_REASON};
pub use order::{office_key, proposed_order, shortage, Candidate, Ranked};
pub use outcome::{
    check_progress_date, letter_number, requirement_line, tally, tally_claims, training_period, ApplicantStatus,
    FailedRequirement, NoticeGround, PracticalCounts, ScheduleTally, SeatClaim, Tally,
};
pub use proposal::{Proposal, ScheduleLoad, Selection};
pub use state::{transition, Decision, PracticalStatus, SelectionAction, SelectionError, SelectionState};
pub use steps::{Cancellation, DecisionRequest, Notice, Override, Progress, StepError};

#[cfg(test)]
pub(crate) mod fixtures;
