import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { ChoiceGroup, Field } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { Decision, PracticalDetail, ScheduleLoad } from "@/lib/api/types";
import { DECISION_LABELS } from "@/lib/format/practical-labels";
import { useDecidePracticalApplication } from "../api/decide-practical-application";
import { decisionText } from "../labels";
import "./staff-practical.css";

const DECISIONS = Object.keys(DECISION_LABELS) as Decision[];

interface DecisionValues {
  decision: Decision | "";
  /** A schedule's id as the select holds it, or empty. */
  schedule_id: string;
  reason: string;
}

const FIELDS: (keyof DecisionValues)[] = ["decision", "schedule_id", "reason"];

/**
 * 受講可否の決定: 受講決定 with a schedule, キャンセル待ち or 受講不可. Departing from the
 * proposal needs a reason, which is kept with the decision; the server says when one is
 * missing, next to the field.
 */
export function DecisionForm({ detail, schedules }: { detail: PracticalDetail; schedules: ScheduleLoad[] }) {
  const p = detail.proposal;
  const form = useForm<DecisionValues>({
    defaultValues: {
      decision: detail.decision ?? p.decision ?? "",
      schedule_id: String(detail.schedule_id ?? p.schedule_id ?? ""),
      reason: "",
    },
  });
  const { register, formState, setError, reset } = form;
  const [decision, scheduleId] = useWatch({ control: form.control, name: ["decision", "schedule_id"] });
  const [done, setDone] = useState<string | null>(null);
  const decide = useDecidePracticalApplication(detail.id);

  const problem = decide.error instanceof ApiError ? decide.error.problem : null;
  const fieldError = (name: keyof DecisionValues) => formState.errors[name]?.message;
  const unplaced = (problem?.errors ?? []).filter((e) => !FIELDS.includes(e.field as keyof DecisionValues));
  const chosenSchedule = decision === "accepted" && scheduleId !== "" ? Number(scheduleId) : null;
  const departs =
    decision !== "" &&
    (decision !== p.decision || (decision === "accepted" && chosenSchedule !== (p.schedule_id ?? null)));

  return (
    <form
      className="form decision-form"
      noValidate
      onSubmit={form.handleSubmit((values) => {
        if (values.decision === "") return;
        setDone(null);
        decide.mutate(
          { decision: values.decision, schedule_id: chosenSchedule, reason: values.reason.trim() },
          {
            onSuccess: (d) => {
              reset({ ...values, reason: "" });
              setDone(`${decisionText(d.decision, d.schedule_id, schedules)}に決定しました。受講可否通知はまだ送信されていません。`);
            },
            // The server's messages go next to their fields.
            onError: (error) => {
              for (const e of error instanceof ApiError ? (error.problem.errors ?? []) : []) {
                const name = e.field as keyof DecisionValues;
                if (FIELDS.includes(name)) setError(name, { type: "server", message: e.message });
              }
            },
          },
        );
      })}
    >
      <p className="proposal-line">
        提案：<strong>{decisionText(p.decision, p.schedule_id, schedules)}</strong>
        {p.rank != null && `（${p.rank}位）`}
        {p.reason && <span className="note">{p.reason}</span>}
      </p>
      <ChoiceGroup id="decision-choice" legend="受講可否" required error={fieldError("decision")}>
        <div className="radio-stack">
          {DECISIONS.map((d) => (
            <label key={d} className="radio radio-boxed">
              <input type="radio" value={d} {...register("decision")} />
              <span>
                {DECISION_LABELS[d]}
                {d === p.decision && <span className="note-inline">（提案）</span>}
              </span>
            </label>
          ))}
        </div>
      </ChoiceGroup>
      {decision === "accepted" && (
        <Field id="decision-schedule" label="演習日程" required error={fieldError("schedule_id")}>
          {(c) => (
            <select {...c} {...register("schedule_id")}>
              <option value="">選択してください</option>
              {schedules.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}（定員{s.capacity}名・決定{s.accepted}名）{s.id === p.schedule_id ? "・提案" : ""}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {departs && (
        <p className="notice" role="note">
          <strong className="notice-label">提案と異なる決定</strong>
          理由を入力してください。理由は履歴に残ります。
        </p>
      )}
      <Field
        id="decision-reason"
        label="理由"
        required={departs}
        hint="提案と異なる決定、定員を超える決定、希望理由のある日程以外への決定には理由が必要です。"
        error={fieldError("reason")}
      >
        {(c) => <textarea {...c} rows={3} {...register("reason")} />}
      </Field>
      {decide.isError && (unplaced.length > 0 || !problem?.errors?.length) && (
        <Alert>
          <p className="alert-title">{errorMessage(decide.error)}</p>
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <div aria-live="polite">{done && <Alert tone="success">{done}</Alert>}</div>
      <div className="actions actions-end">
        <button type="submit" className="button button-primary" disabled={decision === "" || decide.isPending}>
          {decide.isPending ? "決定しています…" : "この内容で決定する"}
        </button>
      </div>
    </form>
  );
}
