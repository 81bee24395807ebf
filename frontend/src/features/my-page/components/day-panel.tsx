import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { components } from "@/lib/api/schema";
import { formatTime, isSameTokyoDay, tokyoParts } from "@/lib/format/tokyo-time";
import { useEnterCode } from "../api/enter-code";
import { myPageQueryKey } from "../api/get-my-page";

type MyDay = components["schemas"]["MyDay"];
type CodeField = components["schemas"]["CodeField"];

const toHalfWidth = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();

const codeSchema = z.object({
  code: z
    .string()
    .transform(toHalfWidth)
    .refine((c) => /^\d{4}$/.test(c), "4ケタの数字で入力してください"),
});

type CodeValues = z.input<typeof codeSchema>;

/** 研修に参加する / 研修を終了する / 受講証明書 (seed 000 screens A–E). */
export function DayPanel({ myKey, day }: { myKey: string; day: MyDay }) {
  if (day.screen === "not_confirmed") return null;
  return (
    <section className="section day-panel" aria-labelledby="day-heading">
      <h2 id="day-heading">{day.screen === "done" ? "受講証明書" : day.checked_in_at ? "研修を終了する" : "研修に参加する"}</h2>
      <Times day={day} />
      {!day.checked_in_at && <CodeForm myKey={myKey} kind="start" field={day.check_in} />}
      {day.checked_in_at && !day.checked_out_at && <CodeForm myKey={myKey} kind="end" field={day.check_out} />}
      {day.screen === "done" && <Certificate day={day} />}
      <Survey myKey={myKey} state={day.survey} />
    </section>
  );
}

function Times({ day }: { day: MyDay }) {
  if (!day.checked_in_at) return null;
  return (
    <dl className="day-times">
      <div>
        <dt>出席確認時間</dt>
        <dd>{formatTime(day.checked_in_at)}</dd>
      </div>
      {day.checked_out_at && (
        <div>
          <dt>受講確認時間</dt>
          <dd>{formatTime(day.checked_out_at)}</dd>
        </div>
      )}
    </dl>
  );
}

/** `18:00`, or `12月2日 18:00` when it is not today (a care worker must not wait on the wrong day). */
function when(at: string): string {
  if (isSameTokyoDay(at, new Date())) return formatTime(at);
  const p = tokyoParts(at);
  return `${p.month}月${p.day}日 ${formatTime(at)}`;
}

const LABELS = {
  start: { name: "開始番号", button: "研修に参加する", when: "研修開始前" },
  end: { name: "終了番号", button: "研修を完了する", when: "研修終了後" },
} as const;

function CodeForm({ myKey, kind, field }: { myKey: string; kind: "start" | "end"; field: CodeField }) {
  const labels = LABELS[kind];
  const queryClient = useQueryClient();
  const enter = useEnterCode(myKey, kind);
  const form = useForm<CodeValues>({ resolver: zodResolver(codeSchema), defaultValues: { code: "" } });
  const error = form.formState.errors.code?.message ?? form.formState.errors.root?.server?.message;
  const id = `code-${kind}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await enter.mutateAsync(toHalfWidth(values.code));
    } catch (e) {
      const detail = e instanceof ApiError && e.problem.detail ? `${errorMessage(e)}（${e.problem.detail}）` : errorMessage(e);
      form.setError("root.server", { message: detail });
      // The state may have moved on (a window closed, another tab entered the code).
      if (e instanceof ApiError && e.status === 409) void queryClient.invalidateQueries({ queryKey: myPageQueryKey(myKey) });
    }
  });

  return (
    <form className="card code-card" onSubmit={onSubmit} noValidate>
      <p className="code-when">
        {labels.when}（{when(field.opens_at)}から{formatTime(field.closes_at)}）の間のみ入力できます。
      </p>
      {field.open && (
        <ol className="code-steps">
          <li>会場や画面に表示された【{labels.name}4ケタ】を入力してください。</li>
          <li>【{labels.button}】ボタンを押してください。</li>
        </ol>
      )}
      <label className="field-label" htmlFor={id}>
        {labels.name}入力欄
      </label>
      <input
        {...form.register("code")}
        id={id}
        className="code-input"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        placeholder="例）1234"
        disabled={!field.open}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? errorId : "", field.closed_reason ? hintId : ""].filter(Boolean).join(" ") || undefined}
      />
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      {field.closed_reason && (
        <p className="field-hint code-closed" id={hintId}>
          ※現在入力できません。{field.closed_reason}
        </p>
      )}
      {field.open && (
        <button className="button button-primary code-submit" type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "送信中…" : labels.button}
        </button>
      )}
    </form>
  );
}

function Certificate({ day }: { day: MyDay }) {
  const state = day.certificate;
  switch (state.state) {
    case "ready":
      return day.certificate_url ? (
        <a className="button button-primary certificate-download" href={day.certificate_url} download>
          受講証明書をダウンロード
        </a>
      ) : null;
    case "under_review":
      return <Alert tone="info">受講証明書は確認中です。事務局がZoomでの受講状況を確認した後にダウンロードできます。</Alert>;
    case "awaiting_survey":
      return <Alert tone="info">Webアンケートにお答えいただくと、受講証明書をダウンロードできます。</Alert>;
    case "withheld":
      return (
        <Alert>
          <p className="alert-title">受講証明書は発行できません</p>
          <p>理由：{state.reason}</p>
        </Alert>
      );
    case "not_offered":
      return <p>この研修では受講証明書の発行はありません。ご受講ありがとうございました。</p>;
    default:
      return null;
  }
}

/** Webアンケート: a link once the end code is in, thanks once answered. */
function Survey({ myKey, state }: { myKey: string; state: MyDay["survey"] }) {
  switch (state) {
    case "open":
      return (
        <p>
          <Link className="button button-primary" to={`/me/${myKey}/survey`}>
            Webアンケートに回答する
          </Link>
        </p>
      );
    case "answered":
      return <p>Webアンケートへのご回答ありがとうございました。</p>;
    case "not_yet":
      return <p>Webアンケートは、終了番号を入力すると回答できます。</p>;
    default:
      return null;
  }
}
