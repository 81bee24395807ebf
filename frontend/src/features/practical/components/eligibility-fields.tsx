import { useRef, type ReactNode } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { CheckboxField, ChoiceGroup, Field, LabelText, type RequiredMark } from "@/components/ui/field";
import { CheckField, useFieldError } from "@/components/ui/form-fields";
import type { EligibilityTarget, TrainingNameCode } from "@/lib/api/types";
import {
  ACTIVITIES,
  fiscalYearsText,
  newLeaveRow,
  SLOTS,
  TARGET_LABELS,
  TRAINING_NAME_LABELS,
  type EligibilityFieldIds,
  type SlotName,
} from "../eligibility-values";
import "./practical.css";

/**
 * The entries the 受講要件 rules read (seed 003), shared by the 受講要件チェック and the
 * practical application form. Both forms hold these entries under the same names
 * (`target`, `consultation.category`, `ojt_start`, `leave_periods.0.start` …) in their
 * react-hook-form; each form names the element ids its own way.
 */

export const DATE_LIMITS = { min: "1900-01-01", max: "2100-12-31" } as const;

/** 受講対象 ア / イ / ウ */
export function TargetChoice({
  id,
  legend,
  required,
  hint = "募集要領の受講対象フローチャートを参考に、ア〜ウのいずれに該当するかを選びます。",
}: {
  id: string;
  legend: ReactNode;
  required?: RequiredMark;
  hint?: ReactNode;
}) {
  const { register } = useFormContext();
  return (
    <ChoiceGroup id={id} legend={legend} required={required} hint={hint} error={useFieldError("target")}>
      <div className="radio-stack">
        {(Object.entries(TARGET_LABELS) as [EligibilityTarget, { mark: string; label: string }][]).map(
          ([target, { mark, label }]) => (
            <label key={target} className="radio radio-boxed">
              <input type="radio" value={target} {...register("target")} />
              <span>
                <span className="target-mark">対象{mark}</span> {label}
              </span>
            </label>
          ),
        )}
      </div>
    </ChoiceGroup>
  );
}

/** One of ①–④ of 研修の受講（修了歴）: 区分 (only those the slot takes) and 修了年月日. */
export function CompletionSlot({
  slot,
  ids,
  required,
  emptyLabel,
  children,
}: {
  slot: SlotName;
  ids: EligibilityFieldIds;
  required?: RequiredMark;
  /** The empty option: by default なし for ③④ and 選択してください for ①②. */
  emptyLabel?: string;
  /** More entries of the slot (証書番号, a remove button). */
  children?: ReactNode;
}) {
  const { register } = useFormContext();
  const info = SLOTS.find((s) => s.name === slot)!;
  const categoryId = ids.slotCategory(slot);
  const aboutId = `${categoryId}-about`;
  const category = useWatch({ name: `${slot}.category` }) as TrainingNameCode | "";
  return (
    <fieldset className="sub-fieldset">
      <legend>
        <LabelText required={required}>
          {info.mark} {info.title}
        </LabelText>
      </legend>
      <Field id={categoryId} label="区分" error={useFieldError(`${slot}.category`)}>
        {(c) => (
          <>
            <select
              {...c}
              aria-describedby={[c["aria-describedby"], category ? aboutId : ""].filter(Boolean).join(" ") || undefined}
              {...register(`${slot}.category`)}
            >
              <option value="">{emptyLabel ?? (info.optional ? "なし（修了していない）" : "選択してください")}</option>
              {info.allowed.map((code) => (
                <option key={code} value={code}>
                  {code}　{TRAINING_NAME_LABELS[code]}
                </option>
              ))}
            </select>
            {/* A phone cuts the chosen name short: here it is whole, with its years. */}
            {category && (
              <p className="field-hint slot-about" id={aboutId}>
                <span className="slot-about-name">
                  {category}　{TRAINING_NAME_LABELS[category]}
                </span>
                <br />
                {fiscalYearsText(category)
                  .split(/(?=（)/)
                  .map((part) => (
                    <span key={part} className="nowrap">
                      {part}
                    </span>
                  ))}
              </p>
            )}
          </>
        )}
      </Field>
      <Field id={ids.slotDate(slot)} label="修了年月日" error={useFieldError(`${slot}.completed_on`)} className="field-short">
        {(c) => <input {...c} type="date" {...DATE_LIMITS} {...register(`${slot}.completed_on`)} />}
      </Field>
      {children}
    </fieldset>
  );
}

/** 更新研修の経過措置の対象者 (ウ, ※9) */
export function TransitionalField({ id }: { id: string }) {
  return (
    <CheckField
      name="transitional"
      id={id}
      label="更新研修の経過措置の対象者（平成30年度までにサビ管等の要件を満たしていた）"
      hint="※9 平成30年度までにサビ管等の要件を満たしていた方は、令和6年3月31日までは更新研修を受けずにサビ管等として従事できました。その間に更新研修を修了しなかった場合にチェックしてください。"
    />
  );
}

/** 【OJT6ヶ月要件】①〜③ of ※8 (イ only) */
export function SixMonthField({ id }: { id: string }) {
  return (
    <CheckField
      name="six_month_requirements"
      id={id}
      label="【OJT6ヶ月要件】以下①〜③をすべて満たす"
      hint={
        <ol className="requirement-list">
          <li>① サビ管等基礎研修の受講時に、配置要件を満たしている</li>
          <li>② 障害福祉サービス事業所等において、個別支援計画作成の業務に6ヶ月以上従事</li>
          <li>③ 上記②の業務に従事することについて、指定権者に届出を行っている</li>
        </ol>
      }
    />
  );
}

