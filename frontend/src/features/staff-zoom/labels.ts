import type { ZoomParticipant } from "./api/keys";

export type Decision = ZoomParticipant["decision"];
export type CheckKey = "face" | "display_name" | "breakout_room" | "throughout";

/** ①–④ in the seed's words (seed 000 6(5)). */
export const CHECKS: { key: CheckKey; mark: string; short: string; label: string }[] = [
  { key: "face", mark: "①", short: "顔", label: "カメラで顔を確認できた" },
  { key: "display_name", mark: "②", short: "表示名", label: "Zoomの参加者名が申込時の氏名" },
  { key: "breakout_room", mark: "③", short: "ブレイクアウト", label: "ブレイクアウトルームに参加" },
  { key: "throughout", mark: "④", short: "開始・中間・終了", label: "開始・中間・終了時に①②を確認" },
];

export const DECISION_LABELS: Record<Decision, string> = {
  pending: "確認中",
  approved: "承認済み",
  in_person: "会場参加",
  withheld: "発行見送り",
};

/** 09:58 in Tokyo time, or 未入力. */
export function clock(at: string | null | undefined): string {
  if (!at) return "未入力";
  return new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" }).format(
    new Date(at),
  );
}

export interface GridFilter {
  query: string;
  uncheckedOnly: boolean;
  decision: Decision | "all";
}

/** The rows a filter keeps: the name (or workplace) holds the query, any of ①–④ unticked, the decision. */
export function filterRows<T extends { full_name: string; workplace: string; decision: Decision; checks: Record<CheckKey, boolean> }>(
  rows: T[],
  f: GridFilter,
): T[] {
  const q = f.query.replace(/\s/g, "");
  return rows.filter(
    (r) =>
      (!q || r.full_name.replace(/\s/g, "").includes(q) || r.workplace.includes(q)) &&
      (!f.uncheckedOnly || CHECKS.some((c) => !r.checks[c.key])) &&
      (f.decision === "all" || r.decision === f.decision),
  );
}
