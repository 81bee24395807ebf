import type { EligibilityApplicant, EligibilityRequest, EligibilityTarget, TrainingNameCode } from "@/lib/api/types";
import { browserStorage, readStored, removeStored, writeStored, type DraftStorage } from "@/lib/session-store";

/**
 * The 受講要件チェック form as its inputs hold it (dates as `YYYY-MM-DD` text, numbers as
 * text), and its mapping to the stateless check's request. A request is only built when it is
 * well-formed, so the page asks the server only about what the user has finished typing; the
 * rules themselves are the server's.
 */

/** 受講対象 ア / イ / ウ (seed 003). */
export const TARGET_LABELS: Record<EligibilityTarget, { mark: string; label: string }> = {
  a: { mark: "ア", label: "OJT期間2年以上" },
  i: { mark: "イ", label: "OJT期間6ヶ月以上（一定の要件を満たす）" },
  u: { mark: "ウ", label: "更新期限切れ" },
};

/** 研修名称の区分 a–j (seed 003 ※12). */
export const TRAINING_NAME_LABELS: Record<TrainingNameCode, string> = {
  a: "障害者ケアマネジメント研修（＋補完研修）",
  b: "障害者ケアマネジメント従事者研修",
  c: "相談支援従事者研修（基礎／初任者）",
  d: "相談支援従事者研修（サビ管向け）",
  e: "相談支援従事者研修（サビ管／児発管向け）",
  f: "旧サービス管理責任者研修（第1〜4分野）／旧児童発達支援管理責任者研修",
  g: "サビ管・児発管 基礎研修",
  h: "サビ管・児発管 実践研修",
  i: "サビ管・児発管 更新研修",
  j: "専門コース別研修",
};

/** The fiscal years in which each 区分 was held (※12, SPEC §5.2): [first, last], null = open. */
const TRAINING_NAME_YEARS: Record<TrainingNameCode, [number | null, number | null]> = {
  a: [null, 2007],
  b: [2006, 2006],
  c: [2007, null],
  d: [2007, 2011],
  e: [2012, null],
  f: [2006, 2018],
  g: [2019, null],
  h: [2021, null],
  i: [2019, null],
  j: [2023, null],
};

/** 平成24 / 令和元: the era year of a fiscal year (FY2019 is 令和元年度). */
function eraFiscalYear(fy: number): string {
  if (fy >= 2019) return fy === 2019 ? "令和元" : `令和${fy - 2018}`;
  return `平成${fy - 1988}`;
}

/** `実施年度：平成24年度〜（2012年4月以降の修了）` — the completion date must lie in these years. */
export function fiscalYearsText(code: TrainingNameCode): string {
  const [from, to] = TRAINING_NAME_YEARS[code];
  if (from !== null && to === null) return `実施年度：${eraFiscalYear(from)}年度〜（${from}年4月以降の修了）`;
  if (from === null && to !== null) return `実施年度：〜${eraFiscalYear(to)}年度（${to + 1}年3月までの修了）`;
  if (from !== null && to !== null) {
    const years = from === to ? `${eraFiscalYear(from)}年度` : `${eraFiscalYear(from)}〜${eraFiscalYear(to).replace(/^(平成|令和)/, "")}年度`;
    return `実施年度：${years}（${from}年4月〜${to + 1}年3月の修了）`;
  }
  return "";
}

export type SlotName = "consultation" | "basic" | "practical" | "renewal";

/** ①–④ of 研修の受講（修了歴）, each with the 区分 it may hold (SPEC §5.2). */
export const SLOTS: { name: SlotName; mark: string; title: string; allowed: TrainingNameCode[]; optional: boolean }[] = [
  { name: "consultation", mark: "①", title: "相談支援", allowed: ["a", "b", "c", "d", "e"], optional: false },
  { name: "basic", mark: "②", title: "サビ管・児発管（基礎・旧分野別）", allowed: ["f", "g"], optional: false },
  { name: "practical", mark: "③", title: "サビ管・児発管（実践）", allowed: ["h"], optional: true },
  { name: "renewal", mark: "④", title: "サビ管・児発管（更新）", allowed: ["i"], optional: true },
];

export interface SlotValues {
  category: TrainingNameCode | "";
  completed_on: string;
}

export interface LeaveRow {
  /** Keeps each row's inputs in place when another row is removed. */
  key: string;
  start: string;
  end: string;
}

export interface EligibilityFormValues {
  lecture_start: string;
  target: EligibilityTarget | "";
  consultation: SlotValues;
  basic: SlotValues;
  practical: SlotValues;
  renewal: SlotValues;
  /** 更新研修の経過措置の対象者 (ウ) */
  transitional: boolean;
  ojt_start: string;
  ojt_end: string;
  working_days: string;
  plan_creation: boolean;
  consultation_work: boolean;
  direct_support: boolean;
  /** 【OJT6ヶ月要件】①〜③をすべて満たす (イ) */
  six_month_requirements: boolean;
  leave_periods: LeaveRow[];
}

const emptySlot: SlotValues = { category: "", completed_on: "" };

