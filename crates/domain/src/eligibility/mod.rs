//! 受講要件 of the Hokkaido practical training (seed 003 ※2, ※8, ※11, ※12; SPEC §5.1–5.2).
//!
//! One engine serves the form (live feedback), staff review and the public endpoint. It reads
//! no clock: the lecture start date is an argument.

pub mod period;
mod rules;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use time::Date;

pub use period::Ymd;
pub use rules::{evaluate, fiscal_year, renewal_deadline};

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
