//! The proposed order of applications (SPEC §5.4) and the office they are grouped by.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::Serialize;
use time::OffsetDateTime;

use crate::practical::PlanCategory;
use crate::practical_form::PracticalForm;
use crate::time_jp::to_jst;

/// The office applications are grouped by for 事業所内の優先順位: its 事業所番号 when
/// given, otherwise its corporation and name without spaces.
pub fn office_key(form: &PracticalForm) -> String {
    let p = &form.placement;
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    if !p.office_number.is_empty() {
        p.office_number.clone()
    } else {
        format!("{}|{}", squeeze(&p.corporation), squeeze(&p.office))
    }
}

/// 不足人数: required − completed, never below zero.
pub fn shortage(required: u32, completed: u32) -> u32 {
    required.saturating_sub(completed)
}

/// One application as the proposed order sees it (配置予定 of the form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i32,
    pub plan_category: PlanCategory,
    /// 必要人数
    pub required_count: u32,
    /// 修了者数
    pub completed_count: u32,
    /// 事業所番号 or name, grouping applications of the same placement office; `None` or
    /// blank: an office of its own.
    pub office_key: Option<String>,
    /// 同一事業所内の優先順位 as stated (1 = first).
    pub office_priority: Option<u32>,
    pub submitted_at: OffsetDateTime,
}

/// A candidate's place in the proposed order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ranked {
    pub id: i32,
    /// 1-based, unique.
    pub rank: u32,
    /// The sort keys for staff, e.g. `減算中・不足2名・事業所内順位1・11/24 10:03受付`.
    pub reason: String,
}

/// The proposed order (SPEC §5.4): plan-category urgency, then shortage (larger first), then
/// the position within the office, then submission time, then id.
///
/// The position within the office is the candidate's place among all candidates with the
/// same `office_key`, ordered by stated priority (missing ones after stated ones), then
/// submission time, then id; it runs 1, 2, 3 … without gaps. Positions compare across
/// offices as numbers: every office's first choice comes before any office's second choice.
/// A sole applicant of an office is its first choice even if it stated no priority or "3".
pub fn proposed_order(candidates: &[Candidate]) -> Vec<Ranked> {
    let positions = office_positions(candidates);
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| {
        let c = &candidates[i];
        (
            c.plan_category.urgency_rank(),
            Reverse(shortage(c.required_count, c.completed_count)),
            positions[i],
            c.submitted_at,
            c.id,
        )
    });
    order
        .into_iter()
        .enumerate()
        .map(|(n, i)| Ranked { id: candidates[i].id, rank: n as u32 + 1, reason: reason(&candidates[i], positions[i]) })
        .collect()
}

/// Each candidate's 1-based position within its office (see [`proposed_order`]).
fn office_positions(candidates: &[Candidate]) -> Vec<u32> {
    let mut offices: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if let Some(key) = c.office_key.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            offices.entry(key).or_default().push(i);
        }
    }
    let mut positions = vec![1; candidates.len()];
    for mut members in offices.into_values() {
        members.sort_by_key(|&i| {
            let c = &candidates[i];
            (c.office_priority.is_none(), c.office_priority, c.submitted_at, c.id)
        });
        for (n, i) in members.into_iter().enumerate() {
            positions[i] = n as u32 + 1;
        }
    }
    positions
}

