import type { Outcome, PracticalRow } from "@/lib/api/types";

/**
 * The selection table's search and filters, and which selected rows a bulk step fits: pure
 * functions over the rows the API listed, so that 120+ applications filter as one types.
 */

export type DecisionFilter = "" | "undecided" | "accepted" | "waitlisted" | "rejected" | "cancelled";

export interface SelectionFilter {
  /** 氏名・ふりがな・事業所名・事業所番号, any part, spaces and kana kind ignored. */
  text: string;
  outcome: Outcome | "";
  decision: DecisionFilter;
  /** A schedule's id (決定、未決定なら提案の日程), `none` for none, or empty for all. */
  schedule: string;
}

export const emptyFilter: SelectionFilter = { text: "", outcome: "", decision: "", schedule: "" };

/** カタカナ → ひらがな, full-width → half-width, no spaces, lower case. */
export function searchKey(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, "")
    .toLowerCase();
}

export function decisionOf(row: Pick<PracticalRow, "status" | "decision">): Exclude<DecisionFilter, ""> {
  if (row.status === "cancelled") return "cancelled";
  return row.decision ?? "undecided";
}

/** The schedule a row stands on: the decided one, else the proposed one. */
export const scheduleOf = (row: PracticalRow) => row.schedule_id ?? row.proposal.schedule_id ?? null;

export function filterRows(rows: PracticalRow[], f: SelectionFilter): PracticalRow[] {
  const needle = searchKey(f.text);
  return rows.filter((r) => {
    if (needle && !searchKey(`${r.full_name}|${r.furigana}|${r.office}|${r.office_number}`).includes(needle)) return false;
    if (f.outcome && r.current_outcome !== f.outcome) return false;
    if (f.decision && decisionOf(r) !== f.decision) return false;
    if (f.schedule) {
      const s = scheduleOf(r);
      if (f.schedule === "none" ? s !== null : String(s) !== f.schedule) return false;
    }
    return true;
  });
}

export type BulkAction = "decide_as_proposed" | "attend" | "complete";

/** What each bulk step is called, does, and which rows it fits. */
export const BULK_ACTIONS: Record<
  BulkAction,
  { label: string; verb: string; fits: (r: PracticalRow) => boolean; unfit: string; after: string }
> = {
  decide_as_proposed: {
    label: "提案どおりに決定",
    verb: "提案どおりに決定",
    fits: (r) => (r.status === "submitted" || r.status === "under_review") && r.proposal.decision != null,
    unfit: "決定済み・キャンセル",
    after: "受講可否通知はまだ送信されません。各申込の履歴に「提案どおり（一括操作）」と記録されます。",
  },
  attend: {
    label: "出席を記録",
    verb: "出席を記録",
    fits: (r) => r.status === "notified" && r.decision === "accepted",
    unfit: "受講決定の通知前・出席済み など",
    after: "各申込の履歴に出席の記録が残ります。",
  },
  complete: {
    label: "修了を記録",
    verb: "修了を記録",
    fits: (r) => r.status === "attended",
    unfit: "出席の記録がない・修了済み など",
    after: "選んだ順（表の順）に修了証書番号が付きます。修了の記録は取り消せません。",
  },
};

/** The selected rows a step fits, and how many it does not. */
export function bulkTargets(action: BulkAction, selected: PracticalRow[]): { fit: PracticalRow[]; unfit: number } {
  const fit = selected.filter(BULK_ACTIONS[action].fits);
  return { fit, unfit: selected.length - fit.length };
}