export const emptyEligibilityForm: EligibilityFormValues = {
  lecture_start: "",
  target: "",
  consultation: emptySlot,
  basic: emptySlot,
  practical: emptySlot,
  renewal: emptySlot,
  transitional: false,
  ojt_start: "",
  ojt_end: "",
  working_days: "",
  plan_creation: false,
  consultation_work: false,
  direct_support: false,
  six_month_requirements: false,
  leave_periods: [],
};

let leaveKeySeq = 0;
export const newLeaveRow = (): LeaveRow => ({ key: `leave-${Date.now().toString(36)}-${++leaveKeySeq}`, start: "", end: "" });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A whole calendar date between 1900 and 2100. A date input's value passes through years
 * such as `0002` while the year is typed digit by digit; those are not asked about.
 */
export function isDateText(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** `541`, also typed with full-width digits; null for anything else. */
export function parseDays(value: string): number | null {
  const ascii = value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,5}$/.test(ascii)) return null;
  return Number(ascii);
}

/**
 * Element ids of the controls that hold the rules' entries, also used to point at them from
 * messages. The 受講要件チェック and the practical application form name them differently.
 */
export interface EligibilityFieldIds {
  lectureStart: string;
  target: string;
  slotCategory: (slot: SlotName) => string;
  slotDate: (slot: SlotName) => string;
  transitional: string;
  ojtStart: string;
  ojtEnd: string;
  workingDays: string;
  leaveStart: (i: number) => string;
  leaveEnd: (i: number) => string;
  activities: string;
  activity: (name: ActivityName) => string;
  sixMonth: string;
}

/** The 受講要件チェック's ids. */
export const fieldId: EligibilityFieldIds = {
  lectureStart: "elig-lecture-start",
  target: "elig-target",
  slotCategory: (slot) => `elig-${slot}-category`,
  slotDate: (slot) => `elig-${slot}-date`,
  transitional: "elig-transitional",
  ojtStart: "elig-ojt-start",
  ojtEnd: "elig-ojt-end",
  workingDays: "elig-working-days",
  leaveStart: (i) => `elig-leave-${i}-start`,
  leaveEnd: (i) => `elig-leave-${i}-end`,
  activities: "elig-activities",
  activity: (name) => `elig-${name.replace(/_/g, "-")}`,
  sixMonth: "elig-six-month",
};

export type ActivityName = "plan_creation" | "consultation_work" | "direct_support";

/** OJT期間に従事した事業内容 (seed 003), in the seed's order. */
export const ACTIVITIES: { name: ActivityName; label: string }[] = [
  { name: "plan_creation", label: "個別支援計画作成業務" },
  { name: "consultation_work", label: "相談支援業務" },
  { name: "direct_support", label: "直接支援業務" },
];

/** Something still to be entered (or finished) before the check can run. */
export interface PendingInput {
  id: string;
  message: string;
}

export interface FormCheck {
  request: EligibilityRequest | null;
  pending: PendingInput[];
}

/**
 * The request for the form as it is now, or what is missing before there can be one. The
 * values may carry more than the rules read (the application form's other entries).
 */
export function checkForm(v: EligibilityFormValues, ids: EligibilityFieldIds = fieldId): FormCheck {
  const pending: PendingInput[] = [];
  const need = (id: string, message: string) => pending.push({ id, message });

  if (v.lecture_start === "") need(ids.lectureStart, "実践研修の講義開始日を入力してください");
  else if (!isDateText(v.lecture_start)) need(ids.lectureStart, "講義開始日を正しい日付で入力してください");
  if (v.target === "") need(ids.target, "受講対象（ア・イ・ウ）を選んでください");

  const applicant: EligibilityApplicant = {};
  if (v.target !== "") applicant.target = v.target;

  for (const slot of SLOTS) {
    const { category, completed_on } = v[slot.name];
    if (category === "" && completed_on === "") continue;
    if (category === "" || !slot.allowed.includes(category)) {
      need(ids.slotCategory(slot.name), `${slot.mark}の区分を選んでください`);
    } else if (completed_on === "") {
      need(ids.slotDate(slot.name), `${slot.mark}の修了年月日を入力してください`);
    } else if (!isDateText(completed_on)) {
      need(ids.slotDate(slot.name), `${slot.mark}の修了年月日を正しい日付で入力してください`);
    } else {
      applicant[slot.name] = { category, completed_on };
    }
  }

  if (v.target === "u") {
    applicant.transitional = v.transitional;
  } else if (v.target === "a" || v.target === "i") {
    for (const [name, id, label] of [
      ["ojt_start", ids.ojtStart, "OJT期間の始期"],
      ["ojt_end", ids.ojtEnd, "OJT期間の終期"],
    ] as const) {
      if (v[name] === "") continue;
      if (isDateText(v[name])) applicant[name] = v[name];
      else need(id, `${label}を正しい日付で入力してください`);
    }
    if (v.working_days.trim() !== "") {
      const days = parseDays(v.working_days);
      if (days === null) need(ids.workingDays, "勤務日数は半角数字で入力してください（例：541）");
      else applicant.working_days = days;
    }
    applicant.plan_creation = v.plan_creation;
    applicant.consultation_work = v.consultation_work;
    applicant.direct_support = v.direct_support;
    if (v.target === "i") applicant.six_month_requirements = v.six_month_requirements;
    applicant.leave_periods = [];
    v.leave_periods.forEach((row, i) => {
      if (row.start === "" && row.end === "") return;
      const n = i + 1;
      if (!isDateText(row.start)) {
        need(ids.leaveStart(i), `休職期間${n}の始まりを${row.start === "" ? "" : "正しい日付で"}入力してください`);
      } else if (!isDateText(row.end)) {
        need(ids.leaveEnd(i), `休職期間${n}の終わりを${row.end === "" ? "" : "正しい日付で"}入力してください`);
      } else {
        applicant.leave_periods!.push({ start: row.start, end: row.end });
      }
    });
  }

  if (pending.length > 0) return { request: null, pending };
  return { request: { lecture_start: v.lecture_start, applicant }, pending };
}