fn reason(c: &Candidate, position: u32) -> String {
    let short = match shortage(c.required_count, c.completed_count) {
        0 => "不足なし".to_string(),
        n => format!("不足{n}名"),
    };
    let stated = match c.office_priority {
        None => "（未記載）".to_string(),
        Some(p) if p != position => format!("（申告{p}）"),
        Some(_) => String::new(),
    };
    let at = to_jst(c.submitted_at);
    format!(
        "{}・{short}・事業所内順位{position}{stated}・{}/{} {:02}:{:02}受付",
        c.plan_category.label(),
        at.month() as u8,
        at.day(),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn offices_are_grouped_by_number_else_by_corporation_and_name() {
        let cases = [
            ("0112345678", "法人A", "事業所A", "0112345678"),
            ("0112345678", "", "", "0112345678"),
            ("", "社会福祉法人 北の杜", "きたのもり", "社会福祉法人北の杜|きたのもり"),
            ("", "社会福祉法人\u{3000}北の杜", " きたのもり ", "社会福祉法人北の杜|きたのもり"),
            ("", "", "", "|"),
        ];
        for (number, corporation, office, key) in cases {
            let mut form = PracticalForm::default();
            form.placement.office_number = number.into();
            form.placement.corporation = corporation.into();
            form.placement.office = office.into();
            assert_eq!(office_key(&form), key, "{number} {corporation} {office}");
        }
    }

    fn candidate(id: i32, plan_category: PlanCategory, required: u32, completed: u32) -> Candidate {
        Candidate {
            id,
            plan_category,
            required_count: required,
            completed_count: completed,
            office_key: None,
            office_priority: None,
            submitted_at: datetime!(2026-11-24 10:03 +09:00),
        }
    }

    fn ids(ranked: &[Ranked]) -> Vec<i32> {
        ranked.iter().map(|r| r.id).collect()
    }

    #[test]
    fn shortage_never_goes_below_zero() {
        assert_eq!(shortage(3, 1), 2);
        assert_eq!(shortage(1, 1), 0);
        assert_eq!(shortage(1, 4), 0);
    }

    #[test]
    fn urgency_dominates_shortage() {
        use PlanCategory::*;
        let order = proposed_order(&[
            candidate(1, Other, 9, 0),
            candidate(2, Development, 5, 0),
            candidate(3, Reduction, 1, 0),
            candidate(4, Deemed, 8, 0),
        ]);
        assert_eq!(ids(&order), [3, 4, 2, 1]);
        assert_eq!(order.iter().map(|r| r.rank).collect::<Vec<_>>(), [1, 2, 3, 4]);
    }

    #[test]
    fn shortage_dominates_office_priority() {
        let a = Candidate {
            office_key: Some("0112345678".into()),
            office_priority: Some(1),
            ..candidate(1, PlanCategory::NewOffice, 1, 0)
        };
        let b = Candidate {
            office_key: Some("0199999999".into()),
            office_priority: Some(2),
            ..candidate(2, PlanCategory::NewOffice, 3, 0)
        };
        let c = Candidate {
            office_key: Some("0199999999".into()),
            office_priority: Some(1),
            ..candidate(3, PlanCategory::NewOffice, 3, 2)
        };
        // b is its office's second choice but short of 3; c, the first choice, and a are short of 1.
        assert_eq!(ids(&proposed_order(&[a, b, c])), [2, 1, 3]);
    }

    #[test]
    fn office_priority_orders_within_an_office_and_first_choices_come_first() {
        let office = |key: &str, id, priority| Candidate {
            office_key: Some(key.into()),
            office_priority: priority,
            ..candidate(id, PlanCategory::Retirement, 2, 0)
        };
        let order = proposed_order(&[
            office("A", 1, Some(2)),
            office("A", 2, Some(1)),
            office("B", 3, Some(3)), // B's only candidate: its first choice
            office("A", 4, None),
            office(" B ", 5, None), // the same office once trimmed, after B's stated one
            candidate(6, PlanCategory::Retirement, 2, 0), // no office: an office of its own
        ]);
        assert_eq!(ids(&order), [2, 3, 6, 1, 5, 4]);
    }

    #[test]
    fn submission_time_then_id_break_ties() {
        let at = |id, at| Candidate { submitted_at: at, ..candidate(id, PlanCategory::Transfer, 1, 0) };
        let order = proposed_order(&[
            at(3, datetime!(2026-11-24 10:03 +09:00)),
            at(2, datetime!(2026-11-24 10:03 +09:00)),
            at(1, datetime!(2026-11-24 10:04 +09:00)),
            at(4, datetime!(2026-11-24 01:00 UTC)), // 10:00 in Japan
        ]);
        assert_eq!(ids(&order), [4, 2, 3, 1]);
    }

    #[test]
    fn reasons_list_the_sort_keys_in_japan_time() {
        let a = Candidate {
            office_key: Some("0112345678".into()),
            office_priority: Some(1),
            submitted_at: datetime!(2026-11-24 01:03 UTC),
            ..candidate(1, PlanCategory::Reduction, 3, 1)
        };
        let b = Candidate { office_priority: Some(3), ..candidate(2, PlanCategory::Development, 1, 1) };
        let c =
            Candidate { submitted_at: datetime!(2026-12-01 09:05 +09:00), ..candidate(3, PlanCategory::Other, 1, 0) };
        let reasons: Vec<_> = proposed_order(&[a, b, c]).into_iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            [
                "減算中・不足2名・事業所内順位1・11/24 10:03受付",
                "人材育成・不足なし・事業所内順位1（申告3）・11/24 10:03受付",
                "その他・不足1名・事業所内順位1（未記載）・12/1 09:05受付",
            ]
        );
    }
}
