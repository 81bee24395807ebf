import { quickCheck, type PracticalFormValues } from "./form-values";

/**
 * The form's sections in the seed's order, for the section index (目次) and the error
 * summary: which section each entry (by the API's field path) belongs to, and how many of
 * each section's ★ entries are still missing or unreadable.
 */
export interface FormSectionInfo {
  id: string;
  title: string;
  /** Whether a control path belongs here. */
  holds: (path: string) => boolean;
}

const under =
  (...prefixes: string[]) =>
  (path: string) =>
    prefixes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));

export const FORM_SECTIONS: FormSectionInfo[] = [
  { id: "pf-section-kind", title: "研修種別・演習日程", holds: under("kind", "preferred_schedule_id", "schedule_reason") },
  { id: "pf-section-applicant", title: "受講者情報", holds: under("applicant") },
  { id: "pf-section-affiliation", title: "所属情報", holds: under("affiliation") },
  { id: "pf-section-notification", title: "受講可否通知の宛先", holds: under("notification") },
  { id: "pf-section-placement", title: "配置する事業所", holds: under("placement") },
  { id: "pf-section-target", title: "受講対象", holds: under("target") },
  { id: "pf-section-history", title: "研修の受講（修了歴）", holds: under("history", "attachment") },
  { id: "pf-section-ojt", title: "OJT期間", holds: under("ojt") },
  { id: "pf-section-accommodations", title: "受講に対する必要な配慮", holds: under("accommodations") },
  { id: "pf-section-need", title: "配置が必要な事業所の状況", holds: under("placement_need") },
  { id: "pf-section-confirm", title: "所属長の推薦・送信内容のチェック", holds: under("recommended", "confirmed") },
];

/** The section a control path belongs to. */
export function sectionOf(path: string): FormSectionInfo | undefined {
  return FORM_SECTIONS.find((s) => s.holds(path));
}

export interface SectionState {
  id: string;
  title: string;
  /** ★ entries still missing or unreadable (未入力 n件); 0 is ✓. */
  missing: number;
  /** The first of them, to jump to. */
  firstPath: string | null;
}

/** Each section's state for the entries as they are now. */
export function sectionStates(v: PracticalFormValues, hasAttachment: boolean): SectionState[] {
  const issues = quickCheck(v, { hasAttachment });
  return FORM_SECTIONS.map((s) => {
    const mine = issues.filter((i) => s.holds(i.field));
    return { id: s.id, title: s.title, missing: mine.length, firstPath: mine[0]?.field ?? null };
  });
}

/** 受講者情報：ふりがなを入力してください — a summary message with the section it belongs to. */
export function withSection(path: string, message: string): string {
  const section = sectionOf(path);
  return section ? `${section.title}：${message}` : message;
}
