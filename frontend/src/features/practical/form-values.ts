import { z } from "zod";
import type { ClientProblemCode, Problem, ProblemCode } from "@/lib/api/problem";
import type {
  PlanCategory,
  PracticalForm,
  PracticalHistoryEntry,
  PracticalKind,
  SettingStatus,
  Sex,
} from "@/lib/api/types";
import { normaliseEmail } from "@/lib/format/contact";
import {
  checkForm,
  isDateText,
  parseDays,
  SLOTS,
  type EligibilityFieldIds,
  type EligibilityFormValues,
  type FormCheck,
  type LeaveRow,
  type SlotName,
  type SlotValues,
} from "./eligibility-values";

/**
 * The 実践研修 application form (seed 003) as its inputs hold it: text as typed, dates as
 * `YYYY-MM-DD`, numbers as text. The entries the 受講要件 rules read sit at the top level in
 * the 受講要件チェック's shape, so that the same check (and the same field components) serve
 * both; the rest is grouped as the API groups it.
 */

export interface PracticalSlotValues extends SlotValues {
  /** 証書番号（半角）: 第/号 not needed; 未記載 for old certificates without one. */
  certificate_number: string;
}

export interface PracticalFormValues extends Omit<EligibilityFormValues, "lecture_start" | SlotName> {
  kind: PracticalKind | "";
  /** A schedule's id, `any` (どちらでもよい) or empty. */
  schedule: string;
  schedule_reason: string;
  applicant: { furigana: string; full_name: string; job_title: string; birth_date: string; sex: Sex | "" };
  affiliation: {
    via_other_corporation: boolean;
    corporation: string;
    office: string;
    postal_code: string;
    address: string;
    phone: string;
    fax: string;
    email: string;
    email_confirmation: string;
  };
  /** A notification address other than the affiliation's, without applying via another corporation. */
  notify_elsewhere: boolean;
  notification: { postal_code: string; address: string; addressee: string; phone: string };
  placement: {
    setting: SettingStatus | "";
    corporation: string;
    office: string;
    office_number: string;
    address: string;
    services: string[];
  };
  consultation: PracticalSlotValues;
  basic: PracticalSlotValues;
  practical: PracticalSlotValues;
  renewal: PracticalSlotValues;
  /** ③ and ④ are shown once added (追加する). */
  extra_slots: { practical: boolean; renewal: boolean };
  /** 当法人以外で修了した研修がある: then a copy is attached or faxed. */
  completed_elsewhere: boolean;
  send_by_fax: boolean;
  total_years: string;
  total_months: string;
  /**
   * The OJT figures the applicant changed by hand (their statement). The others follow the
   * computed values; the statement is sent as entered and shown beside the computed value.
   */
  ojt_typed: { start: boolean; end: boolean; total: boolean };
  ojt_remarks: string;
  accommodations: { wheelchair: boolean; sign_language: boolean; large_print: boolean; other: string };
  placement_need: {
    required_count: string;
    completed_count: string;
    plan_category: PlanCategory | "";
    plan_detail: string;
    reason: string;
    office_priority: string;
    wants_waitlist: boolean;
  };
  recommended: boolean;
  confirmed: boolean;
}

const emptySlot: PracticalSlotValues = { category: "", completed_on: "", certificate_number: "" };

