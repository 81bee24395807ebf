import { useRef, type ReactNode } from "react";
import { CheckboxField, ChoiceGroup, Field, LabelText, type RequiredMark } from "@/components/ui/field";
import type { EligibilityTarget } from "@/lib/api/types";
import {
  ACTIVITIES,
  fiscalYearsText,
  newLeaveRow,
  TARGET_LABELS,
  TRAINING_NAME_LABELS,
  type ActivityName,
  type EligibilityFieldIds,
  type LeaveRow,
  SLOTS,
  type SlotName,
  type SlotValues,
} from "../eligibility-values";

/**
 * The entries the 受講要件 rules read (seed 003), shared by the 受講要件チェック and the
 * practical application form. Each takes its element ids and the messages for them by id.
 */

export const DATE_LIMITS = { min: "1900-01-01", max: "2100-12-31" } as const;

type Errors = Record<string, string | undefined>;

/** 受講対象 ア / イ / ウ */
export function TargetChoice({
  id,
  legend,
  value,
  onChange,
  error,
  required,
  hint = "募集要領の受講対象フローチャートを参考に、ア〜ウのいずれに該当するかを選びます。",
}: {
  id: string;
  legend: ReactNode;
  value: EligibilityTarget | "";
  onChange: (value: EligibilityTarget) => void;
  error?: string;
  required?: RequiredMark;
  hint?: ReactNode;
}) {
  return (
    <ChoiceGroup id={id} legend={legend} required={required} hint={hint} error={error}>
      <div className="radio-stack">
        {(Object.entries(TARGET_LABELS) as [EligibilityTarget, { mark: string; label: string }][]).map(
          ([target, { mark, label }]) => (
            <label key={target} className="radio radio-boxed">
              <input
                type="radio"
                name={`${id}-choice`}
                value={target}
                checked={value === target}
                onChange={() => onChange(target)}
              />
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
  value,
  onChange,
  ids,
  errors,
  required,
  emptyLabel,
  children,
}: {
  slot: SlotName;
  value: SlotValues;
  onChange: (patch: Partial<SlotValues>) => void;
  ids: EligibilityFieldIds;
  errors: Errors;
  required?: RequiredMark;
  /** The empty option: by default なし for ③④ and 選択してください for ①②. */
  emptyLabel?: string;
  /** More entries of the slot (証書番号, a remove button). */
  children?: ReactNode;
}) {
  const info = SLOTS.find((s) => s.name === slot)!;
  const categoryId = ids.slotCategory(slot);
  const aboutId = `${categoryId}-about`;
  const category = value.category;
  return (
    <fieldset className="sub-fieldset">
      <legend>
        <LabelText required={required}>
          {info.mark} {info.title}
        </LabelText>
      </legend>
      <Field id={categoryId} label="区分" error={errors[categoryId]}>
        {(c) => (
          <>
            <select
              {...c}
              aria-describedby={[c["aria-describedby"], category ? aboutId : ""].filter(Boolean).join(" ") || undefined}
              value={category}
              onChange={(e) => onChange({ category: e.target.value as SlotValues["category"] })}
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
      <Field id={ids.slotDate(slot)} label="修了年月日" error={errors[ids.slotDate(slot)]} className="field-short">
        {(c) => (
          <input
            {...c}
            type="date"
            {...DATE_LIMITS}
            value={value.completed_on}
            onChange={(e) => onChange({ completed_on: e.target.value })}
          />
        )}
      </Field>
      {children}
    </fieldset>
  );
}

/** 更新研修の経過措置の対象者 (ウ, ※9) */
export function TransitionalField({
  id,
  checked,
  onChange,
  error,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  return (
    <CheckboxField
      id={id}
      label="更新研修の経過措置の対象者（平成30年度までにサビ管等の要件を満たしていた）"
      error={error}
      hint="※9 平成30年度までにサビ管等の要件を満たしていた方は、令和6年3月31日までは更新研修を受けずにサビ管等として従事できました。その間に更新研修を修了しなかった場合にチェックしてください。"
    >
      {(c) => <input {...c} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />}
    </CheckboxField>
  );
}

/** 【OJT6ヶ月要件】①〜③ of ※8 (イ only) */
export function SixMonthField({
  id,
  checked,
  onChange,
  error,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  return (
    <CheckboxField
      id={id}
      label="【OJT6ヶ月要件】以下①〜③をすべて満たす"
      error={error}
      hint={
        <ol className="requirement-list">
          <li>① サビ管等基礎研修の受講時に、配置要件を満たしている</li>
          <li>② 障害福祉サービス事業所等において、個別支援計画作成の業務に6ヶ月以上従事</li>
          <li>③ 上記②の業務に従事することについて、指定権者に届出を行っている</li>
        </ol>
      }
    >
      {(c) => <input {...c} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />}
    </CheckboxField>
  );
}

/** 始期 〜 終期 of the OJT period. */
export function OjtPeriodFields({
  ids,
  start,
  end,
  onChange,
  errors,
  hint,
  required,
}: {
  ids: EligibilityFieldIds;
  start: string;
  end: string;
  onChange: (name: "ojt_start" | "ojt_end", value: string) => void;
  errors: Errors;
  hint?: ReactNode;
  required?: RequiredMark;
}) {
  return (
    <fieldset className="sub-fieldset">
      <legend>
        <LabelText required={required}>OJT期間</LabelText>
      </legend>
      {hint && <p className="field-hint">{hint}</p>}
      <Field id={ids.ojtStart} label="始期" error={errors[ids.ojtStart]} className="field-short">
        {(c) => (
          <input {...c} type="date" {...DATE_LIMITS} value={start} onChange={(e) => onChange("ojt_start", e.target.value)} />
        )}
      </Field>
      <Field id={ids.ojtEnd} label="終期" error={errors[ids.ojtEnd]} className="field-short">
        {(c) => (
          <input {...c} type="date" {...DATE_LIMITS} value={end} onChange={(e) => onChange("ojt_end", e.target.value)} />
        )}
      </Field>
    </fieldset>
  );
}

/** 休職期間: rows added and removed one by one; focus follows the change. */
export function LeavePeriodsField({
  ids,
  rows,
  onChange,
  errors,
  hint = "OJT期間中に休職していた期間があれば追加してください。その期間を除いて数えます。",
}: {
  ids: EligibilityFieldIds;
  rows: LeaveRow[];
  onChange: (change: (rows: LeaveRow[]) => LeaveRow[]) => void;
  errors: Errors;
  hint?: ReactNode;
}) {
  const addRef = useRef<HTMLButtonElement>(null);
  const hintId = `${ids.leaveStart(0)}-group-hint`;
  const add = () => {
    const index = rows.length;
    onChange((r) => [...r, newLeaveRow()]);
    requestAnimationFrame(() => document.getElementById(ids.leaveStart(index))?.focus());
  };
  const remove = (key: string) => {
    onChange((r) => r.filter((row) => row.key !== key));
    requestAnimationFrame(() => addRef.current?.focus());
  };
  const set = (key: string, patch: Partial<LeaveRow>) =>
    onChange((r) => r.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className="sub-fieldset" aria-describedby={hintId}>
      <legend>休職期間</legend>
      <p className="field-hint" id={hintId}>
        {hint}
      </p>
      {rows.map((row, i) => (
        <fieldset key={row.key} className="leave-row">
          <legend>休職期間 {i + 1}</legend>
          <Field id={ids.leaveStart(i)} label="開始日" error={errors[ids.leaveStart(i)]} className="field-short">
            {(c) => (
              <input
                {...c}
                type="date"
                {...DATE_LIMITS}
                value={row.start}
                onChange={(e) => set(row.key, { start: e.target.value })}
              />
            )}
          </Field>
          <Field id={ids.leaveEnd(i)} label="終了日" error={errors[ids.leaveEnd(i)]} className="field-short">
            {(c) => (
              <input
                {...c}
                type="date"
                {...DATE_LIMITS}
                value={row.end}
                onChange={(e) => set(row.key, { end: e.target.value })}
              />
            )}
          </Field>
          <button type="button" className="button button-small button-danger-outline" onClick={() => remove(row.key)}>
            休職期間 {i + 1} を削除
          </button>
        </fieldset>
      ))}
      <button ref={addRef} type="button" className="button button-secondary" onClick={add}>
        ＋ 休職期間を追加
      </button>
    </fieldset>
  );
}

/** A count typed as text (full-width digits are fine), with its unit after it. */
export function CountField({
  id,
  label,
  unit,
  value,
  onChange,
  error,
  hint,
  required,
  className = "field-days",
}: {
  id: string;
  label: ReactNode;
  unit: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  required?: RequiredMark;
  className?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} className={className}>
      {(c) => (
        <span className="input-with-unit">
          <input
            {...c}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          <span aria-hidden="true">{unit}</span>
        </span>
      )}
    </Field>
  );
}

/** OJT期間に従事した事業内容 (※複数チェック可) */
export function ActivitiesField({
  ids,
  values,
  onChange,
  target,
  error,
  required,
}: {
  ids: EligibilityFieldIds;
  values: Record<ActivityName, boolean>;
  onChange: (name: ActivityName, checked: boolean) => void;
  target: EligibilityTarget | "";
  error?: string;
  required?: RequiredMark;
}) {
  return (
    <ChoiceGroup
      id={ids.activities}
      legend="OJT期間に従事した事業内容"
      required={required}
      error={error}
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
          {(c) => <input {...c} type="checkbox" checked={values[name]} onChange={(e) => onChange(name, e.target.checked)} />}
        </CheckboxField>
      ))}
    </ChoiceGroup>
  );
}
