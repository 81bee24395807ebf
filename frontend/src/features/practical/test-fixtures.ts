import { newLeaveRow } from "./eligibility-values";
import { emptyPracticalForm, type PracticalFormValues } from "./form-values";

/**
 * Seed 003's example ア moved five years later (lecture 2027-06-07), as the browser test
 * enters it: completions stay in the past and the art. 143 periods are unchanged.
 */
export const seedA: PracticalFormValues = {
  ...emptyPracticalForm,
  kind: "sabikan",
  schedule: "7",
  applicant: { furigana: "たかはし はなこ", full_name: " 髙橋 花子 ", job_title: "", birth_date: "1985-04-01", sex: "female" },
  affiliation: {
    ...emptyPracticalForm.affiliation,
    address: "札幌市中央区北1条西1丁目",
    email: "hanako@example.jp",
    email_confirmation: "ｈａｎａｋｏ＠EXAMPLE.jp",
  },
  placement: { ...emptyPracticalForm.placement, setting: "existing", services: ["就労継続支援B型"] },
  target: "a",
  consultation: { category: "e", completed_on: "2024-12-15", certificate_number: "第１２３４５６号" },
  basic: { category: "g", completed_on: "2024-11-02", certificate_number: "A123456" },
  ojt_start: "2024-12-16",
  ojt_end: "2027-05-31",
  total_years: "2",
  total_months: "１",
  // The applicant confirmed the seed's figures by typing them.
  ojt_typed: { start: true, end: true, total: true },
  working_days: "541",
  direct_support: true,
  leave_periods: [{ ...newLeaveRow(), start: "2025-12-01", end: "2026-03-31" }],
  placement_need: {
    ...emptyPracticalForm.placement_need,
    required_count: "2",
    completed_count: "1",
    plan_category: "retirement",
    reason: "現サビ管が定年退職するため",
  },
  recommended: true,
  confirmed: true,
};
