import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ChoiceGroup, Field } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { Decision, PracticalDetail, ScheduleLoad } from "@/lib/api/types";
import { DECISION_LABELS } from "@/lib/format/practical-labels";
import { useDecidePracticalApplication } from "../api/decide-practical-application";
import { decisionText } from "../labels";
import "./staff-practical.css";

const DECISIONS = Object.keys(DECISION_LABELS) as Decision[];

/**
 * 受講可否の決定: 受講決定 with a schedule, キャンセル待ち or 受講不可. Departing from the
 * proposal needs a reason, which is kept with the decision; the server says when one is
 * missing, next to the field.
 */
export function DecisionForm({ detail, schedules }: { detail: PracticalDetail; schedules: ScheduleLoad[] }) {
  const p = detail.proposal;
  const [decision, setDecision] = useState<Decision | "">(detail.decision ?? p.decision ?? "");
  const [scheduleId, setScheduleId] = useState<string>(String(detail.schedule_id ?? p.schedule_id ?? ""));
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const decide = useDecidePracticalApplication(detail.id);

  const problem = decide.error instanceof ApiError ? decide.error.problem : null;
  const fieldError = (name: string) => problem?.errors?.find((e) => e.field === name)?.message;
  const unplaced = (problem?.errors ?? []).filter((e) => !["decision", "schedule_id", "reason"].includes(e.field));
  const chosenSchedule = decision === "accepted" && scheduleId !== "" ? Number(scheduleId) : null;
  const departs =
    decision !== "" &&
    (decision !== p.decision || (decision === "accepted" && chosenSchedule !== (p.schedule_id ?? null)));

  return (
    <form
      className="form decision-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (decision === "") return;
        setDone(null);
        decide.mutate(
          { decision, schedule_id: chosenSchedule, reason: reason.trim() },
          {
            onSuccess: (d) => {
              setReason("");
              setDone(`${decisionText(d.decision, d.schedule_id, schedules)}に決定しました。受講可否通知はまだ送信されていません。`);
            },
          },
        );
      }}
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
              <input
                type="radio"
                name="decision-choice"
                value={d}
                checked={decision === d}
                onChange={() => setDecision(d)}
              />
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
            <select {...c} value={scheduleId} onChange={(e) => setScheduleId(e.target.value)}>
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
        {(c) => <textarea {...c} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
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