/** 始期 〜 終期 of the OJT period. */
export function OjtPeriodFields({ ids, hint, required }: { ids: EligibilityFieldIds; hint?: ReactNode; required?: RequiredMark }) {
  const { register } = useFormContext();
  return (
    <fieldset className="sub-fieldset">
      <legend>
        <LabelText required={required}>OJT期間</LabelText>
      </legend>
      {hint && <p className="field-hint">{hint}</p>}
      <Field id={ids.ojtStart} label="始期" error={useFieldError("ojt_start")} className="field-short">
        {(c) => <input {...c} type="date" {...DATE_LIMITS} {...register("ojt_start")} />}
      </Field>
      <Field id={ids.ojtEnd} label="終期" error={useFieldError("ojt_end")} className="field-short">
        {(c) => <input {...c} type="date" {...DATE_LIMITS} {...register("ojt_end")} />}
      </Field>
    </fieldset>
  );
}

/** One 休職期間 row: its two dates and its remove button. */
function LeaveRowFields({ ids, index, onRemove }: { ids: EligibilityFieldIds; index: number; onRemove: () => void }) {
  const { register } = useFormContext();
  return (
    <fieldset className="leave-row">
      <legend>休職期間 {index + 1}</legend>
      <Field id={ids.leaveStart(index)} label="開始日" error={useFieldError(`leave_periods.${index}.start`)} className="field-short">
        {(c) => <input {...c} type="date" {...DATE_LIMITS} {...register(`leave_periods.${index}.start`)} />}
      </Field>
      <Field id={ids.leaveEnd(index)} label="終了日" error={useFieldError(`leave_periods.${index}.end`)} className="field-short">
        {(c) => <input {...c} type="date" {...DATE_LIMITS} {...register(`leave_periods.${index}.end`)} />}
      </Field>
      <button type="button" className="button button-small button-danger-outline" onClick={onRemove}>
        休職期間 {index + 1} を削除
      </button>
    </fieldset>
  );
}

/** 休職期間: rows added and removed one by one; focus follows the change. */
export function LeavePeriodsField({
  ids,
  hint = "OJT期間中に休職していた期間があれば追加してください。その期間を除いて数えます。",
}: {
  ids: EligibilityFieldIds;
  hint?: ReactNode;
}) {
  const rows = useFieldArray({ name: "leave_periods" });
  const addRef = useRef<HTMLButtonElement>(null);
  const hintId = `${ids.leaveStart(0)}-group-hint`;
  const add = () => {
    const index = rows.fields.length;
    rows.append(newLeaveRow(), { shouldFocus: false });
    requestAnimationFrame(() => document.getElementById(ids.leaveStart(index))?.focus());
  };
  const remove = (index: number) => {
    rows.remove(index);
    requestAnimationFrame(() => addRef.current?.focus());
  };
  return (
    <fieldset className="sub-fieldset" aria-describedby={hintId}>
      <legend>休職期間</legend>
      <p className="field-hint" id={hintId}>
        {hint}
      </p>
      {rows.fields.map((row, i) => (
        <LeaveRowFields key={row.id} ids={ids} index={i} onRemove={() => remove(i)} />
      ))}
      <button ref={addRef} type="button" className="button button-secondary" onClick={add}>
        ＋ 休職期間を追加
      </button>
    </fieldset>
  );
}

/** A count typed as text (full-width digits are fine), with its unit after it. */
export function CountField({
  name,
  id,
  label,
  unit,
  hint,
  required,
  className = "field-days",
}: {
  name: string;
  id: string;
  label: ReactNode;
  unit: string;
  hint?: ReactNode;
  required?: RequiredMark;
  className?: string;
}) {
  const { register } = useFormContext();
  return (
    <Field id={id} label={label} hint={hint} error={useFieldError(name)} required={required} className={className}>
      {(c) => (
        <span className="input-with-unit">
          <input {...c} type="text" inputMode="numeric" autoComplete="off" {...register(name)} />
          <span aria-hidden="true">{unit}</span>
        </span>
      )}
    </Field>
  );
}

/** OJT期間に従事した事業内容 (※複数チェック可); a message for none chosen is under `activities`. */
export function ActivitiesField({
  ids,
  target,
  required,
}: {
  ids: EligibilityFieldIds;
  target: EligibilityTarget | "";
  required?: RequiredMark;
}) {
  const { register } = useFormContext();
  return (
    <ChoiceGroup
      id={ids.activities}
      legend="OJT期間に従事した事業内容"
      required={required}
      error={useFieldError("activities")}
      hint={
        <>
          当てはまるものをすべて選んでください。
          {target === "a"
            ? "対象アは、相談支援業務又は直接支援業務に従事していることが必要です。"
            : "対象イは、個別支援計画作成業務（※6）に従事していることが必要です。"}
        </>
      }
    >
      {ACTIVITIES.map(({ name, label }) => (
        <CheckboxField key={name} id={ids.activity(name)} label={label}>
          {(c) => <input {...c} type="checkbox" {...register(name)} />}
        </CheckboxField>
      ))}
    </ChoiceGroup>
  );
}
