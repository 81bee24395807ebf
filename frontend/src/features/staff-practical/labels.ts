import type { PracticalRow, ScheduleLoad } from "@/lib/api/types";
import { DECISION_LABELS } from "@/lib/format/practical-labels";

/** 受講決定（未通知） as the API says it, and 受講決定（通知済み） once the notice has gone. */
export function stateText(row: Pick<PracticalRow, "state_label" | "status">): string {
  return row.status === "notified" ? `${row.state_label}（通知済み）` : row.state_label;
}

/** What each kept step of an application was. */
export const EVENT_LABELS: Record<string, string> = {
  submit: "申込受付",
  decide: "受講可否の決定",
  notify: "受講可否通知の送信",
  cancel: "キャンセル",
  promote: "キャンセル待ちからの繰り上げ",
  attend: "出席の記録",
  complete: "修了の記録",
  undo_attend: "出席の記録の取消し",
  undo_complete: "修了の記録の取消し",
};

/** 受講決定・第1日程 / キャンセル待ち / 受講不可 */
export function decisionText(
  decision: keyof typeof DECISION_LABELS | null | undefined,
  scheduleId: number | null | undefined,
  schedules: Pick<ScheduleLoad, "id" | "label">[],
): string {
  if (!decision) return "未決定";
  const schedule = schedules.find((s) => s.id === scheduleId);
  return decision === "accepted" && schedule ? `${DECISION_LABELS[decision]}・${schedule.label}` : DECISION_LABELS[decision];
}

/** The schedule's label, or the id where the schedule is gone. */
export function scheduleLabel(id: number | null | undefined, schedules: Pick<ScheduleLoad, "id" | "label">[]): string {
  if (id == null) return "";
  return schedules.find((s) => s.id === id)?.label ?? `日程${id}`;
}
