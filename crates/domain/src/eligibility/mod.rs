//! 受講要件 of the Hokkaido practical training (seed 003 ※2, ※8, ※11, ※12; SPEC §5.1–5.2).
//!
//! One engine serves the form (live feedback), staff review and the public endpoint. It reads
//! no clock: the lecture start date is an argument.

pub mod period;
mod rules;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::dates::Years;
use crate::FieldIssue;

pub use crate::wareki::fiscal_year;
pub use period::Ymd;
pub use rules::{evaluate, renewal_deadline};

/// 受講対象 ア / イ / ウ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TargetCategory {
    /// ア OJT期間2年以上
    A,
    /// イ OJT期間6ヶ月以上（一定の要件を満たす）
    I,
    /// ウ 更新期限切れ
    U,
}

/// 研修名称の区分 a–j (※12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingName {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
}

impl TrainingName {
    /// The fiscal years in which a completion of this kind can lie (inclusive; None = open).
    pub fn fiscal_years(self) -> (Option<i32>, Option<i32>) {
        use TrainingName::*;
        match self {
            A => (None, Some(2007)),
            B => (Some(2006), Some(2006)),
            C => (Some(2007), None),
            D => (Some(2007), Some(2011)),
            E => (Some(2012), None),
            F => (Some(2006), Some(2018)),
            G => (Some(2019), None),
            H => (Some(2021), None),
            I => (Some(2019), None),
            J => (Some(2023), None),
        }
    }

    /// The name as ※12 writes it.
    pub fn label(self) -> &'static str {
        use TrainingName::*;
        match self {
            A => "障害者ケアマネジメント研修（＋補完研修）",
            B => "障害者ケアマネジメント従事者研修",
            C => "相談支援従事者研修（基礎／初任者）",
            D => "相談支援従事者研修（サビ管向け）",
            E => "相談支援従事者研修（サビ管／児発管向け）",
            F => "旧サービス管理責任者研修（第1〜4分野）／旧児童発達支援管理責任者研修",
            G => "サビ管・児発管 基礎研修",
            H => "サビ管・児発管 実践研修",
            I => "サビ管・児発管 更新研修",
            J => "専門コース別研修",
        }
    }
}

/// One of the four completion slots ①–④ of the form (研修の受講（修了歴）, SPEC §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// ① 相談支援
    Consultation,
    /// ② サビ管・児発管（基礎・旧分野別）
    Basic,
    /// ③ サビ管・児発管（実践）
    Practical,
    /// ④ サビ管・児発管（更新）
    Renewal,
}

impl Slot {
    pub const ALL: [Slot; 4] = [Slot::Consultation, Slot::Basic, Slot::Practical, Slot::Renewal];

    /// The field name in the form and in [`EligibilityInput`].
    pub fn key(self) -> &'static str {
        match self {
            Slot::Consultation => "consultation",
            Slot::Basic => "basic",
            Slot::Practical => "practical",
            Slot::Renewal => "renewal",
        }
    }

    /// ①相談支援, as the form prints it.
    pub fn label(self) -> &'static str {
        match self {
            Slot::Consultation => "①相談支援",
            Slot::Basic => "②サビ管・児発管（基礎・旧分野別）",
            Slot::Practical => "③サビ管・児発管（実践）",
            Slot::Renewal => "④サビ管・児発管（更新）",
        }
    }

    /// The id of the rule that checks this slot (`slot_consultation`).
    pub fn rule(self) -> &'static str {
        match self {
            Slot::Consultation => "slot_consultation",
            Slot::Basic => "slot_basic",
            Slot::Practical => "slot_practical",
            Slot::Renewal => "slot_renewal",
        }
    }

    /// ★: ① and ② must be filled in on the form.
    pub fn required(self) -> bool {
        matches!(self, Slot::Consultation | Slot::Basic)
    }

    /// The categories this slot takes (※12).
    pub fn allowed(self) -> &'static [TrainingName] {
        use TrainingName::*;
        match self {
            Slot::Consultation => &[A, B, C, D, E],
            Slot::Basic => &[F, G],
            Slot::Practical => &[H],
            Slot::Renewal => &[I],
        }
    }

    /// This slot's completion in the input.
    pub fn of(self, input: &EligibilityInput) -> Option<Completion> {
        match self {
            Slot::Consultation => input.consultation,
            Slot::Basic => input.basic,
            Slot::Practical => input.practical,
            Slot::Renewal => input.renewal,
        }
    }

    /// Whether a completion belongs in this slot: its category must be one the slot takes,
    /// and its date must lie in the category's fiscal years (※12).
    pub fn check(self, completion: Completion) -> Result<(), SlotError> {
        if !self.allowed().contains(&completion.category) {
            return Err(SlotError::WrongCategory);
        }
        let fiscal_year = fiscal_year(completion.completed_on);
        let (from, to) = completion.category.fiscal_years();
        if from.is_some_and(|f| fiscal_year < f) || to.is_some_and(|t| fiscal_year > t) {
            return Err(SlotError::OutsideFiscalYears { fiscal_year });
        }
        Ok(())
    }
}

