import { Link } from "react-router";
import { Fact, FactList } from "@/components/ui/facts";
import type { PracticalRow, ScheduleLoad } from "@/lib/api/types";
import { KIND_LABELS } from "@/lib/format/practical-labels";
import { decisionText, scheduleLabel, stateText } from "../labels";
import { OutcomeCompare } from "./outcome-compare";
import "./staff-practical.css";

/** The state as a badge: colour by where the application stands, the words say it all. */
export function StateBadge({ row }: { row: Pick<PracticalRow, "state_label" | "status" | "decision"> }) {
  const tone = row.status === "cancelled" ? "cancelled" : (row.decision ?? "open");
  return <span className={`badge badge-selection badge-selection-${tone}`}>{stateText(row)}</span>;
}

/** One application of the selection list, in the proposed order. */
export function SelectionCard({
  row,
  schedules,
  detailTo,
}: {
  row: PracticalRow;
  schedules: ScheduleLoad[];
  detailTo: string;
}) {
  const headingId = `practical-row-${row.id}`;
  const p = row.proposal;
  const decided = row.decision != null;
  const departs =
    decided && (p.decision !== row.decision || (row.decision === "accepted" && p.schedule_id !== row.schedule_id));
  return (
    <article className={`card selection-card${row.status === "cancelled" ? " row-cancelled" : ""}`} aria-labelledby={headingId}>
      <div className="selection-card-head">
        <span className="rank">{p.rank != null ? `${p.rank}位` : "順位なし"}</span>
        <StateBadge row={row} />
        {row.wants_waitlist && <span className="badge badge-waitlist">キャンセル待ち希望</span>}
      </div>
      <h3 className="selection-card-title" id={headingId}>
        <Link to={detailTo}>{row.full_name}</Link>
        <span className="furigana">{row.furigana}</span>
      </h3>
      <FactList>
        <Fact label="研修種別">{row.kind ? KIND_LABELS[row.kind].short : "―"}</Fact>
        <Fact label="事業所">
          {row.office || "（未定）"}
          {row.office_number && <span className="note">事業所番号 {row.office_number}</span>}
        </Fact>
        <Fact label="受講要件">
          <OutcomeCompare submitted={row.submitted_outcome} current={row.current_outcome} />
        </Fact>
        <Fact label="希望日程">
          {row.preferred_schedule_id != null ? scheduleLabel(row.preferred_schedule_id, schedules) : "どちらでもよい"}
          {row.binding_preference && <span className="badge badge-binding">日程固定</span>}
        </Fact>
        <Fact label="提案">
          <strong>{decisionText(p.decision, p.schedule_id, schedules)}</strong>
          {p.reason && <span className="note">{p.reason}</span>}
        </Fact>
        <Fact label="決定">
          {decided ? decisionText(row.decision, row.schedule_id, schedules) : "未決定"}
          {departs && <span className="badge badge-override">提案と異なる</span>}
        </Fact>
      </FactList>
      <div className="card-actions">
        <Link className="button button-secondary button-small" to={detailTo}>
          詳細・決定<span className="visually-hidden">（{row.full_name}）</span> ›
        </Link>
      </div>
    </article>
  );
}
