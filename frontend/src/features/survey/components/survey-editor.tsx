import { zodResolver } from "@hookform/resolvers/zod";
import { useFieldArray, useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { useDefineSurvey } from "../api/define-survey";
import { KIND_LABELS, type QuestionKind, type SurveyAdmin } from "../api/keys";
import "./survey.css";

const KINDS = Object.keys(KIND_LABELS) as QuestionKind[];
const SCALE_DEFAULT = "不満\nやや不満\n普通\nやや満足\n満足";

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

const question = z
  .object({
    kind: z.enum(["single_choice", "multiple_choice", "scale", "free_text"]),
    text: z.string().trim().min(1, "質問文を入力してください").max(200, "質問文は200文字以内で入力してください"),
    required: z.boolean(),
    optionsText: z.string(),
  })
  .superRefine((q, ctx) => {
    const n = lines(q.optionsText).length;
    const message =
      (q.kind === "single_choice" || q.kind === "multiple_choice") && (n < 2 || n > 10)
        ? "選択肢は1行に1つ、2〜10個入力してください"
        : q.kind === "scale" && n !== 5
          ? "1〜5それぞれのラベルを1行に1つ、5つ入力してください"
          : null;
    if (message) ctx.addIssue({ code: "custom", path: ["optionsText"], message });
  });

const schema = z.object({ certificate_needs_survey: z.boolean(), questions: z.array(question).max(30) });
type Values = z.infer<typeof schema>;

/** A server path (`questions[2].options[1]`) as the form's field. */
function formField(path: string): `questions.${number}.${"text" | "optionsText"}` | null {
  const m = /^questions\[(\d+)\]\.(text|options)/.exec(path);
  if (!m) return null;
  return `questions.${Number(m[1])}.${m[2] === "text" ? "text" : "optionsText"}`;
}

/** アンケートの質問を編集する: editable until the first answer arrives. */
export function SurveyEditor({ survey }: { survey: SurveyAdmin }) {
  const define = useDefineSurvey(survey.training_id);
  const { register, control, handleSubmit, watch, setValue, setError, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      certificate_needs_survey: survey.certificate_needs_survey,
      questions: survey.questions.map((q) => ({
        kind: q.kind,
        text: q.text,
        required: q.required,
        optionsText: q.options.join("\n"),
      })),
    },
  });
  const { fields, append, remove, move } = useFieldArray({ control, name: "questions" });
  const locked = !survey.editable;
  const errors = formState.errors.questions;

  const submit = handleSubmit((values) =>
    define.mutate(
      {
        certificate_needs_survey: values.certificate_needs_survey,
        questions: values.questions.map((q) => ({
          kind: q.kind,
          text: q.text,
          required: q.required,
          options: q.kind === "free_text" ? [] : lines(q.optionsText),
        })),
      },
      {
        onError: (e) => {
          if (!(e instanceof ApiError)) return;
          for (const f of e.problem.errors ?? []) {
            const name = formField(f.field);
            if (name) setError(name, { message: f.message });
          }
        },
      },
    ),
  );

  return (
    <form className="survey-editor" noValidate onSubmit={submit}>
      {locked && (
        <Alert tone="info">回答が{survey.answer_count}件届いているため、質問は変更できません。</Alert>
      )}
      <fieldset disabled={locked} className="survey-editor-fields">
        <label className="checkbox-row">
          <input type="checkbox" {...register("certificate_needs_survey")} />
          アンケートに回答するまで受講証明書を発行しない
        </label>
        <ol className="survey-question-list">
          {fields.map((field, i) => {
            const kind = watch(`questions.${i}.kind`);
            const e = errors?.[i];
            return (
              <li key={field.id} className="card survey-question-edit">
                <div className="survey-question-head">
                  <strong>質問{i + 1}</strong>
                  <div className="survey-question-tools">
                    <button type="button" className="button button-secondary button-small" disabled={i === 0} onClick={() => move(i, i - 1)}>
                      上へ<span className="visually-hidden">（質問{i + 1}）</span>
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      下へ<span className="visually-hidden">（質問{i + 1}）</span>
                    </button>
                    <button type="button" className="button button-danger-outline button-small" onClick={() => remove(i)}>
                      削除<span className="visually-hidden">（質問{i + 1}）</span>
                    </button>
                  </div>
                </div>
                <label htmlFor={`q-${i}-kind`}>種類</label>
                <select
                  id={`q-${i}-kind`}
                  {...register(`questions.${i}.kind`, {
                    onChange: (ev) => {
                      if (ev.target.value === "scale") setValue(`questions.${i}.optionsText`, SCALE_DEFAULT);
                    },
                  })}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
                <label htmlFor={`q-${i}-text`}>質問文</label>
                <textarea id={`q-${i}-text`} rows={2} aria-invalid={e?.text ? true : undefined} {...register(`questions.${i}.text`)} />
                {e?.text && <p className="field-error">{e.text.message}</p>}
                {kind !== "free_text" && (
                  <>
                    <label htmlFor={`q-${i}-options`}>
                      {kind === "scale" ? "1〜5のラベル（1行に1つ、5つ）" : "選択肢（1行に1つ）"}
                    </label>
                    <textarea
                      id={`q-${i}-options`}
                      rows={5}
                      aria-invalid={e?.optionsText ? true : undefined}
                      {...register(`questions.${i}.optionsText`)}
                    />
                    {e?.optionsText && <p className="field-error">{e.optionsText.message}</p>}
                  </>
                )}
                <label className="checkbox-row">
                  <input type="checkbox" {...register(`questions.${i}.required`)} />
                  回答必須
                </label>
              </li>
            );
          })}
        </ol>
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={fields.length >= 30}
            onClick={() => append({ kind: "single_choice", text: "", required: false, optionsText: "" })}
          >
            質問を追加
          </button>
          <button type="submit" className="button button-primary" disabled={define.isPending}>
            アンケートを保存
          </button>
        </div>
      </fieldset>
      <div aria-live="polite">{define.isSuccess && <Alert tone="success">アンケートを保存しました。</Alert>}</div>
      {define.isError && <Alert>{errorMessage(define.error)}</Alert>}
    </form>
  );
}
