import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useFieldArray, useForm, type FieldPath } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { CheckboxField, Field } from "@/components/ui/field";
import { ApiError, errorMessage, toFormFieldName } from "@/lib/api/problem";
import type { TrainingInput } from "@/lib/api/types";
import { FORM_KIND_LABELS, FORMAT_LABELS, type FormKind, type TrainingFormat } from "@/lib/format/labels";
import {
  defaultTrainingFormValues,
  emptySchedule,
  toTrainingInput,
  trainingFormSchema,
  type TrainingFormValues,
} from "../form-values";

type Name = FieldPath<TrainingFormValues>;

const idFor = (name: string) => `training-${name.replace(/\./g, "-")}`;

interface TrainingFormProps {
  initialValues?: TrainingFormValues;
  submitLabel: string;
  onSubmit: (input: TrainingInput) => Promise<unknown>;
  /** Keeps what was typed in sessionStorage under this key until it is saved. */
  draftKey?: string;
}

function readDraft(key: string | undefined): TrainingFormValues | undefined {
  if (!key) return undefined;
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? { ...defaultTrainingFormValues, ...(JSON.parse(raw) as TrainingFormValues) } : undefined;
  } catch {
    return undefined;
  }
}

/** The staff create/edit form with every field of a training. */
export function TrainingForm({ initialValues, submitLabel, onSubmit, draftKey }: TrainingFormProps) {
  const [restored] = useState(() => readDraft(draftKey));
  const { dialog, ask } = useConfirm();
  const form = useForm<TrainingFormValues>({
    resolver: zodResolver(trainingFormSchema),
    defaultValues: restored ?? initialValues ?? defaultTrainingFormValues,
  });
  const { register, formState, control, watch, setError, getFieldState } = form;
  const schedules = useFieldArray({ control, name: "exercise_schedules", keyName: "key" });
  const format = watch("format");
  const formKind = watch("form_kind");
  const summaryRef = useRef<HTMLDivElement>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);

  useEffect(() => {
    if (!draftKey) return;
    const sub = watch((values) => sessionStorage.setItem(draftKey, JSON.stringify(values)));
    return () => sub.unsubscribe();
  }, [draftKey, watch]);

  const err = (name: Name) => getFieldState(name, formState).error?.message;
  const schedulesError =
    formState.errors.exercise_schedules?.root?.message ?? formState.errors.exercise_schedules?.message;

  const submit = form.handleSubmit(
    async (values) => {
      setUnplaced([]);
      try {
        await onSubmit(toTrainingInput(values));
        if (draftKey) sessionStorage.removeItem(draftKey);
      } catch (error) {
        const rest: string[] = [];
        if (error instanceof ApiError) {
          for (const e of error.problem.errors ?? []) {
            let name = toFormFieldName(e.field);
            if (name === "exercise_schedules") name = "exercise_schedules.root";
            if (document.getElementById(idFor(name.replace(/\.root$/, "")))) {
              setError(name as Name, { type: "server", message: e.message });
            } else {
              rest.push(e.message);
            }
          }
        }
        setUnplaced(rest);
        setError("root.server", { type: "server", message: errorMessage(error) });
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    },
    () => requestAnimationFrame(() => summaryRef.current?.focus()),
  );

  const fieldErrors = collectErrors(formState.errors);

  // Helpers for the many simple inputs.
  const text = (name: Name, label: string, opts: { required?: boolean; hint?: string; multiline?: boolean } = {}) => (
    <Field id={idFor(name)} label={label} required={opts.required} hint={opts.hint} error={err(name)}>
      {(c) => (opts.multiline ? <textarea {...c} {...register(name)} rows={3} /> : <input {...c} {...register(name)} type="text" />)}
    </Field>
  );
  const number = (name: Name, label: string, opts: { required?: boolean; hint?: string; min?: number } = {}) => (
    <Field id={idFor(name)} label={label} required={opts.required} hint={opts.hint} error={err(name)} className="field-short">
      {(c) => <input {...c} {...register(name)} type="number" inputMode="numeric" min={opts.min ?? 0} step={1} />}
    </Field>
  );
  const datetime = (name: Name, label: string, opts: { required?: boolean } = {}) => (
    <Field id={idFor(name)} label={label} required={opts.required} error={err(name)} hint="日本時間">
      {(c) => <input {...c} {...register(name)} type="datetime-local" />}
    </Field>
  );
  const radios = (name: "format" | "form_kind", label: string, options: Record<string, string>) => {
    const error = err(name);
    return (
      <fieldset
        id={idFor(name)}
        tabIndex={-1}
        className={`field radio-group${error ? " field-invalid" : ""}`}
        aria-describedby={error ? `${idFor(name)}-error` : undefined}
      >
        <legend className="field-label">{label}</legend>
        {error && (
          <p className="field-error" id={`${idFor(name)}-error`}>
            {error}
          </p>
        )}
        {Object.entries(options).map(([value, text]) => (
          <label key={value} className="radio">
            <input type="radio" value={value} {...register(name)} />
            {text}
          </label>
        ))}
      </fieldset>
    );
  };
  const checkbox = (name: Name, label: string) => (
    <CheckboxField id={idFor(name)} label={label} error={err(name)}>
      {(c) => <input {...c} {...register(name)} type="checkbox" />}
    </CheckboxField>
  );

  return (
    <form className="form training-form" onSubmit={submit} noValidate>
      <div ref={summaryRef} tabIndex={-1} className="error-summary-anchor">
        {(formState.errors.root?.server || fieldErrors.length > 0) && (
          <Alert>
            <p className="alert-title">
              {formState.errors.root?.server?.message ?? "入力内容を確認してください。"}
            </p>
            {(fieldErrors.length > 0 || unplaced.length > 0) && (
              <ul>
                {fieldErrors.map(([name, message]) => (
                  <li key={name}>
                    <a href={`#${idFor(name.replace(/\.root$/, ""))}`}>{message}</a>
                  </li>
                ))}
                {unplaced.map((message, i) => (
                  <li key={`unplaced-${i}`}>{message}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>

      <fieldset className="card">
        <legend>研修の内容</legend>
        {text("title", "研修名", { required: true })}
        {text("purpose", "目的", { multiline: true })}
        {text("organiser", "主催", { required: true })}
        {text("theme", "テーマ", { multiline: true })}
        {text("lecturer", "講師")}
        {text("target_audience", "対象者", { multiline: true })}
        {text("contact", "お問い合わせ先（住所・電話・メール。申込完了メールに記載）", { multiline: true })}
      </fieldset>

      <fieldset className="card">
        <legend>日時・会場</legend>
        {datetime("starts_at", "開始日時", { required: true })}
        {datetime("ends_at", "終了日時", { required: true })}
        {text("venue", "会場", { required: true })}
        {radios("format", "開催形式", FORMAT_LABELS as Record<TrainingFormat, string>)}
      </fieldset>

      {format !== "in_person" && (
        <fieldset className="card">
          <legend>オンライン(Zoom)</legend>
          <Field id={idFor("zoom_url")} label="Zoom URL" required hint="https:// から入力" error={err("zoom_url")}>
            {(c) => <input {...c} {...register("zoom_url")} type="url" inputMode="url" spellCheck={false} />}
          </Field>
          {text("zoom_meeting_id", "ミーティングID", { required: true, hint: "9〜11桁の数字" })}
          {text("zoom_passcode", "パスコード")}
          {number("room_opens_minutes_before", "入室開始(開始の何分前)", { hint: "分前" })}
        </fieldset>
      )}

      <fieldset className="card">
        <legend>申込の受付</legend>
        {number("fee_yen", "参加費(円)", { required: true, hint: "無料の場合は0" })}
        {number("capacity", "定員", { required: true, min: 1 })}
        {datetime("application_opens_at", "受付開始", { required: true })}
        {datetime("application_closes_at", "受付締切", { required: true })}
        {radios("form_kind", "申込様式", FORM_KIND_LABELS as Record<FormKind, string>)}
        {checkbox("waiting_list", "キャンセル待ちを受け付ける")}
        {checkbox("checklist_required", "チェック表の回答を必須にする")}
        {checkbox("issues_certificate", "受講証明書の発行")}
      </fieldset>

      {formKind === "practical" && (
        <fieldset
          className={`card${schedulesError ? " field-invalid" : ""}`}
          id={idFor("exercise_schedules")}
          tabIndex={-1}
          aria-describedby={schedulesError ? `${idFor("exercise_schedules")}-error` : undefined}
        >
          <legend>演習日程</legend>
          {schedulesError && (
            <p className="field-error" id={`${idFor("exercise_schedules")}-error`}>
              {schedulesError}
            </p>
          )}
          {schedules.fields.length === 0 && <p className="muted">演習日程はまだありません。</p>}
          {schedules.fields.map((row, i) => (
            <fieldset key={row.key} className="schedule-row">
              <legend>演習日程 {i + 1}</legend>
              {text(`exercise_schedules.${i}.label`, "日程名", { required: true })}
              {datetime(`exercise_schedules.${i}.starts_at`, "開始日時", { required: true })}
              {datetime(`exercise_schedules.${i}.ends_at`, "終了日時", { required: true })}
              {number(`exercise_schedules.${i}.capacity`, "定員", { required: true, min: 1 })}
              <button
                type="button"
                className="button button-small button-danger-outline"
                onClick={() => schedules.remove(i)}
              >
                演習日程 {i + 1} を削除
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => schedules.append({ ...emptySchedule })}
          >
            ＋ 演習日程を追加
          </button>
        </fieldset>
      )}

      <fieldset className="card">
        <legend>出席確認</legend>
        {number("check_in_opens_minutes_before", "開始番号の入力開始(分前)")}
        {number("check_in_grace_minutes", "猶予(分)", { hint: "開始時刻を過ぎても開始番号を入力できる時間" })}
        {number("check_out_window_minutes", "終了番号の入力時間(分)", { hint: "終了時刻から入力できる時間" })}
      </fieldset>

      <div className="actions">
        {draftKey && (
          <button
            type="button"
            className="button button-secondary"
            onClick={async () => {
              const yes = await ask({
                title: "入力内容を消去しますか？",
                body: (
                  <p>
                    このフォームに入力した内容（この端末に保存された下書きを含む）をすべて消去し、最初の状態に戻します。消去した内容は元に戻せません。
                  </p>
                ),
                confirmLabel: "消去する",
                danger: true,
              });
              if (!yes) return;
              sessionStorage.removeItem(draftKey);
              form.reset(initialValues ?? defaultTrainingFormValues);
              setUnplaced([]);
            }}
          >
            入力内容を消去
          </button>
        )}
        {dialog}
        <button className="button button-primary" type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "保存中…" : submitLabel}
        </button>
      </div>
    </form>
  );
}

/** Every field error as [name, message], in form order. */
function collectErrors(errors: object, prefix = ""): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(errors)) {
    if ((key === "root" && !prefix) || key === "ref" || value == null || typeof value !== "object") continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof (value as { message?: unknown }).message === "string" && "type" in value) {
      out.push([name, (value as { message: string }).message]);
    } else {
      out.push(...collectErrors(value, name));
    }
  }
  return out;
}
