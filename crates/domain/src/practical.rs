//! Field rules of the Hokkaido practical-training form (seed 003, SPEC §5, §5.3).

use serde::{Deserialize, Serialize};

use crate::text::width::to_ascii_width;
use crate::time_jp::to_jst;
use crate::training::Training;
use crate::wareki::fiscal_year;

/// 研修種別
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PracticalKind {
    /// サービス管理責任者実践研修
    Sabikan,
    /// 児童発達支援管理責任者実践研修
    Jihatsukan,
}

/// 障害福祉サービス等の種類 that a サービス管理責任者 serves (SPEC §5.3).
pub const SABIKAN_SERVICES: [&str; 12] = [
    "療養介護",
    "生活介護",
    "自立訓練(機能訓練)",
    "自立訓練(生活訓練)",
    "就労選択支援",
    "就労移行支援",
    "就労継続支援A型",
    "就労継続支援B型",
    "就労定着支援",
    "自立生活援助",
    "共同生活援助",
    "施設入所支援",
];

/// … and a 児童発達支援管理責任者.
pub const JIHATSUKAN_SERVICES: [&str; 6] = [
    "児童発達支援",
    "放課後等デイサービス",
    "居宅訪問型児童発達支援",
    "保育所等訪問支援",
    "福祉型障害児入所施設",
    "医療型障害児入所施設",
];

/// Where copies of certificates go when they cannot be attached (seed 003: 修了証書の写しは
/// 011-521-8551 へFAX).
pub const CERTIFICATE_FAX: &str = "011-521-8551";

impl PracticalKind {
    pub fn services(self) -> &'static [&'static str] {
        match self {
            PracticalKind::Sabikan => &SABIKAN_SERVICES,
            PracticalKind::Jihatsukan => &JIHATSUKAN_SERVICES,
        }
    }
}

impl PracticalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PracticalKind::Sabikan => "sabikan",
            PracticalKind::Jihatsukan => "jihatsukan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PracticalKind::Sabikan => "サービス管理責任者実践研修",
            PracticalKind::Jihatsukan => "児童発達支援管理責任者実践研修",
        }
    }
}

/// 配置予定 (placement need, item 2): why the office needs the trainee, most urgent first
/// (SPEC §5.4 orders selection by this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanCategory {
    /// 減算中: no manager placed, the office is paid less.
    Reduction,
    /// みなし配置: deemed placement for a limited time (※G).
    Deemed,
    /// 新設
    NewOffice,
    /// 退職
    Retirement,
    /// 異動
    Transfer,
    /// 人材育成
    Development,
    /// その他 (detail required)
    Other,
}

impl PlanCategory {
    pub const ALL: [PlanCategory; 7] = [
        PlanCategory::Reduction,
        PlanCategory::Deemed,
        PlanCategory::NewOffice,
        PlanCategory::Retirement,
        PlanCategory::Transfer,
        PlanCategory::Development,
        PlanCategory::Other,
    ];

    /// 0 is the most urgent.
    pub fn urgency_rank(self) -> u8 {
        self as u8
    }

    pub fn label(self) -> &'static str {
        match self {
            PlanCategory::Reduction => "減算中",
            PlanCategory::Deemed => "みなし配置",
            PlanCategory::NewOffice => "新設",
            PlanCategory::Retirement => "退職",
            PlanCategory::Transfer => "異動",
            PlanCategory::Development => "人材育成",
            PlanCategory::Other => "その他",
        }
    }
}

/// 設置状況 of the office where the trainee will be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SettingStatus {
    /// 既存の事業所
    Existing,
    /// 新設（開設予定）
    New,
    /// 異動先の事業所
    Transfer,
    /// その他
    Other,
}

impl SettingStatus {
    pub fn label(self) -> &'static str {
        match self {
            SettingStatus::Existing => "既存",
            SettingStatus::New => "新設（開設予定）",
            SettingStatus::Transfer => "異動先",
            SettingStatus::Other => "その他",
        }
    }
}

/// How the service types of the placement office fit the kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceFit {
    /// At least one listed type belongs to the kind.
    Fits,
    /// Nothing listed: allowed for an office not yet decided, with a warning.
    NoneListed,
    /// Types listed, none of the kind: the unknown names, if any, are returned too.
    DoesNotFit { unknown: Vec<String> },
}