export const emptyPracticalForm: PracticalFormValues = {
  kind: "",
  schedule: "",
  schedule_reason: "",
  applicant: { furigana: "", full_name: "", job_title: "", birth_date: "", sex: "" },
  affiliation: {
    via_other_corporation: false,
    corporation: "",
    office: "",
    postal_code: "",
    address: "",
    phone: "",
    fax: "",
    email: "",
    email_confirmation: "",
  },
  notify_elsewhere: false,
  notification: { postal_code: "", address: "", addressee: "", phone: "" },
  placement: { setting: "", corporation: "", office: "", office_number: "", address: "", services: [] },
  target: "",
  consultation: emptySlot,
  basic: emptySlot,
  practical: emptySlot,
  renewal: emptySlot,
  extra_slots: { practical: false, renewal: false },
  transitional: false,
  completed_elsewhere: false,
  send_by_fax: false,
  six_month_requirements: false,
  ojt_start: "",
  ojt_end: "",
  total_years: "",
  total_months: "",
  ojt_typed: { start: false, end: false, total: false },
  working_days: "",
  plan_creation: false,
  consultation_work: false,
  direct_support: false,
  leave_periods: [],
  ojt_remarks: "",
  accommodations: { wheelchair: false, sign_language: false, large_print: false, other: "" },
  placement_need: {
    required_count: "",
    completed_count: "",
    plan_category: "",
    plan_detail: "",
    reason: "",
    office_priority: "",
    wants_waitlist: false,
  },
  recommended: false,
  confirmed: false,
};

// --- Element ids: one per control, named after the API's field path. ---

/** `history.consultation.completed_on` → `pf-history-consultation-completed-on`. */
export function practicalFieldId(path: string): string {
  return `pf-${path.replace(/\[(\d+)\]/g, ".$1").replace(/[._]/g, "-")}`;
}

/** The ids of the shared 受講要件 controls on this form. */
export const practicalEligibilityIds: EligibilityFieldIds = {
  lectureStart: practicalFieldId("lecture_start"),
  target: practicalFieldId("target"),
  slotCategory: (slot) => practicalFieldId(`history.${slot}.category`),
  slotDate: (slot) => practicalFieldId(`history.${slot}.completed_on`),
  transitional: practicalFieldId("history.transitional"),
  ojtStart: practicalFieldId("ojt.start"),
  ojtEnd: practicalFieldId("ojt.end"),
  workingDays: practicalFieldId("ojt.working_days"),
  leaveStart: (i) => practicalFieldId(`ojt.leave_periods[${i}].start`),
  leaveEnd: (i) => practicalFieldId(`ojt.leave_periods[${i}].end`),
  activities: practicalFieldId("ojt.activities"),
  activity: (name) => practicalFieldId(`ojt.${name}`),
  sixMonth: practicalFieldId("ojt.six_month_requirements"),
};

const SLOT_PATH = /^history\.(consultation|basic|practical|renewal)\.(category|completed_on|certificate_number)$/;
const LEAVE_PATH = /^ojt\.leave_periods\[(\d+)\]\.(start|end)$/;
const CONTROL_PATHS = new Set([
  "kind",
  "preferred_schedule_id",
  "schedule_reason",
  ...["furigana", "full_name", "job_title", "birth_date", "sex"].map((f) => `applicant.${f}`),
  ...[
    "via_other_corporation",
    "corporation",
    "office",
    "postal_code",
    "address",
    "phone",
    "fax",
    "email",
    "email_confirmation",
  ].map((f) => `affiliation.${f}`),
  ...["postal_code", "address", "addressee", "phone"].map((f) => `notification.${f}`),
  ...["setting", "corporation", "office", "office_number", "address", "services"].map((f) => `placement.${f}`),
  "target",
  "history.transitional",
  "history.completed_elsewhere",
  "history.send_by_fax",
  "attachment",
  ...[
    "six_month_requirements",
    "start",
    "end",
    "total_years",
    "total_months",
    "working_days",
    "activities",
    "remarks",
  ].map((f) => `ojt.${f}`),
  ...["wheelchair", "sign_language", "large_print", "other"].map((f) => `accommodations.${f}`),
  ...[
    "required_count",
    "completed_count",
    "plan_category",
    "plan_detail",
    "reason",
    "office_priority",
    "wants_waitlist",
  ].map((f) => `placement_need.${f}`),
  "recommended",
  "confirmed",
]);

