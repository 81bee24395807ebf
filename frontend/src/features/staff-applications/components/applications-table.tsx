import type { ReactNode } from "react";
import { ApplicationStatusBadge } from "@/components/training/application-status-badge";
import type { AdminApplication } from "@/lib/api/types";
import { MEMBER_LABELS } from "@/lib/format/labels";
import { formatWarekiDateTime } from "@/lib/format/wareki";
import "./staff-applications.css";

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
