import type { AuditEntry } from "@/lib/api/types";
import { formatWarekiDateTime } from "@/lib/format/wareki";
import { actionLabel, statusLabel } from "../audit-filter";
import "./audit-log.css";

const ROLE_LABELS: Record<string, string> = { admin: "管理者", staff: "事務局", prefecture: "北海道" };

function Actor({ entry }: { entry: AuditEntry }) {
  const kind = entry.actor_kind === "token" ? "APIトークン" : "職員";
  if (entry.actor_id == null) return <>{kind}（不明）</>;
  return (
    <>
      {kind} #{entry.actor_id}
      {entry.role && <span className="cell-note">{ROLE_LABELS[entry.role] ?? entry.role}</span>}
    </>
  );
}

/** 監査ログ: one row per recorded action; scrolls sideways on a phone. */
export function AuditTable({ items }: { items: AuditEntry[] }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
      <table className="data-table audit-table">
        <caption id="audit-caption" className="visually-hidden">
          監査ログ
        </caption>
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">操作者</th>
            <th scope="col">操作</th>
            <th scope="col">研修ID</th>
            <th scope="col">結果</th>
            <th scope="col">接続元</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => {
            const label = actionLabel(entry.action);
            return (
              <tr key={entry.id} className={entry.status >= 400 ? "audit-refused" : undefined}>
                <td className="audit-at">{formatWarekiDateTime(entry.at)}</td>
                <td className="nowrap">
                  <Actor entry={entry} />
                </td>
                <td className="audit-action">
                  {label ?? <code>{entry.action}</code>}
                  {label && <code className="cell-note">{entry.action}</code>}
                  {entry.target && <span className="cell-note">対象：{entry.target}</span>}
                </td>
                <td className="num">{entry.training_id ?? "—"}</td>
                <td className="nowrap">
                  {statusLabel(entry.status)}
                  <span className="cell-note">{entry.status}</span>
                </td>
                <td className="nowrap">{entry.client ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