/** Fields the server names that have no control of their own, and the control that answers. */
const ALIASES: Record<string, string> = {
  "history.consultation": "history.consultation.category",
  "history.basic": "history.basic.category",
  "history.practical": "history.practical.category",
  "history.renewal": "history.renewal.category",
  notification: "notification.address",
  "ojt.plan_creation": "ojt.activities",
  "ojt.consultation_work": "ojt.activities",
  "ojt.direct_support": "ojt.activities",
};

/**
 * The control a server field path names (`ojt.leave_periods.1.start` and
 * `ojt.leave_periods[1].start` alike), as its canonical path; null for a path no control
 * holds, whose message is then shown in the summary only.
 */
export function controlPath(field: string): string | null {
  const path = ALIASES[field] ?? field.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
  const aliased = ALIASES[path] ?? path;
  if (CONTROL_PATHS.has(aliased) || SLOT_PATH.test(aliased) || LEAVE_PATH.test(aliased)) return aliased;
  return null;
}

/**
 * The form's entries carry the 受講要件 ones under the 受講要件チェック's names (`ojt_start`,
 * `consultation.category`): a control path (the API's) and the name of the entry that holds it.
 */
const RENAMED: [api: string, name: string][] = [
  ["preferred_schedule_id", "schedule"],
  ["history.transitional", "transitional"],
  ["history.completed_elsewhere", "completed_elsewhere"],
  ["history.send_by_fax", "send_by_fax"],
  ["ojt.six_month_requirements", "six_month_requirements"],
  ["ojt.start", "ojt_start"],
  ["ojt.end", "ojt_end"],
  ["ojt.total_years", "total_years"],
  ["ojt.total_months", "total_months"],
  ["ojt.working_days", "working_days"],
  ["ojt.activities", "activities"],
  ["ojt.remarks", "ojt_remarks"],
];
const NAME_OF = new Map(RENAMED);
const API_OF = new Map(RENAMED.map(([api, name]) => [name, api]));

/** `history.basic.category` → `basic.category`, `ojt.leave_periods[1].start` → `leave_periods.1.start`. */
export function fieldNameOf(path: string): string {
  const leave = LEAVE_PATH.exec(path);
  if (leave) return `leave_periods.${leave[1]}.${leave[2]}`;
  if (SLOT_PATH.test(path)) return path.slice("history.".length);
  return NAME_OF.get(path) ?? path;
}

/** The reverse of `fieldNameOf`: the control path of an entry's name. */
export function controlPathOf(name: string): string {
  const leave = /^leave_periods\.(\d+)\.(start|end)$/.exec(name);
  if (leave) return `ojt.leave_periods[${leave[1]}].${leave[2]}`;
  if (/^(consultation|basic|practical|renewal)\./.test(name)) return `history.${name}`;
  return API_OF.get(name) ?? name;
}

/** Messages by control path, in the order given, and those no control holds. */
export interface FormErrors {
  fields: Record<string, string>;
  other: string[];
}

export function errorsOf(problems: { field: string; message: string }[]): FormErrors {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const p of problems) {
    const path = controlPath(p.field);
    if (path === null) other.push(p.message);
    else fields[path] ??= p.message;
  }
  return { fields, other };
}

/** The page's refusal: the server's (or the quick check's) title and the messages by field. */
export interface FormProblem extends FormErrors {
  code: ProblemCode | ClientProblemCode;
  title: string;
}

export function formProblemOf(problem: Problem): FormProblem {
  return { code: problem.code, title: problem.title, ...errorsOf(problem.errors ?? []) };
}

// --- The request body. ---

const text = (v: string) => v.trim();
const dateOrNull = (v: string) => (isDateText(v) ? v : null);
const countOrNull = (v: string) => (v.trim() === "" ? null : parseDays(v));

function entryOf(slot: PracticalSlotValues): PracticalHistoryEntry | null {
  if (slot.category === "" && slot.completed_on === "" && slot.certificate_number.trim() === "") return null;
  return {
    category: slot.category === "" ? null : slot.category,
    completed_on: dateOrNull(slot.completed_on),
    certificate_number: slot.certificate_number.trim(),
  };
}

