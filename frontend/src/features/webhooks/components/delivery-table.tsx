import { Alert } from "@/components/ui/alert";
import { errorMessage } from "@/lib/api/problem";
import type { WebhookDelivery } from "@/lib/api/types";
import { formatWarekiDateTime } from "@/lib/format/wareki";
import { useRedeliverWebhook } from "../api/redeliver-webhook";
import { DELIVERY_STATUS_LABELS, eventLabel } from "../labels";

/** 配信ログ: one row per delivery, with 再送; scrolls sideways on a phone. */
export function DeliveryTable({ items }: { items: WebhookDelivery[] }) {
  const redeliver = useRedeliverWebhook();
  return (
    <>
      {redeliver.isError && <Alert>{errorMessage(redeliver.error)}</Alert>}
      <div className="table-scroll" role="region" aria-labelledby="deliveries-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="deliveries-caption" className="visually-hidden">
            配信ログ
          </caption>
          <thead>
            <tr>
              <th scope="col">配信ID</th>
              <th scope="col">イベント</th>
              <th scope="col">状態</th>
              <th scope="col">試行</th>
              <th scope="col">最後の結果</th>
              <th scope="col">次回</th>
              <th scope="col">
                <span className="visually-hidden">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} className={d.status === "failed" ? "audit-refused" : undefined}>
                <td className="num">
                  {d.id}
                  <span className="cell-note">Webhook #{d.webhook_id}</span>
                </td>
                <td className="nowrap">
                  {eventLabel(d.event)}
                  <span className="cell-note">{formatWarekiDateTime(d.created_at)}</span>
                </td>
                <td className="nowrap">{DELIVERY_STATUS_LABELS[d.status]}</td>
                <td className="num">{d.attempts}回</td>
                <td>
                  {d.last_status_code != null && <>HTTP {d.last_status_code}</>}
                  {d.last_error && <span className="cell-note">{d.last_error}</span>}
                  {d.last_status_code == null && !d.last_error && "—"}
                </td>
                <td className="nowrap">{d.status === "pending" ? formatWarekiDateTime(d.next_attempt_at) : "—"}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    disabled={redeliver.isPending}
                    onClick={() => redeliver.mutate(d.id)}
                  >
                    再送
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
