import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { useAnswerMySurvey } from "../api/answer-my-survey";
import type { Question } from "../api/keys";
import "./survey.css";

/** Full-width digits folded to half-width, as the server does. */
const fold = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();

/** The form's schema from the questions: the number is 8 digits, required questions answered. */
function schemaFor(questions: Question[]) {
  const answers: Record<string, z.ZodType> = {};
  for (const q of questions) {
    const need = "この質問は回答必須です";
    if (q.kind === "multiple_choice") {
      answers[`q${q.id}`] = q.required ? z.array(z.string()).min(1, need) : z.array(z.string());
    } else if (q.kind === "free_text") {
      answers[`q${q.id}`] = q.required ? z.string().trim().min(1, need) : z.string();
    } else {
      answers[`q${q.id}`] = q.required ? z.string({ error: need }).min(1, need) : z.string().nullable().optional();
    }
  }
  return z.object({
    care_manager_number: z
      .string()
      .refine((v) => fold(v).length > 0, "介護支援専門員番号を入力してください")
      .refine((v) => fold(v).length === 0 || /^\d{8}$/.test(fold(v)), "介護支援専門員番号は8桁の数字で入力してください"),
    answers: z.object(answers),
  });
}

type Values = { care_manager_number: string; answers: Record<string, string | string[] | null | undefined> };

/** The participant's survey: the 介護支援専門員番号 and each question, sent once. */
export function SurveyForm({ surveyKey, questions }: { surveyKey: string; questions: Question[] }) {
  const schema = useMemo(() => schemaFor(questions), [questions]);
  const answer = useAnswerMySurvey(surveyKey);
  const defaults: Values = {
    care_manager_number: "",
    answers: Object.fromEntries(
      questions.map((q) => [`q${q.id}`, q.kind === "multiple_choice" ? [] : q.kind === "free_text" ? "" : null]),
    ),
  };
  const { register, handleSubmit, formState, setError } = useForm<Values>({
    resolver: zodResolver(schema) as never,
    defaultValues: defaults,
  });
  const errors = formState.errors;

  const submit = handleSubmit((values) => {
    const answers: Record<string, unknown> = {};
    for (const q of questions) {
      const v = values.answers[`q${q.id}`];
      if (q.kind === "multiple_choice") answers[q.id] = ((v as string[]) ?? []).map(Number);
      else if (q.kind === "free_text") answers[q.id] = (v as string) ?? "";
      else if (v != null && v !== "") answers[q.id] = Number(v);
    }
    answer.mutate(
      { care_manager_number: values.care_manager_number, answers },
      {
        onError: (e) => {
          if (!(e instanceof ApiError)) return;
          for (const f of e.problem.errors ?? []) {
            if (f.field === "care_manager_number") setError("care_manager_number", { message: f.message });
            const m = /^answers\.(\d+)$/.exec(f.field);
            if (m) setError(`answers.q${m[1]}`, { message: f.message });
          }
        },
      },
    );
  });

  const numberError = errors.care_manager_number?.message;
  return (
    <form className="survey-form" noValidate onSubmit={submit}>
      <div className="field survey-number">
        <label htmlFor="care_manager_number">
          介護支援専門員番号<span className="required">必須</span>
        </label>
        <p className="field-hint" id="care_manager_number-hint">
          8桁の数字（介護支援専門員証に記載の番号）
        </p>
        <input
          id="care_manager_number"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          aria-invalid={numberError ? true : undefined}
          aria-describedby={numberError ? "care_manager_number-error care_manager_number-hint" : "care_manager_number-hint"}
          {...register("care_manager_number")}
        />
        {numberError && (
          <p className="field-error" id="care_manager_number-error">
            {numberError}
          </p>
        )}
      </div>

      {questions.map((q, i) => {
        const name = `answers.q${q.id}` as const;
        const error = (errors.answers as Record<string, { message?: string }> | undefined)?.[`q${q.id}`]?.message;
        const errorId = `q${q.id}-error`;
        const title = (
          <>
            {i + 1}. {q.text}
            {q.required && <span className="required">必須</span>}
          </>
        );
        if (q.kind === "free_text") {
          return (
            <div className="field" key={q.id}>
              <label htmlFor={`q${q.id}`}>{title}</label>
              <textarea
                id={`q${q.id}`}
                rows={4}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                {...register(name)}
              />
              {error && (
                <p className="field-error" id={errorId}>
                  {error}
                </p>
              )}
            </div>
          );
        }
        const multiple = q.kind === "multiple_choice";
        return (
          <fieldset key={q.id} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
            <legend>{title}</legend>
            {multiple && <p className="field-hint">当てはまるものをすべて選んでください</p>}
            <div className={q.kind === "scale" ? "survey-scale" : undefined}>
              {q.options.map((option, j) => {
                const value = q.kind === "scale" ? String(j + 1) : String(j);
                return (
                  <label className="survey-choice" key={j}>
                    <input type={multiple ? "checkbox" : "radio"} value={value} {...register(name)} />
                    {q.kind === "scale" ? (
                      <span>
                        <strong>{j + 1}</strong>
                        <br />
                        {option}
                      </span>
                    ) : (
                      option
                    )}
                  </label>
                );
              })}
            </div>
            {error && (
              <p className="field-error" id={errorId}>
                {error}
              </p>
            )}
          </fieldset>
        );
      })}

      {answer.isError && <Alert>{errorMessage(answer.error)}</Alert>}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={answer.isPending}>
          回答を送信する
        </button>
      </div>
    </form>
  );
}
