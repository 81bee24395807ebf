import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { WebhookCreated, WebhookEventName } from "@/lib/api/types";
import { useCreateWebhook } from "../api/create-webhook";
import { WEBHOOK_EVENTS } from "../labels";

/** 新しいWebhook: URL and events; after saving, the secret is shown once. */
export function CreateWebhookForm() {
  const create = useCreateWebhook();
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const fieldError = (field: string) =>
    create.error instanceof ApiError ? create.error.problem.errors?.find((e) => e.field === field)?.message : undefined;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const events = data.getAll("events").map(String) as WebhookEventName[];
    setCreated(null);
    create.mutate(
      { url: String(data.get("url") ?? ""), events },
      {
        onSuccess: (answer) => {
          setCreated(answer);
          form.reset();
        },
      },
    );
  };
  const urlError = fieldError("url");
  const eventsError = fieldError("events");
  return (
    <>
      {created && (
        <Alert tone="success">
          <p>Webhookを登録しました。署名用のシークレットは今だけ表示されます。受信側に保存してください。</p>
          <p>
            <code className="webhook-secret">{created.secret}</code>
          </p>
        </Alert>
      )}
      <form className="card form" aria-labelledby="new-webhook" onSubmit={submit} noValidate>
        <h2 id="new-webhook">新しいWebhook</h2>
        {create.isError && !urlError && !eventsError && <Alert>{errorMessage(create.error)}</Alert>}
        <label className={urlError ? "field field-invalid" : "field"}>
          <span className="field-label">
            送信先URL<span className="required">必須</span>
          </span>
          <input
            name="url"
            type="url"
            inputMode="url"
            placeholder="https://partner.example.jp/kenshu/webhook"
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? "webhook-url-error webhook-url-hint" : "webhook-url-hint"}
          />
          <span id="webhook-url-hint" className="field-hint">
            http:// または https:// のURL。このシステム自身やリンクローカルアドレスには送信できません。
          </span>
          {urlError && (
            <span id="webhook-url-error" className="field-error">
              {urlError}
            </span>
          )}
        </label>
        <fieldset className="field webhook-events" aria-describedby={eventsError ? "webhook-events-error" : undefined}>
          <legend className="field-label">
            送信するイベント<span className="required">必須</span>
          </legend>
          {WEBHOOK_EVENTS.map((e) => (
            <label key={e.value} className="check">
              <input type="checkbox" name="events" value={e.value} defaultChecked />
              {e.label}
            </label>
          ))}
          {eventsError && (
            <span id="webhook-events-error" className="field-error">
              {eventsError}
            </span>
          )}
        </fieldset>
        <div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            登録する
          </button>
        </div>
      </form>
    </>
  );
}
