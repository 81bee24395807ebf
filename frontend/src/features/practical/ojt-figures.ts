import type { EligibilityVerdict, EligibilityRule, Outcome } from "@/lib/api/types";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import type { PracticalFormValues } from "./form-values";

/**
 * The OJT figures the form computes (from the engine's derived values) and the applicant
 * confirms: a figure changed by hand is kept as the applicant's statement and set beside
 * the computed one, in words. And the live verdict's rules whose entries are still empty,
 * shown as 未入力 rather than as failed.
 */

type Derived = EligibilityVerdict["derived"];
export type OjtFigure = "start" | "end" | "total";

/** The computed OJT start, end and total (years, months, days), or null without ①②. */
export interface ComputedOjt {
  start: string;
  end: string;
  years: number;
  months: number;
  days: number;
}

export function computedOjt(d: Derived | null | undefined): ComputedOjt | null {
  if (!d?.ojt_start || !d.ojt_end) return null;
  return { start: d.ojt_start, end: d.ojt_end, ...d.total };
}

/** 2年1ヶ月15日; zero parts left out, 0ヶ月 for nothing. */
export function ymdText(years: number, months: number, days = 0): string {
  const parts = [years ? `${years}年` : "", months ? `${months}ヶ月` : "", days ? `${days}日` : ""].join("");
  return parts || "0ヶ月";
}

/** The entries of each figure, as the form holds them. */
export const FIGURE_NAMES: Record<OjtFigure, (keyof PracticalFormValues)[]> = {
  start: ["ojt_start"],
  end: ["ojt_end"],
  total: ["total_years", "total_months"],
};

/** The figure an entry belongs to, for entries the applicant may change by hand. */
export function figureOf(name: string): OjtFigure | null {
  for (const [figure, names] of Object.entries(FIGURE_NAMES) as [OjtFigure, string[]][]) {
    if (names.includes(name)) return figure;
  }
  return null;
}

/** The computed values as the form's entries hold them. */
export function computedEntries(c: ComputedOjt): Pick<PracticalFormValues, "ojt_start" | "ojt_end" | "total_years" | "total_months"> {
  return { ojt_start: c.start, ojt_end: c.end, total_years: String(c.years), total_months: String(c.months) };
}

export interface Statement {
  typed: string;
  computed: string;
  differs: boolean;
  /** 入力値 2年1ヶ月 ／ 計算値 2年1ヶ月15日：計算値と異なります */
  text: string;
}

const toNumber = (s: string) => {
  const ascii = s.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return /^\d+$/.test(ascii) ? Number(ascii) : null;
};

/**
 * The applicant's statement of a figure beside the computed one, where the applicant
 * changed it by hand; null while it holds the computed value (or nothing is computed).
 */
export function statementOf(figure: OjtFigure, v: PracticalFormValues, c: ComputedOjt | null): Statement | null {
  if (!c || !v.ojt_typed[figure]) return null;
  let typed: string;
  let computed: string;
  let differs: boolean;
  if (figure === "total") {
    const [y, m] = [toNumber(v.total_years), toNumber(v.total_months)];
    typed = y === null || m === null ? "（未入力）" : ymdText(y, m);
    computed = ymdText(c.years, c.months, c.days);
    differs = y !== c.years || m !== c.months || c.days !== 0;
  } else {
    const value = figure === "start" ? v.ojt_start : v.ojt_end;
    const want = figure === "start" ? c.start : c.end;
    typed = value ? formatCalendarDate(value) : "（未入力）";
    computed = formatCalendarDate(want);
    differs = value !== want;
  }
  const verdict = differs ? "計算値と異なります" : "計算値と同じです";
  return { typed, computed, differs, text: `入力値 ${typed} ／ 計算値 ${computed}：${verdict}` };
}

// --- 未入力: rules that wait for entries, not failed ones. ---

export type ShownOutcome = Outcome | "incomplete";

const blank = (s: string) => s.trim() === "";
const slotEmpty = (s: { category: string; completed_on: string }) => s.category === "" || s.completed_on === "";

/** Whether a rule of the live verdict failed only because the entries it reads are still empty. */
export function isUnfilled(rule: EligibilityRule, v: PracticalFormValues): boolean {
  if (rule.status !== "fail") return false;
  switch (rule.rule) {
    case "target":
      return v.target === "";
    case "basic_completion":
    case "ojt_length":
      return slotEmpty(v.consultation) || slotEmpty(v.basic);
    case "working_days":
      return blank(v.working_days);
    case "activities":
      return !(v.plan_creation || v.consultation_work || v.direct_support);
    case "renewal_basis":
      return !v.transitional && !v.extra_slots.practical && !v.extra_slots.renewal;
    default:
      return false;
  }
}

/** The outcome to show: a real failure first, then 未入力 while a rule waits for entries. */
export function shownOutcome(verdict: EligibilityVerdict, v: PracticalFormValues): ShownOutcome {
  const unfilled = verdict.rules.map((r) => isUnfilled(r, v));
  if (verdict.rules.some((r, i) => r.status === "fail" && !unfilled[i])) return "not_eligible";
  if (unfilled.some(Boolean)) return "incomplete";
  return verdict.outcome;
}

export const INCOMPLETE_LABEL = {
  icon: "…",
  label: "未入力の項目があります",
  explain: "判定に必要な項目がまだ入力されていません。入力が済むと、ここで判定します。",
};
