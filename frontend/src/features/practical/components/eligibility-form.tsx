import { useFormContext, useWatch } from "react-hook-form";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { fieldId, SLOTS, type EligibilityFormValues } from "../eligibility-values";
import {
  ActivitiesField,
  CompletionSlot,
  CountField,
  DATE_LIMITS,
  LeavePeriodsField,
  OjtPeriodFields,
  SixMonthField,
  TargetChoice,
  TransitionalField,
} from "./eligibility-fields";
import "./practical.css";

/**
 * 実践研修 受講要件チェック: the entries of seed 003's form that the rules read, in the
 * react-hook-form of the page. Nothing is submitted; every change is checked as it is typed.
 */
export function EligibilityForm({ onClear }: { onClear: () => void }) {
  const { register, getFieldState, formState } = useFormContext<EligibilityFormValues>();
  const target = useWatch<EligibilityFormValues, "target">({ name: "target" });
  const { dialog, ask } = useConfirm();
  const ojt = target === "a" || target === "i";

  return (
    <form className="form eligibility-form" noValidate onSubmit={(e) => e.preventDefault()}>
      <fieldset className="card">
        <legend>実践研修</legend>
        <Field
          id={fieldId.lectureStart}
          label="実践研修の講義開始日"
          hint="受講を予定している実践研修の講義の初日です。OJT期間は、この前月末までで数えます。"
          error={getFieldState("lecture_start", formState).error?.message}
          className="field-short"
        >
          {(c) => <input {...c} type="date" {...DATE_LIMITS} {...register("lecture_start")} />}
        </Field>
      </fieldset>

      <fieldset className="card">
        <legend>受講対象</legend>
        <TargetChoice id={fieldId.target} legend="当てはまるものを選んでください" />
      </fieldset>

      <fieldset className="card">
        <legend>研修の受講（修了歴）</legend>
        <p className="field-hint">
          修了証書の区分と修了年月日を入力してください。修了していない研修は空欄のままにします。
        </p>
        {SLOTS.map((slot) => (
          <CompletionSlot key={slot.name} slot={slot.name} ids={fieldId} />
        ))}
        {target === "u" && <TransitionalField id={fieldId.transitional} />}
      </fieldset>

      {target === "u" && <p className="closed-note">受講対象ウの場合、OJT期間の入力は必要ありません。</p>}

      {ojt && (
        <fieldset className="card">
          <legend>基礎研修修了後の実務経験（OJT期間）</legend>
          {target === "i" && <SixMonthField id={fieldId.sixMonth} />}
          <OjtPeriodFields
            ids={fieldId}
            hint="空欄のときは、基礎研修修了日（①②の遅い方）の翌日から講義開始日の前月末までで数えます。"
          />
          <LeavePeriodsField ids={fieldId} />
          <CountField
            name="working_days"
            id={fieldId.workingDays}
            label="勤務日数（概算）"
            unit="日"
            hint="休職期間等を除いた、OJT期間のトータルの勤務日数です（例：541）。"
          />
          <ActivitiesField ids={fieldId} target={target} />
        </fieldset>
      )}

      <div className="actions actions-end">
        <button
          type="button"
          className="button button-secondary"
          onClick={async () => {
            const yes = await ask({
              title: "入力した内容をすべて消去しますか？",
              body: <p>消去した内容は元に戻せません。</p>,
              confirmLabel: "消去する",
              danger: true,
            });
            if (yes) onClear();
          }}
        >
          入力内容を消去
        </button>
        {dialog}
      </div>
    </form>
  );
}
