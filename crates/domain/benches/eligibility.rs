//! Eligibility evaluations per second in the domain crate (issue 4, item 7).
//! Run: `cargo bench -p kenshu-domain --bench eligibility`.

use kenshu_domain::eligibility::{
    evaluate, period, Completion, EligibilityInput, LeavePeriod, TargetCategory, TrainingName,
};
use time::macros::date;

fn main() {
    divan::main();
}

/// Seed 003's 対象ア example: two periods around a leave, every rule evaluated.
fn seed_a() -> EligibilityInput {
    EligibilityInput {
        target: Some(TargetCategory::A),
        consultation: Some(Completion { category: TrainingName::E, completed_on: date!(2019 - 12 - 15) }),
        basic: Some(Completion { category: TrainingName::G, completed_on: date!(2019 - 11 - 02) }),
        ojt_start: Some(date!(2019 - 12 - 16)),
        ojt_end: Some(date!(2022 - 05 - 31)),
        working_days: Some(541),
        direct_support: true,
        leave_periods: vec![LeavePeriod { start: date!(2020 - 12 - 01), end: date!(2021 - 03 - 31) }],
        ..Default::default()
    }
}

#[divan::bench]
fn evaluate_seed_a(bencher: divan::Bencher) {
    let input = seed_a();
    bencher.bench(|| evaluate(divan::black_box(&input), divan::black_box(date!(2022 - 06 - 06))));
}

#[divan::bench]
fn evaluate_with_twelve_leaves(bencher: divan::Bencher) {
    let leaves = (0..12)
        .map(|i| {
            let start = date!(2018 - 01 - 01) + time::Duration::days(i * 60);
            LeavePeriod { start, end: start + time::Duration::days(20) }
        })
        .collect();
    let input = EligibilityInput { leave_periods: leaves, ..seed_a() };
    bencher.bench(|| evaluate(divan::black_box(&input), divan::black_box(date!(2022 - 06 - 06))));
}

#[divan::bench]
fn period_between_two_years(bencher: divan::Bencher) {
    bencher.bench(|| {
        period::period_between(divan::black_box(date!(2020 - 06 - 02)), divan::black_box(date!(2022 - 05 - 31)))
    });
}