/** Whether the notification address is asked for (and so sent). */
export const asksNotification = (v: PracticalFormValues) => v.affiliation.via_other_corporation || v.notify_elsewhere;

/** Whether the OJT entries apply: ア and イ (ウ enters none). */
export const asksOjt = (v: PracticalFormValues) => v.target === "a" || v.target === "i";

/**
 * The request body as the API takes it. Entries hidden by another answer (the OJT of ウ, ③④
 * not added, the reason of どちらでもよい …) are left out, so that what was typed before a
 * change of mind is not sent.
 */
export function toPracticalForm(v: PracticalFormValues): PracticalForm {
  const ojt = asksOjt(v);
  const anySchedule = v.schedule === "any";
  const scheduleId = v.schedule !== "" && !anySchedule ? Number(v.schedule) : null;
  const a = v.affiliation;
  const n = v.notification;
  const p = v.placement;
  const need = v.placement_need;
  return {
    kind: v.kind === "" ? null : v.kind,
    preferred_schedule_id: Number.isInteger(scheduleId) ? scheduleId : null,
    any_schedule: anySchedule,
    schedule_reason: anySchedule ? "" : text(v.schedule_reason),
    applicant: {
      furigana: text(v.applicant.furigana),
      full_name: text(v.applicant.full_name),
      job_title: text(v.applicant.job_title),
      birth_date: dateOrNull(v.applicant.birth_date),
      sex: v.applicant.sex === "" ? null : v.applicant.sex,
    },
    affiliation: {
      via_other_corporation: a.via_other_corporation,
      corporation: text(a.corporation),
      office: text(a.office),
      postal_code: text(a.postal_code),
      address: text(a.address),
      phone: text(a.phone),
      fax: text(a.fax),
      email: text(a.email),
      email_confirmation: text(a.email_confirmation),
    },
    notification: asksNotification(v)
      ? { postal_code: text(n.postal_code), address: text(n.address), addressee: text(n.addressee), phone: text(n.phone) }
      : null,
    placement: {
      setting: p.setting === "" ? null : p.setting,
      corporation: text(p.corporation),
      office: text(p.office),
      office_number: text(p.office_number),
      address: text(p.address),
      services: p.services,
    },
    target: v.target === "" ? null : v.target,
    history: {
      consultation: entryOf(v.consultation),
      basic: entryOf(v.basic),
      practical: v.extra_slots.practical ? entryOf(v.practical) : null,
      renewal: v.extra_slots.renewal ? entryOf(v.renewal) : null,
      completed_elsewhere: v.completed_elsewhere,
      send_by_fax: v.completed_elsewhere && v.send_by_fax,
      transitional: v.target === "u" && v.transitional,
    },
    ojt: {
      six_month_requirements: v.target === "i" && v.six_month_requirements,
      start: ojt ? dateOrNull(v.ojt_start) : null,
      end: ojt ? dateOrNull(v.ojt_end) : null,
      total_years: ojt ? countOrNull(v.total_years) : null,
      total_months: ojt ? countOrNull(v.total_months) : null,
      working_days: ojt ? countOrNull(v.working_days) : null,
      plan_creation: ojt && v.plan_creation,
      consultation_work: ojt && v.consultation_work,
      direct_support: ojt && v.direct_support,
      leave_periods: ojt
        ? v.leave_periods
            .filter((r) => isDateText(r.start) && isDateText(r.end))
            .map((r) => ({ start: r.start, end: r.end }))
        : [],
      remarks: text(v.ojt_remarks),
    },
    accommodations: { ...v.accommodations, other: text(v.accommodations.other) },
    placement_need: {
      required_count: countOrNull(need.required_count),
      completed_count: countOrNull(need.completed_count),
      plan_category: need.plan_category === "" ? null : need.plan_category,
      plan_detail: need.plan_category === "other" ? text(need.plan_detail) : "",
      reason: text(need.reason),
      office_priority: countOrNull(need.office_priority),
      wants_waitlist: need.wants_waitlist,
    },
    recommended: v.recommended,
    confirmed: v.confirmed,
  };
}

