//! Allocation of accepted applications to exercise schedules (演習日程, SPEC §5.4).

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

/// An accepted application to place on an exercise schedule (演習日程).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub id: i32,
    /// The preferred schedule id; `None` is どちらでもよい.
    pub preferred: Option<i32>,
    /// The applicant gave a reason they cannot attend another schedule.
    pub binding: bool,
    /// Staff already set this application's schedule: it is kept as is.
    pub fixed: Option<i32>,
}

/// An exercise schedule's seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleRoom {
    pub id: i32,
    pub capacity: u32,
    /// Seats already allocated outside this run.
    pub taken: u32,
}

/// Why an application got no schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnplacedReason {
    /// The preference is binding and that schedule is full: the applicant is not moved.
    BindingScheduleFull,
    /// No schedule has a seat left.
    NoRoom,
    /// The fixed or binding schedule is not one of this training's schedules.
    UnknownSchedule,
}

impl UnplacedReason {
    pub fn as_str(self) -> &'static str {
        match self {
            UnplacedReason::BindingScheduleFull => "binding_schedule_full",
            UnplacedReason::NoRoom => "no_room",
            UnplacedReason::UnknownSchedule => "unknown_schedule",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UnplacedReason::BindingScheduleFull => "希望日程が満員です（他の日程は受講できない理由あり）",
            UnplacedReason::NoRoom => "どの演習日程にも空きがありません",
            UnplacedReason::UnknownSchedule => "指定の演習日程がありません",
        }
    }
}

/// The result of [`allocate`]; every list follows the input order (schedules: their order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Allocation {
    /// (application id, schedule id)
    pub assigned: Vec<(i32, i32)>,
    /// (application id, why not)
    pub unplaced: Vec<(i32, UnplacedReason)>,
    /// (schedule id, seats left), never below zero.
    pub remaining: Vec<(i32, u32)>,
    /// Fixed placements kept although their schedule was already full: (application id,
    /// schedule id). They are in `assigned` too; staff must resolve them.
    pub over_capacity: Vec<(i32, i32)>,
}

/// Places accepted applications, in selection order, on exercise schedules (SPEC §5.4).
///
/// 1. Fixed ones stay on their schedule, even past capacity (reported in `over_capacity`).
/// 2. Who gets a seat follows the order: an application is placed if, with everyone above
///    it, a seat can still be found for all — a binding preference needs a seat in its own
///    schedule (it is never moved: `binding_schedule_full` otherwise), any other
///    application a seat anywhere. So a lower-ranked applicant never takes the last seat
///    from a higher-ranked one because of a preference, and a binding preference only
///    costs the applicant who gave it.
/// 3. Seats are then handed out: binding preferences first, then the others in order, on
///    their preferred schedule if it still has a seat, else on the schedule with the most
///    seats left (ties: the earlier schedule). どちらでもよい, a binding mark without a
///    preference, and a non-binding preference for an unknown schedule count as no
///    preference.
///
/// Apart from fixed ones, no schedule ever gets more than `capacity − taken`.
pub fn allocate(accepted_in_order: &[Placement], schedules: &[ScheduleRoom]) -> Allocation {
    let mut free: Vec<u32> = schedules.iter().map(|s| s.capacity.saturating_sub(s.taken)).collect();
    let index = |id: i32| schedules.iter().position(|s| s.id == id);
    let mut outcome: Vec<Option<Result<i32, UnplacedReason>>> = vec![None; accepted_in_order.len()];
    let mut over_capacity = Vec::new();

    for (i, p) in accepted_in_order.iter().enumerate() {
        let Some(schedule) = p.fixed else { continue };
        outcome[i] = Some(match index(schedule) {
            Some(k) => {
                match free[k].checked_sub(1) {
                    Some(left) => free[k] = left,
                    None => over_capacity.push((p.id, schedule)),
                }
                Ok(schedule)
            }
            None => Err(UnplacedReason::UnknownSchedule),
        });
    }

    // Who is placed, in order: binding demand per schedule and the total stay within room.
    let total_free: u32 = free.iter().sum();
    let mut binding_demand = vec![0u32; schedules.len()];
    let mut admitted_total = 0u32;
    let mut bound_to: Vec<Option<usize>> = vec![None; accepted_in_order.len()];
    for (i, p) in accepted_in_order.iter().enumerate() {
        if outcome[i].is_some() {
            continue;
        }
        let binding = if p.binding { p.preferred } else { None };
        match binding.map(index) {
            Some(None) => outcome[i] = Some(Err(UnplacedReason::UnknownSchedule)),
            // Its schedule is taken by binding preferences ranked above, or every seat is
            // (so that schedule's too).
            Some(Some(k)) if binding_demand[k] >= free[k] || admitted_total >= total_free => {
                outcome[i] = Some(Err(UnplacedReason::BindingScheduleFull))
            }
            None if admitted_total >= total_free => outcome[i] = Some(Err(UnplacedReason::NoRoom)),
            Some(Some(k)) => {
                binding_demand[k] += 1;
                admitted_total += 1;
                bound_to[i] = Some(k);
            }
            None => admitted_total += 1,
        }
    }

    // Seats: binding preferences first, then the rest in order.
    for i in 0..accepted_in_order.len() {
        if let (None, Some(k)) = (outcome[i], bound_to[i]) {
            free[k] -= 1;
            outcome[i] = Some(Ok(schedules[k].id));
        }
    }
    for (i, p) in accepted_in_order.iter().enumerate() {
        if outcome[i].is_some() {
            continue;
        }
        let k = match p.preferred.and_then(index) {
            Some(k) if free[k] > 0 => Some(k),
            _ => most_room(&free),
        };
        outcome[i] = Some(take(&mut free, k, schedules));
    }

    let mut allocation = Allocation {
        remaining: schedules.iter().zip(&free).map(|(s, &f)| (s.id, f)).collect(),
        over_capacity,
        ..Allocation::default()
    };
    for (p, o) in accepted_in_order.iter().zip(outcome) {
        match o.expect("every pass leaves no placement undecided") {
            Ok(schedule) => allocation.assigned.push((p.id, schedule)),
            Err(reason) => allocation.unplaced.push((p.id, reason)),
        }
    }
    allocation
}

