import type { ReactNode } from "react";
import { ApplicationStatusBadge } from "@/components/training/application-status-badge";
import type { AdminApplication } from "@/lib/api/types";
import { MEMBER_LABELS } from "@/lib/format/labels";
import { formatTime, tokyoParts } from "@/lib/format/tokyo-time";
import { formatWarekiDateTime } from "@/lib/format/wareki";
import "./staff-applications.css";

type Attendance = AdminApplication["attendance"];

/** `12/17 18:32` in Japan time. */
function shortTime(at: string): string {
  const p = tokyoParts(at);
  return `${p.month}/${p.day} ${formatTime(at)}`;
}

/**
 * 出席確認時間 and 受講確認時間, each marked 事務局が記録 with its reason when staff recorded it
 * by hand (shown in the row, so it reads the same on a phone as with a mouse).
 */
function AttendanceCell({ attendance }: { attendance: Attendance }) {
  const rows = [
    { label: "出席", at: attendance.checked_in_at, note: attendance.checked_in_by_staff },
    { label: "受講", at: attendance.checked_out_at, note: attendance.checked_out_by_staff },
  ];
  if (!rows.some((r) => r.at)) return <>―</>;
  const sameReason =
    attendance.checked_in_by_staff &&
    attendance.checked_out_by_staff &&
    attendance.checked_in_by_staff.reason === attendance.checked_out_by_staff.reason;
  return (
    <ul className="attendance-cell">
      {rows.map((r, i) => (
        <li key={r.label}>
          <span className="nowrap">
            {r.label} {r.at ? <time dateTime={r.at}>{shortTime(r.at)}</time> : "―"}
          </span>
          {r.at && r.note && (
            <>
              {" "}
              <span className="badge badge-by-staff">事務局が記録</span>
              {!(sameReason && i === 0) && (
                <>
                  <span className="cell-note">理由：{r.note.reason}</span>
                  {r.note.staff_email && <span className="cell-note break-all">記録者：{r.note.staff_email}</span>}
                </>
              )}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** 申込者一覧: one row per application; scrolls sideways on a phone. */
export function ApplicationsTable({
  items,
  firstNumber,
  actions,
}: {
  items: AdminApplication[];
  firstNumber: number;
  /** The buttons of a row (none for read-only roles). */
  actions?: (application: AdminApplication) => ReactNode;
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="applications-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="applications-caption" className="visually-hidden">
          申込者一覧
        </caption>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">状態</th>
            <th scope="col">氏名</th>
            <th scope="col">出席・受講</th>
            <th scope="col">勤務先</th>
            <th scope="col">電話</th>
            <th scope="col">メール</th>
            <th scope="col">会員</th>
            <th scope="col">チェック表</th>
            <th scope="col">申込日時</th>
            <th scope="col">受付</th>
            {actions && <th scope="col">操作</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((a, i) => (
            <tr key={a.id} className={a.status === "cancelled" ? "row-cancelled" : undefined}>
              <td className="num">{firstNumber + i}</td>
              <td>
                <ApplicationStatusBadge status={a.status} />
                {a.cancelled_at && <span className="cell-note">{formatWarekiDateTime(a.cancelled_at)}</span>}
              </td>
              <th scope="row" className="cell-name">
                {a.job_title && <span className="cell-title">{a.job_title}</span>}
                {a.full_name}
                {a.furigana && <span className="cell-note">{a.furigana}</span>}
              </th>
              <td>
                <AttendanceCell attendance={a.attendance} />
              </td>
              <td>{a.workplace}</td>
              <td className="nowrap">
                <a href={`tel:${a.phone}`}>{a.phone}</a>
                {a.address && <span className="cell-note">{a.address}</span>}
              </td>
              <td>
                <a href={`mailto:${a.email}`} className="break-all">
                  {a.email}
                </a>
              </td>
              <td className="nowrap">{MEMBER_LABELS[a.member]}</td>
              <td className="nowrap">
                {a.checklist ? (
                  <>
                    {a.checklist.band_label}
                    <span className="cell-note">はい {a.checklist.yes_count}問</span>
                  </>
                ) : (
                  "―"
                )}
              </td>
              <td className="nowrap">{formatWarekiDateTime(a.created_at)}</td>
              <td>
                {a.entered_by_staff ? (
                  <>
                    事務局入力（{a.entered_by_staff.channel_label}）
                    {a.entered_by_staff.staff_email && (
                      <span className="cell-note break-all">{a.entered_by_staff.staff_email}</span>
                    )}
                  </>
                ) : (
                  "Web"
                )}
                {a.cancel_reason && <span className="cell-note">理由：{a.cancel_reason}</span>}
              </td>
              {actions && <td>{actions(a)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
