import { DateRange } from "@/components/training/date-range";
import type { ScheduleLoad } from "@/lib/api/types";
import "./staff-practical.css";

/** 演習日程: capacity, places decided and places the proposal would fill. */
export function ScheduleLoads({ schedules }: { schedules: ScheduleLoad[] }) {
  if (schedules.length === 0) return <p className="empty">演習日程はありません。</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="schedule-loads-caption" tabIndex={0}>
      <table className="data-table schedule-loads">
        <caption id="schedule-loads-caption" className="visually-hidden">
          演習日程ごとの定員と人数
        </caption>
        <thead>
          <tr>
            <th scope="col">日程</th>
            <th scope="col">定員</th>
            <th scope="col">決定</th>
            <th scope="col">提案</th>
          </tr>
        </thead>
        <tbody>
          {schedules.map((s) => (
            <tr key={s.id} className={s.accepted > s.capacity || s.proposed > s.capacity ? "row-over" : undefined}>
              <th scope="row" className="cell-name">
                {s.label}
                <span className="cell-note">
                  <DateRange start={s.starts_at} end={s.ends_at} />
                </span>
              </th>
              <td className="num">{s.capacity}名</td>
              <td className="num">
                {s.accepted}名
                {s.accepted > s.capacity && <span className="cell-note over">定員超過</span>}
              </td>
              <td className="num">
                {s.proposed}名
                {s.proposed > s.capacity && <span className="cell-note over">定員超過</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