/// The schedule with the most seats left, the earliest on ties; `None` if all are full.
fn most_room(free: &[u32]) -> Option<usize> {
    free.iter().enumerate().filter(|(_, &f)| f > 0).min_by_key(|&(k, &f)| (Reverse(f), k)).map(|(k, _)| k)
}

fn take(free: &mut [u32], k: Option<usize>, schedules: &[ScheduleRoom]) -> Result<i32, UnplacedReason> {
    let k = k.ok_or(UnplacedReason::NoRoom)?;
    free[k] -= 1;
    Ok(schedules[k].id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn room(id: i32, capacity: u32, taken: u32) -> ScheduleRoom {
        ScheduleRoom { id, capacity, taken }
    }

    fn wants(id: i32, preferred: Option<i32>, binding: bool) -> Placement {
        Placement { id, preferred, binding, fixed: None }
    }

    #[test]
    fn a_binding_preference_is_kept_and_a_higher_ranked_flexible_one_moves() {
        let a = allocate(&[wants(1, Some(10), false), wants(2, Some(10), true)], &[room(10, 1, 0), room(20, 1, 0)]);
        assert_eq!(a.assigned, [(1, 20), (2, 10)]);
        assert!(a.unplaced.is_empty());
        assert_eq!(a.remaining, [(10, 0), (20, 0)]);
    }

    #[test]
    fn a_binding_preference_on_a_full_schedule_is_not_moved() {
        let a = allocate(&[wants(1, Some(10), true), wants(2, Some(10), true)], &[room(10, 1, 0), room(20, 5, 0)]);
        assert_eq!(a.assigned, [(1, 10)]);
        assert_eq!(a.unplaced, [(2, UnplacedReason::BindingScheduleFull)]);
        assert_eq!(a.remaining, [(10, 0), (20, 5)]);
    }

    #[test]
    fn the_order_decides_who_is_placed_not_having_a_preference() {
        // 1 and 2 rank above 3; the last seat is 2's, although 3 states a preference.
        let a = allocate(
            &[wants(1, Some(10), true), wants(2, None, false), wants(3, Some(20), false)],
            &[room(10, 1, 0), room(20, 1, 0)],
        );
        assert_eq!(a.assigned, [(1, 10), (2, 20)]);
        assert_eq!(a.unplaced, [(3, UnplacedReason::NoRoom)]);
        // A binding preference never takes a seat that a higher-ranked applicant needs.
        let a = allocate(&[wants(1, None, false), wants(2, Some(10), true)], &[room(10, 1, 0)]);
        assert_eq!(a.assigned, [(1, 10)]);
        assert_eq!(a.unplaced, [(2, UnplacedReason::BindingScheduleFull)]);
    }

    #[test]
    fn full_schedules_leave_the_rest_unplaced() {
        let a = allocate(
            &[wants(1, Some(10), false), wants(2, None, false), wants(3, Some(20), false), wants(4, None, false)],
            &[room(10, 1, 0), room(20, 2, 0)],
        );
        assert_eq!(a.assigned, [(1, 10), (2, 20), (3, 20)]);
        assert_eq!(a.unplaced, [(4, UnplacedReason::NoRoom)]);
        assert_eq!(allocate(&[wants(1, None, false)], &[]).unplaced, [(1, UnplacedReason::NoRoom)]);
    }

    #[test]
    fn no_preference_balances_and_ties_go_to_the_earlier_schedule() {
        let any: Vec<_> = (1..=5).map(|id| wants(id, None, false)).collect();
        let a = allocate(&any, &[room(10, 10, 0), room(20, 10, 0)]);
        assert_eq!(a.assigned, [(1, 10), (2, 20), (3, 10), (4, 20), (5, 10)]);
        assert_eq!(a.remaining, [(10, 7), (20, 8)]);
        // A flexible preference on a full schedule also moves to the earlier of equal ones.
        let a = allocate(&[wants(1, Some(10), false)], &[room(10, 0, 0), room(20, 3, 0), room(30, 3, 0)]);
        assert_eq!(a.assigned, [(1, 20)]);
    }

    #[test]
    fn seats_taken_elsewhere_count() {
        let a = allocate(
            &[wants(1, Some(10), false), wants(2, None, false), wants(3, Some(30), true)],
            &[room(10, 5, 4), room(20, 5, 2), room(30, 2, 3)],
        );
        assert_eq!(a.assigned, [(1, 10), (2, 20)]);
        assert_eq!(a.unplaced, [(3, UnplacedReason::BindingScheduleFull)]);
        assert_eq!(a.remaining, [(10, 0), (20, 2), (30, 0)]);
    }

    #[test]
    fn fixed_placements_are_kept_and_over_capacity_reported() {
        let placements = [
            Placement { id: 1, preferred: Some(20), binding: true, fixed: Some(10) },
            Placement { id: 2, preferred: None, binding: false, fixed: Some(10) },
            wants(3, Some(10), true),
            Placement { id: 4, preferred: None, binding: false, fixed: Some(99) },
        ];
        let a = allocate(&placements, &[room(10, 1, 0), room(20, 1, 0)]);
        assert_eq!(a.assigned, [(1, 10), (2, 10)]);
        assert_eq!(a.over_capacity, [(2, 10)]);
        assert_eq!(a.unplaced, [(3, UnplacedReason::BindingScheduleFull), (4, UnplacedReason::UnknownSchedule)]);
        assert_eq!(a.remaining, [(10, 0), (20, 1)]);
    }

    #[test]
    fn unknown_preferences_bind_only_when_binding() {
        let a = allocate(&[wants(1, Some(99), true), wants(2, Some(99), false)], &[room(10, 1, 0)]);
        assert_eq!(a.assigned, [(2, 10)]);
        assert_eq!(a.unplaced, [(1, UnplacedReason::UnknownSchedule)]);
    }

    fn inputs() -> impl Strategy<Value = (Vec<Placement>, Vec<ScheduleRoom>)> {
        let rooms = prop::collection::vec((0u32..6, 0u32..8), 0..4)
            .prop_map(|v| v.into_iter().enumerate().map(|(k, (c, t))| room(k as i32 + 1, c, t)).collect::<Vec<_>>());
        // Schedule ids 1..=3 exist at most; 4 and 5 may be unknown.
        let placement = (prop::option::of(1i32..6), any::<bool>(), prop::option::weighted(0.15, 1i32..6));
        let placements = prop::collection::vec(placement, 0..25).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (preferred, binding, fixed))| Placement { id: 100 + i as i32, preferred, binding, fixed })
                .collect::<Vec<_>>()
        });
        (placements, rooms)
    }

    proptest! {
        #[test]
        fn allocation_respects_capacity_and_places_everyone_once((placements, rooms) in inputs()) {
            let a = allocate(&placements, &rooms);
            let mut seen: Vec<i32> =
                a.assigned.iter().map(|&(id, _)| id).chain(a.unplaced.iter().map(|&(id, _)| id)).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, placements.iter().map(|p| p.id).collect::<Vec<_>>());

            for (k, r) in rooms.iter().enumerate() {
                let fixed = placements.iter().filter(|p| p.fixed == Some(r.id)).count() as u32;
                let total = a.assigned.iter().filter(|&&(_, s)| s == r.id).count() as u32;
                prop_assert!(total - fixed <= r.capacity.saturating_sub(r.taken).saturating_sub(fixed));
                if fixed == 0 {
                    prop_assert!(r.taken + total <= r.capacity.max(r.taken));
                }
                prop_assert_eq!(a.remaining[k], (r.id, r.capacity.saturating_sub(r.taken + total)));
            }

            for p in placements.iter().filter(|p| p.binding && p.fixed.is_none() && p.preferred.is_some()) {
                if let Some(&(_, s)) = a.assigned.iter().find(|&&(id, _)| id == p.id) {
                    prop_assert_eq!(Some(s), p.preferred);
                }
            }

            if a.unplaced.iter().any(|&(_, r)| r == UnplacedReason::NoRoom) {
                prop_assert!(a.remaining.iter().all(|&(_, left)| left == 0));
            }
        }
    }
}