/// Why a completion does not belong in its slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotError {
    /// The slot does not take this category.
    WrongCategory,
    /// The completion lies outside the category's fiscal years.
    OutsideFiscalYears { fiscal_year: i32 },
}

impl SlotError {
    /// The message for `completion` in `slot`, as both the form and the rules show it.
    pub fn message(self, slot: Slot, completion: Completion) -> String {
        let category = completion.category;
        match self {
            SlotError::WrongCategory => {
                let names: Vec<String> = slot.allowed().iter().map(|n| format!("{n:?}").to_lowercase()).collect();
                format!("「{}」は{}の欄には選べません（区分 {}）", category.label(), slot.label(), names.join("・"))
            }
            SlotError::OutsideFiscalYears { fiscal_year } => {
                let (from, to) = category.fiscal_years();
                format!(
                    "{}「{}」の修了年月日が実施年度（{}）に含まれません（入力: {fiscal_year}年度）",
                    slot.label(),
                    category.label(),
                    crate::wareki::fiscal_years_span(from, to)
                )
            }
        }
    }
}

/// One of the four completion slots ①–④ of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Completion {
    pub category: TrainingName,
    pub completed_on: Date,
}

/// 基礎研修修了後の実務経験 and everything else the rules read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibilityInput {
    pub target: Option<TargetCategory>,
    /// ① 相談支援
    pub consultation: Option<Completion>,
    /// ② サビ管・児発管（基礎・旧分野別）
    pub basic: Option<Completion>,
    /// ③ 実践
    pub practical: Option<Completion>,
    /// ④ 更新
    pub renewal: Option<Completion>,
    /// 更新研修の経過措置の対象者 (requirements met by FY2018, ※9).
    #[serde(default)]
    pub transitional: bool,
    /// OJT start and end as the applicant writes them; the engine derives its own too.
    pub ojt_start: Option<Date>,
    pub ojt_end: Option<Date>,
    /// 勤務日数 over the OJT period (概算).
    pub working_days: Option<u32>,
    /// 個別支援計画作成業務
    #[serde(default)]
    pub plan_creation: bool,
    /// 相談支援業務
    #[serde(default)]
    pub consultation_work: bool,
    /// 直接支援業務
    #[serde(default)]
    pub direct_support: bool,
    /// 【OJT6ヶ月要件】①–③ of ※8 all met (イ only).
    #[serde(default)]
    pub six_month_requirements: bool,
    /// 休職期間, each with both ends included.
    #[serde(default)]
    pub leave_periods: Vec<LeavePeriod>,
}

impl EligibilityInput {
    /// Every date of a check outside [`Years::PERSONAL`]: the lecture start
    /// (`lecture_start`) and the input's dates, named by their path under `prefix`
    /// (`applicant.consultation.completed_on`). The rules compute nothing from such dates.
    pub fn date_issues(&self, lecture_start: Date, prefix: &str) -> Vec<FieldIssue> {
        let mut dates: Vec<(String, String, Date)> = Vec::new();
        for slot in Slot::ALL {
            if let Some(c) = slot.of(self) {
                dates.push((
                    format!("{}.completed_on", slot.key()),
                    format!("{}の修了年月日", slot.label()),
                    c.completed_on,
                ));
            }
        }
        for (key, label, day) in
            [("ojt_start", "OJT期間の始期", self.ojt_start), ("ojt_end", "OJT期間の終期", self.ojt_end)]
        {
            if let Some(day) = day {
                dates.push((key.into(), label.into(), day));
            }
        }
        for (i, leave) in self.leave_periods.iter().enumerate() {
            dates.push((format!("leave_periods[{i}].start"), "休職期間の始まり".into(), leave.start));
            dates.push((format!("leave_periods[{i}].end"), "休職期間の終わり".into(), leave.end));
        }
        let lecture = Years::PERSONAL.check(lecture_start, "lecture_start", "実践研修の講義開始日").err();
        let applicant = dates.into_iter().filter_map(|(path, label, day)| {
            let field = if prefix.is_empty() { path } else { format!("{prefix}.{path}") };
            Years::PERSONAL.check(day, &field, &label).err()
        });
        lecture.into_iter().chain(applicant).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeavePeriod {
    pub start: Date,
    pub end: Date,
}

/// pass / fail / warning of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RuleStatus {
    Pass,
    Fail,
    Warning,
}

/// One rule's outcome, with a Japanese message and the seed's reference (※E …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleResult {
    // Cow: static texts when the engine writes them, owned when a stored verdict is read.
    /// Stable id, e.g. `ojt_length`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub rule: Cow<'static, str>,
    pub status: RuleStatus,
    pub message: String,
    /// ※2, ※E, ※12 …
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub reference: Cow<'static, str>,
}

