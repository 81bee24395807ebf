import type { Decision, EligibilityVerdict, PlanCategory, PracticalKind, SettingStatus, Sex } from "@/lib/api/types";

/** The words of the Hokkaido practical-training form (seed 003) for the API's enums. */

/** 研修種別 */
export const KIND_LABELS: Record<PracticalKind, { label: string; short: string; role: string }> = {
  sabikan: { label: "サービス管理責任者実践研修", short: "サビ管", role: "サービス管理責任者" },
  jihatsukan: { label: "児童発達支援管理責任者実践研修", short: "児発管", role: "児童発達支援管理責任者" },
};

export const SEX_LABELS: Record<Sex, string> = {
  male: "男性",
  female: "女性",
  other: "その他・回答しない",
};

/** 設置状況 of the office where the trainee will be placed. */
export const SETTING_LABELS: Record<SettingStatus, string> = {
  existing: "既存",
  new: "新設（開設予定）",
  transfer: "異動先",
  other: "その他",
};

/** 2. 配置予定, with the seed's explanation of each, most urgent first. */
export const PLAN_LABELS: Record<PlanCategory, { label: string; explain: string }> = {
  reduction: { label: "減算中", explain: "サビ管等未配置のため減算中の場合" },
  deemed: {
    label: "みなし配置",
    explain:
      "やむを得ない事由により配置基準を満たしていない状況（1年間のみなし※G配置中）又は、研修の経過措置によるみなし配置中の場合",
  },
  new_office: { label: "新設", explain: "新しく事業所を開設する場合" },
  retirement: { label: "退職", explain: "退職の時期（配置時期）が明確な場合" },
  transfer: { label: "異動", explain: "異動の時期（配置時期）が明確な場合" },
  development: { label: "人材育成", explain: "サビ管・児発管として配置する時期が明確な場合" },
  other: { label: "その他", explain: "兼務解消、既存事業所の定員増や多機能型事業の分離等上記以外" },
};

/** 受講可否 */
export const DECISION_LABELS: Record<Decision, string> = {
  accepted: "受講決定",
  waitlisted: "キャンセル待ち",
  rejected: "受講不可",
};

/** The verdict in words, with a mark that does not rely on colour. */
export const OUTCOME_LABELS: Record<EligibilityVerdict["outcome"], { icon: string; label: string; explain: string }> = {
  eligible: {
    icon: "✓",
    label: "受講要件を満たしています",
    explain: "入力した内容では、実践研修の受講要件を満たしています。",
  },
  not_eligible: {
    icon: "✕",
    label: "受講要件を満たしていません",
    explain: "満たしていない要件（✕）があります。下の「確認した要件」をご覧ください。",
  },
  needs_review: {
    icon: "！",
    label: "確認が必要です",
    explain: "確認が必要な要件（！）があります。事業の指定権者（振興局・政令中核市）にご確認ください。",
  },
};
