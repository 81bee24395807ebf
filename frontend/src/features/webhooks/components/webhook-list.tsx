import { Alert } from "@/components/ui/alert";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/lib/api/problem";
import type { Webhook } from "@/lib/api/types";
import { useDeleteWebhook } from "../api/delete-webhook";
import { useSetWebhookActive } from "../api/set-webhook-active";
import { eventLabel } from "../labels";

/** The subscriptions, each with 停止/再開 and 削除 (confirmed). */
export function WebhookList({ items }: { items: Webhook[] }) {
  const toggle = useSetWebhookActive();
  const remove = useDeleteWebhook();
  const { dialog, ask } = useConfirm();
  if (items.length === 0) return <p className="empty">登録されたWebhookはありません。</p>;
  return (
    <>
      {(toggle.isError || remove.isError) && <Alert>{errorMessage(toggle.error ?? remove.error)}</Alert>}
      <ul className="card-list" aria-label="登録済みのWebhook">
        {items.map((hook) => (
          <li key={hook.id} className="card webhook-card">
            <p className="webhook-url">
              <span className={hook.active ? "badge badge-open" : "badge badge-closed"}>
                {hook.active ? "有効" : "停止中"}
              </span>{" "}
              <span className="muted">#{hook.id}</span> <code>{hook.url}</code>
            </p>
            <p className="muted">{hook.events.map(eventLabel).join("・")}</p>
            <div className="actions">
              <button
                type="button"
                className="button button-small button-secondary"
                disabled={toggle.isPending}
                onClick={() => toggle.mutate({ id: hook.id, active: !hook.active })}
              >
                {hook.active ? "停止する" : "再開する"}
              </button>
              <button
                type="button"
                className="button button-small button-danger-outline"
                disabled={remove.isPending}
                onClick={async () => {
                  const yes = await ask({
                    title: `Webhook #${hook.id} を削除しますか？`,
                    body: <p>配信ログも削除され、元に戻せません。一時的に止めるだけなら「停止する」を使ってください。</p>,
                    confirmLabel: "削除する",
                    danger: true,
                  });
                  if (yes) remove.mutate(hook.id);
                }}
              >
                削除する
              </button>
            </div>
          </li>
        ))}
      </ul>
      {dialog}
    </>
  );
}