/** The request body for the form as it is now; null while it is not yet well-formed. */
export function toEligibilityRequest(values: EligibilityFormValues): EligibilityRequest | null {
  return checkForm(values).request;
}

/**
 * A server field (`lecture_start`, `applicant.leave_periods[0].end` …) as the id of the
 * control it names, where there is one.
 */
export function fieldIdOfProblem(field: string): string | undefined {
  const path = field.replace(/^applicant\./, "").replace(/\[(\d+)\]/g, ".$1");
  const parts = path.split(".");
  switch (parts[0]) {
    case "lecture_start":
      return fieldId.lectureStart;
    case "target":
      return fieldId.target;
    case "consultation":
    case "basic":
    case "practical":
    case "renewal":
      return parts[1] === "category" ? fieldId.slotCategory(parts[0]) : fieldId.slotDate(parts[0]);
    case "transitional":
      return fieldId.transitional;
    case "ojt_start":
      return fieldId.ojtStart;
    case "ojt_end":
      return fieldId.ojtEnd;
    case "working_days":
      return fieldId.workingDays;
    case "leave_periods": {
      const i = Number(parts[1]);
      if (!Number.isInteger(i)) return undefined;
      return parts[2] === "end" ? fieldId.leaveEnd(i) : fieldId.leaveStart(i);
    }
    case "six_month_requirements":
      return fieldId.sixMonth;
    case "plan_creation":
    case "consultation_work":
    case "direct_support":
      return fieldId.activities;
    default:
      return undefined;
  }
}

/**
 * A server field as the name of the form's entry that holds it (`applicant.leave_periods[0].end`
 * → `leave_periods.0.end`); the three activities share `activities`. Undefined for a field no
 * entry holds.
 */
export function valuePathOfProblem(field: string): string | undefined {
  const path = field.replace(/^applicant\./, "").replace(/\[(\d+)\]/g, ".$1");
  const head = path.split(".")[0];
  if (ACTIVITIES.some((a) => a.name === head)) return "activities";
  return head in emptyEligibilityForm ? path : undefined;
}

// --- The draft: kept in sessionStorage so that a reload loses nothing. ---

export type { DraftStorage };
export const eligibilityDraftKey = "kenshu.eligibilityDraft";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const bool = (v: unknown) => v === true;

function readSlot(v: unknown, allowed: TrainingNameCode[]): SlotValues {
  const o = (v ?? {}) as Record<string, unknown>;
  const category = allowed.includes(o.category as TrainingNameCode) ? (o.category as TrainingNameCode) : "";
  return { category, completed_on: str(o.completed_on) };
}

/** The stored draft, each value checked, or null when there is none. */
export function loadEligibilityDraft(storage: DraftStorage | null = browserStorage()): EligibilityFormValues | null {
  const o = readStored(eligibilityDraftKey, storage) as Record<string, unknown> | null;
  if (typeof o !== "object" || o === null) return null;
  const target = o.target === "a" || o.target === "i" || o.target === "u" ? o.target : "";
  const slots = Object.fromEntries(SLOTS.map((s) => [s.name, readSlot(o[s.name], s.allowed)])) as Record<
    SlotName,
    SlotValues
  >;
  const leaves = Array.isArray(o.leave_periods) ? o.leave_periods : [];
  return {
    lecture_start: str(o.lecture_start),
    target,
    ...slots,
    transitional: bool(o.transitional),
    ojt_start: str(o.ojt_start),
    ojt_end: str(o.ojt_end),
    working_days: str(o.working_days),
    plan_creation: bool(o.plan_creation),
    consultation_work: bool(o.consultation_work),
    direct_support: bool(o.direct_support),
    six_month_requirements: bool(o.six_month_requirements),
    leave_periods: leaves.map((row: unknown) => {
      const r = (row ?? {}) as Record<string, unknown>;
      return { ...newLeaveRow(), start: str(r.start), end: str(r.end) };
    }),
  };
}

export function saveEligibilityDraft(values: EligibilityFormValues, storage: DraftStorage | null = browserStorage()) {
  writeStored(eligibilityDraftKey, values, storage);
}

export function clearEligibilityDraft(storage: DraftStorage | null = browserStorage()) {
  removeStored(eligibilityDraftKey, storage);
}
