/** Rosters (SPEC §9): the kinds, formats and the column picker's pure rules. */

export type RosterKind = "participants" | "exercise" | "completers" | "selection" | "survey";
/** The rosters taken across a fiscal year's trainings (アンケート回答 is per training). */
export type AcrossRosterKind = Exclude<RosterKind, "survey">;
export type ExportFormat = "csv" | "csv-cp932" | "xlsx";

export const ROSTER_KINDS: { kind: RosterKind; label: string; practicalOnly?: boolean }[] = [
  { kind: "participants", label: "受講者名簿" },
  { kind: "exercise", label: "演習時の受講者名簿", practicalOnly: true },
  { kind: "completers", label: "修了者名簿" },
  { kind: "selection", label: "選考一覧", practicalOnly: true },
  { kind: "survey", label: "アンケート回答" },
];

export const EXPORT_FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: "xlsx", label: "Excel（.xlsx）", hint: "そのまま Excel で開けます。" },
  { format: "csv", label: "CSV（UTF-8）", hint: "新しい Excel やほかの表計算ソフト向け。" },
  {
    format: "csv-cp932",
    label: "CSV（Shift_JIS）",
    hint: "古い Excel 向け。𠮷などShift_JISにない文字は置き換え、ファイルの最後に一覧を付けます。",
  },
];

export function extensionOf(format: ExportFormat): string {
  return format === "xlsx" ? "xlsx" : "csv";
}

/** A column in the picker: ticked or not, in the order it will appear. */
export interface PickedColumn {
  key: string;
  label: string;
  checked: boolean;
}

/** The catalogue as the picker starts: its order, the defaults ticked. */
export function initialColumns(columns: { key: string; label: string; default: boolean }[]): PickedColumn[] {
  return columns.map((c) => ({ key: c.key, label: c.label, checked: c.default }));
}

/** The list with the column at `index` moved one place up (-1) or down (+1). */
export function moveColumn(columns: PickedColumn[], index: number, delta: -1 | 1): PickedColumn[] {
  const to = index + delta;
  if (index < 0 || index >= columns.length || to < 0 || to >= columns.length) return columns;
  const next = columns.slice();
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** `columns=` for the ticked columns, in the list's order. */
export function columnsParam(columns: PickedColumn[]): string {
  return columns
    .filter((c) => c.checked)
    .map((c) => c.key)
    .join(",");
}

/** The download URL: `base?format=…&columns=…` plus any extra parameters. */
export function exportUrl(
  base: string,
  format: ExportFormat,
  columns: PickedColumn[],
  extra: Record<string, string> = {},
): string {
  const q = new URLSearchParams({ ...extra, format, columns: columnsParam(columns) });
  return `${base}?${q.toString()}`;
}

/** 年度 in Japan: from April to the next March. */
export function fiscalYearOf(date: Date): number {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "numeric" })
    .formatToParts(date)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const year = Number(parts.year);
  return Number(parts.month) >= 4 ? year : year - 1;
}