/**
 * The live 受講要件 check's request for the form as it is now (with the training's first
 * day), or what is still to be entered; pending entries point at this form's controls.
 */
export function eligibilityCheckOf(v: PracticalFormValues, lectureStart: string): FormCheck {
  const values: EligibilityFormValues = {
    ...v,
    lecture_start: lectureStart,
    practical: v.extra_slots.practical ? v.practical : emptySlot,
    renewal: v.extra_slots.renewal ? v.renewal : emptySlot,
    leave_periods: asksOjt(v) ? v.leave_periods : [],
    // The computed dates are the engine's own: only a statement typed by hand is asked about.
    ojt_start: v.ojt_typed.start ? v.ojt_start : "",
    ojt_end: v.ojt_typed.end ? v.ojt_end : "",
  };
  return checkForm(values, practicalEligibilityIds);
}

// --- Quick check before the confirm step. The server checks everything again. ---

const SLOT_LABELS: Record<SlotName, string> = {
  consultation: "①相談支援",
  basic: "②サビ管・児発管（基礎・旧分野別）",
  practical: "③サビ管・児発管（実践）",
  renewal: "④サビ管・児発管（更新）",
};

/**
 * The ★ entries still missing and the entries that cannot be read (dates, numbers), in the
 * page's order and in the server's words, each by the API's field path. Formats the server
 * normalises (ふりがな, phone, 事業所番号 …) are left to it.
 */
