import { describe, expect, it } from "vitest";
import type { EligibilityRule, EligibilityVerdict } from "@/lib/api/types";
import { emptyPracticalForm, type PracticalFormValues } from "./form-values";
import { computedEntries, computedOjt, figureOf, isUnfilled, shownOutcome, statementOf, ymdText } from "./ojt-figures";

/** The engine's derived figures for the seed's ア (lecture 2027-06-07). */
const derived = {
  basic_completion: "2024-12-15",
  ojt_start: "2024-12-16",
  ojt_end: "2027-05-31",
  window_start: "2022-06-01",
  periods: [],
  total: { years: 2, months: 1, days: 15 },
  total_label: "2年1ヶ月15日",
  calendar_days: 776,
  required_working_days: 383,
  renewal_deadline: null,
} as unknown as EligibilityVerdict["derived"];

const computed = computedOjt(derived)!;
const form = (patch: Partial<PracticalFormValues>): PracticalFormValues => ({ ...emptyPracticalForm, ...patch });

describe("OJT figures: computed, and the applicant's statement beside them", () => {
  it("fills the entries from the derived values", () => {
    expect(computedEntries(computed)).toEqual({
      ojt_start: "2024-12-16",
      ojt_end: "2027-05-31",
      total_years: "2",
      total_months: "1",
    });
    expect(computedOjt({ ...derived, ojt_start: null })).toBeNull();
    expect(ymdText(2, 1, 15)).toBe("2年1ヶ月15日");
    expect(ymdText(0, 0)).toBe("0ヶ月");
  });

  it("says nothing while a figure holds the computed value", () => {
    expect(statementOf("total", form({ total_years: "2", total_months: "1" }), computed)).toBeNull();
  });

  it.each([
    // [figure, entries, text, differs]
    ["total", { total_years: "2", total_months: "1" }, "入力値 2年1ヶ月 ／ 計算値 2年1ヶ月15日：計算値と異なります", true],
    ["total", { total_years: "３", total_months: "0" }, "入力値 3年 ／ 計算値 2年1ヶ月15日：計算値と異なります", true],
    ["start", { ojt_start: "2024-12-16" }, "入力値 2024年12月16日 ／ 計算値 2024年12月16日：計算値と同じです", false],
    ["start", { ojt_start: "2025-01-01" }, "入力値 2025年1月1日 ／ 計算値 2024年12月16日：計算値と異なります", true],
    ["end", { ojt_end: "" }, "入力値 （未入力） ／ 計算値 2027年5月31日：計算値と異なります", true],
  ] as const)("flags a %s typed by hand in words", (figure, entries, text, differs) => {
    const v = form({ ...entries, ojt_typed: { start: true, end: true, total: true } });
    expect(statementOf(figure, v, computed)).toMatchObject({ text, differs });
  });

  it("knows which entries are figures", () => {
    expect(["ojt_start", "ojt_end", "total_years", "total_months", "working_days"].map(figureOf)).toEqual([
      "start",
      "end",
      "total",
      "total",
      null,
    ]);
  });
});

describe("未入力: rules that wait for entries", () => {
  const rule = (name: string, status: EligibilityRule["status"] = "fail") =>
    ({ rule: name, status, reference: "※E", message: "" }) as EligibilityRule;
  const verdict = (rules: EligibilityRule[]): EligibilityVerdict =>
    ({ outcome: "not_eligible", rules, derived }) as EligibilityVerdict;

  it("shows a rule failed only for empty entries as 未入力, not ✕", () => {
    const empty = form({ target: "a" });
    expect(isUnfilled(rule("working_days"), empty)).toBe(true);
    expect(isUnfilled(rule("working_days"), form({ target: "a", working_days: "100" }))).toBe(false);
    expect(isUnfilled(rule("activities"), empty)).toBe(true);
    expect(isUnfilled(rule("activities"), form({ direct_support: true }))).toBe(false);
    expect(isUnfilled(rule("basic_completion"), empty)).toBe(true);
    expect(isUnfilled(rule("working_days", "pass"), empty)).toBe(false);
    expect(isUnfilled(rule("ojt_length"), form({ consultation: { category: "e", completed_on: "2024-12-15", certificate_number: "" }, basic: { category: "g", completed_on: "2024-11-02", certificate_number: "" } }))).toBe(false);

    expect(shownOutcome(verdict([rule("working_days"), rule("activities")]), empty)).toBe("incomplete");
    // A real failure is still a failure.
    expect(shownOutcome(verdict([rule("working_days"), rule("slot_basic")]), empty)).toBe("not_eligible");
    expect(shownOutcome({ ...verdict([rule("working_days", "pass")]), outcome: "eligible" }, empty)).toBe("eligible");
  });
});
