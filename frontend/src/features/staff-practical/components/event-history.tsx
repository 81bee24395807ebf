import type { Decision, PracticalEvent, ScheduleLoad } from "@/lib/api/types";
import { DECISION_LABELS } from "@/lib/format/practical-labels";
import { formatWarekiDateTime } from "@/lib/format/wareki";
import { EVENT_LABELS, scheduleLabel } from "../labels";
import "./staff-practical.css";

const isDecision = (v: string | null | undefined): v is Decision => v != null && v in DECISION_LABELS;

/** 履歴: every step with its reason, newest last; a step that departed from the proposal is marked. */
export function EventHistory({ events, schedules }: { events: PracticalEvent[]; schedules: ScheduleLoad[] }) {
  if (events.length === 0) return <p className="empty">履歴はありません。</p>;
  return (
    <ol className="event-list">
      {events.map((e, i) => {
        const schedule = scheduleLabel(e.schedule_id, schedules);
        return (
          <li key={i} className={e.is_override ? "event event-override" : "event"}>
            <p className="event-head">
              <span className="event-time">{formatWarekiDateTime(e.created_at)}</span>
              <strong>{EVENT_LABELS[e.action] ?? e.action}</strong>
              {e.is_override && <span className="badge badge-override">提案と異なる</span>}
            </p>
            {(isDecision(e.decision) || schedule) && (
              <p className="event-detail">
                {isDecision(e.decision) && DECISION_LABELS[e.decision]}
                {isDecision(e.decision) && schedule && "・"}
                {schedule}
              </p>
            )}
            {e.reason && <p className="event-reason">理由：{e.reason}</p>}
          </li>
        );
      })}
    </ol>
  );
}