function checkEntries(v: PracticalFormValues, hasAttachment: boolean, need: (field: string, message: string) => void) {
  const blank = (s: string) => s.trim() === "";
  const date = (value: string, field: string, label: string, required: boolean) => {
    if (value === "") {
      if (required) need(field, `${label}を入力してください`);
    } else if (!isDateText(value)) need(field, `${label}を正しい日付で入力してください`);
  };
  const count = (value: string, field: string, label: string, required: boolean) => {
    if (blank(value)) {
      if (required) need(field, `${label}を入力してください`);
    } else if (parseDays(value) === null) need(field, `${label}は半角数字で入力してください`);
  };

  if (v.kind === "") need("kind", "研修種別を選択してください");
  if (v.schedule === "") need("preferred_schedule_id", "演習日程の希望を選択してください");

  if (blank(v.applicant.furigana)) need("applicant.furigana", "ふりがなを入力してください");
  if (blank(v.applicant.full_name)) need("applicant.full_name", "氏名を入力してください");
  date(v.applicant.birth_date, "applicant.birth_date", "生年月日", true);
  if (v.applicant.sex === "") need("applicant.sex", "性別を選択してください");

  if (blank(v.affiliation.address)) need("affiliation.address", "住所を入力してください");
  if (blank(v.affiliation.email)) need("affiliation.email", "メールアドレスを入力してください");
  if (blank(v.affiliation.email_confirmation)) {
    need("affiliation.email_confirmation", "確認のため、メールアドレスをもう一度入力してください");
  } else if (normaliseEmail(v.affiliation.email) !== normaliseEmail(v.affiliation.email_confirmation)) {
    need("affiliation.email_confirmation", "メールアドレスが一致しません");
  }

  if (asksNotification(v)) {
    if (blank(v.notification.address)) need("notification.address", "通知先の住所を入力してください");
    if (blank(v.notification.addressee)) need("notification.addressee", "通知先の宛て名を入力してください");
    if (blank(v.notification.phone)) need("notification.phone", "通知先の電話番号を入力してください");
  }

  if (v.placement.setting === "") need("placement.setting", "配置する事業所の設置状況を選択してください");
  if (v.target === "") need("target", "受講対象（ア・イ・ウ）を選択してください");

  for (const slot of SLOTS) {
    const shown = !slot.optional || v.extra_slots[slot.name as "practical" | "renewal"];
    if (!shown) continue;
    const s = v[slot.name];
    const label = SLOT_LABELS[slot.name];
    const empty = s.category === "" && s.completed_on === "" && blank(s.certificate_number);
    const path = `history.${slot.name}`;
    if (empty) {
      if (!slot.optional) need(`${path}.category`, `${label}の修了歴（区分・修了年月日・証書番号）を入力してください`);
      continue;
    }
    if (s.category === "") need(`${path}.category`, `${label}の区分を選択してください`);
    date(s.completed_on, `${path}.completed_on`, `${label}の修了年月日`, true);
    if (blank(s.certificate_number)) {
      need(`${path}.certificate_number`, "証書番号を入力してください（番号のない証書は「未記載」）");
    }
  }
  if (v.completed_elsewhere && !v.send_by_fax && !hasAttachment) {
    need("attachment", "当法人以外で修了した研修の修了証書の写しを添付するか、「FAXで送信する」を選んでください");
  }

  if (asksOjt(v)) {
    date(v.ojt_start, "ojt.start", "OJT期間の始期", true);
    date(v.ojt_end, "ojt.end", "OJT期間の終期", true);
    v.leave_periods.forEach((row: LeaveRow, i) => {
      if (row.start === "" && row.end === "") return;
      date(row.start, `ojt.leave_periods[${i}].start`, `休職期間${i + 1}の始まり`, true);
      date(row.end, `ojt.leave_periods[${i}].end`, `休職期間${i + 1}の終わり`, true);
    });
    count(v.total_years, "ojt.total_years", "トータルのOJT期間（年）", true);
    count(v.total_months, "ojt.total_months", "トータルのOJT期間（ヶ月）", true);
    count(v.working_days, "ojt.working_days", "トータルの勤務日数", true);
    if (!(v.plan_creation || v.consultation_work || v.direct_support)) {
      need("ojt.activities", "OJT期間に従事した業務内容を一つ以上選んでください");
    }
  }

  const n = v.placement_need;
  count(n.required_count, "placement_need.required_count", "配置の必要数", true);
  count(n.completed_count, "placement_need.completed_count", "修了数", true);
  if (n.plan_category === "") need("placement_need.plan_category", "配置予定を選択してください");
  else if (n.plan_category === "other" && blank(n.plan_detail)) {
    need("placement_need.plan_detail", "「その他」の内容を記入してください");
  }
  if (blank(n.reason)) need("placement_need.reason", "配置が必要な具体的理由を入力してください");
  count(n.office_priority, "placement_need.office_priority", "事業所内の優先順位", false);

  if (!v.recommended) need("recommended", "法人（事業所）としての推薦による申込であることを確認してください");
  if (!v.confirmed) need("confirmed", "入力内容に相違ないことを確認してください");
}

/**
 * The form's zod schema for react-hook-form: the quick check, each message under the name of
 * the entry it is about. The copy of certificates is a file outside the form, so whether one
 * is attached is asked when the form is checked.
 */
export function practicalFormSchema(hasAttachment: () => boolean) {
  return z.custom<PracticalFormValues>().superRefine((v, ctx) =>
    checkEntries(v, hasAttachment(), (field, message) =>
      ctx.addIssue({ code: "custom", path: fieldNameOf(field).split("."), message }),
    ),
  );
}

export function quickCheck(v: PracticalFormValues, ctx: { hasAttachment: boolean }): { field: string; message: string }[] {
  const result = practicalFormSchema(() => ctx.hasAttachment).safeParse(v);
  return result.success ? [] : result.error.issues.map((i) => ({ field: controlPathOf(i.path.join(".")), message: i.message }));
}