/// SPEC §5.3: at least one listed type must fit the chosen kind.
pub fn service_fit(kind: PracticalKind, listed: &[String]) -> ServiceFit {
    if listed.is_empty() {
        return ServiceFit::NoneListed;
    }
    let all: Vec<&str> = SABIKAN_SERVICES.iter().chain(JIHATSUKAN_SERVICES.iter()).copied().collect();
    let unknown: Vec<String> = listed.iter().filter(|s| !all.contains(&s.as_str())).cloned().collect();
    if listed.iter().any(|s| kind.services().contains(&s.as_str())) && unknown.is_empty() {
        ServiceFit::Fits
    } else {
        ServiceFit::DoesNotFit { unknown }
    }
}

/// 事業所番号: exactly 10 digits (full-width accepted).
pub fn office_number(input: &str) -> Result<String, &'static str> {
    let ascii = to_ascii_width(input.trim());
    if ascii.len() == 10 && ascii.chars().all(|c| c.is_ascii_digit()) {
        Ok(ascii)
    } else {
        Err("事業所番号は10桁の数字で入力してください")
    }
}

/// A 修了証書番号 as stored: half-width, without 第 and 号; `None` for 未記載.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertificateNumber {
    Number(String),
    NotStated,
}

/// Normalises a certificate number. 未記載 is allowed only for completions up to FY2011,
/// whose certificates often carried none (seed 003).
pub fn certificate_number(input: &str, completion_fiscal_year: i32) -> Result<CertificateNumber, &'static str> {
    let trimmed = input.trim();
    if trimmed == "未記載" {
        return if completion_fiscal_year <= 2011 {
            Ok(CertificateNumber::NotStated)
        } else {
            Err("2012年度以降の修了は、証書番号を入力してください")
        };
    }
    let ascii: String = to_ascii_width(trimmed).chars().filter(|c| !matches!(c, '第' | '号' | ' ')).collect();
    if ascii.is_empty() {
        return Err("証書番号を入力してください（番号のない証書は「未記載」）");
    }
    if ascii.len() > 30 || !ascii.chars().all(|c| c.is_ascii_alphanumeric() || "-‐/".contains(c)) {
        return Err("証書番号は半角英数字とハイフンで入力してください");
    }
    Ok(CertificateNumber::Number(ascii))
}

/// The first lecture day in Japan: the "lecture start" the eligibility rules count to.
pub fn lecture_start(training: &Training) -> time::Date {
    to_jst(training.plan.starts_at).date()
}

/// The 修了証書番号 of a training start with its fiscal year and id (`2027-12-0001`).
pub fn completion_number_prefix(training: &Training) -> String {
    format!("{}-{}", fiscal_year(lecture_start(training)), training.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_types_must_fit_the_kind() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(service_fit(PracticalKind::Sabikan, &s(&["生活介護", "放課後等デイサービス"])), ServiceFit::Fits);
        assert_eq!(
            service_fit(PracticalKind::Sabikan, &s(&["放課後等デイサービス"])),
            ServiceFit::DoesNotFit { unknown: vec![] }
        );
        assert_eq!(service_fit(PracticalKind::Jihatsukan, &[]), ServiceFit::NoneListed);
        assert!(
            matches!(service_fit(PracticalKind::Jihatsukan, &s(&["児童発達支援", "宇宙開発"])), ServiceFit::DoesNotFit { unknown } if unknown == ["宇宙開発"])
        );
    }

    #[test]
    fn office_numbers_have_ten_digits() {
        assert_eq!(office_number("０１２３４５６７８９").unwrap(), "0123456789");
        assert!(office_number("012345678").is_err());
        assert!(office_number("01234567890").is_err());
        assert!(office_number("01234S6789").is_err());
    }

    #[test]
    fn certificate_numbers_are_half_width_without_dai_and_go() {
        assert_eq!(certificate_number("第１２３４５号", 2020), Ok(CertificateNumber::Number("12345".into())));
        assert_eq!(certificate_number("ＡＢ－００１", 2020), Ok(CertificateNumber::Number("AB-001".into())));
        assert_eq!(certificate_number("未記載", 2011), Ok(CertificateNumber::NotStated));
        assert!(certificate_number("未記載", 2012).is_err());
        assert!(certificate_number("第号", 2020).is_err());
    }
}