/// eligible / not eligible / needs review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Eligible,
    NotEligible,
    NeedsReview,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Eligible, Outcome::NotEligible, Outcome::NeedsReview];

    /// The stored value (the same as in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Eligible => "eligible",
            Outcome::NotEligible => "not_eligible",
            Outcome::NeedsReview => "needs_review",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// A counted OJT period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountedPeriod {
    pub start: Date,
    pub end: Date,
    pub length: Ymd,
    pub calendar_days: u32,
}

/// The values the rules derived, shown to the applicant and staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Derived {
    /// The later of ① and ②.
    pub basic_completion: Option<Date>,
    pub ojt_start: Option<Date>,
    pub ojt_end: Option<Date>,
    /// First day of the five years counted (※2).
    pub window_start: Option<Date>,
    pub periods: Vec<CountedPeriod>,
    pub total: Ymd,
    pub total_label: String,
    pub calendar_days: u32,
    /// ⌈180 × calendar days / 365⌉ (※7, ※F).
    pub required_working_days: u32,
    /// Latest 更新の期限 (※11), where one applies.
    pub renewal_deadline: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verdict {
    pub outcome: Outcome,
    pub rules: Vec<RuleResult>,
    pub derived: Derived,
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn slots_take_their_categories_in_their_fiscal_years() {
        assert!(Slot::Consultation.allowed().contains(&TrainingName::E));
        assert!(!Slot::Consultation.allowed().contains(&TrainingName::G));
        assert_eq!(Slot::Practical.allowed(), [TrainingName::H]);
        let e = |day| Completion { category: TrainingName::E, completed_on: day };
        assert_eq!(Slot::Consultation.check(e(date!(2012 - 04 - 01))), Ok(()));
        assert_eq!(
            Slot::Consultation.check(e(date!(2012 - 03 - 31))),
            Err(SlotError::OutsideFiscalYears { fiscal_year: 2011 })
        );
        assert_eq!(Slot::Basic.check(e(date!(2020 - 01 - 01))), Err(SlotError::WrongCategory));
        let message =
            SlotError::OutsideFiscalYears { fiscal_year: 2011 }.message(Slot::Consultation, e(date!(2012 - 03 - 31)));
        assert!(message.contains("2012年度以降") && message.contains("入力: 2011年度"), "{message}");
    }

    #[test]
    fn dates_outside_the_years_are_named_by_their_path() {
        let input = EligibilityInput {
            basic: Some(Completion { category: TrainingName::G, completed_on: date!(9999 - 12 - 31) }),
            ojt_start: Some(date!(1899 - 12 - 31)),
            leave_periods: vec![LeavePeriod { start: date!(2020 - 01 - 01), end: date!(2101 - 01 - 01) }],
            ..Default::default()
        };
        let fields: Vec<String> =
            input.date_issues(date!(2100 - 01 - 01), "applicant").into_iter().map(|i| i.field).collect();
        assert_eq!(fields, ["applicant.basic.completed_on", "applicant.ojt_start", "applicant.leave_periods[0].end"]);
        let fields: Vec<String> = input.date_issues(date!(1899 - 12 - 31), "").into_iter().map(|i| i.field).collect();
        assert_eq!(fields, ["lecture_start", "basic.completed_on", "ojt_start", "leave_periods[0].end"]);
    }
}
