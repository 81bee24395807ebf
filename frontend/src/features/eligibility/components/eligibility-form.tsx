import { useRef } from "react";
import { CheckboxField, Field } from "@/components/ui/field";
import type { EligibilityTarget } from "@/lib/api/types";
import {
  fieldId,
  fiscalYearsText,
  newLeaveRow,
  SLOTS,
  TARGET_LABELS,
  TRAINING_NAME_LABELS,
  type EligibilityFormValues,
  type LeaveRow,
  type SlotName,
  type SlotValues,
} from "../form-values";

interface EligibilityFormProps {
  values: EligibilityFormValues;
  onChange: (change: (values: EligibilityFormValues) => EligibilityFormValues) => void;
  /** Messages of the server (422) for the controls they name: id → message. */
  errors: Record<string, string>;
  onClear: () => void;
}

const DATE_LIMITS = { min: "1900-01-01", max: "2100-12-31" } as const;

/**
 * 実践研修 受講要件チェック: the entries of seed 003's form that the rules read. Nothing is
 * submitted; every change is checked as it is typed.
 */
export function EligibilityForm({ values, onChange, errors, onClear }: EligibilityFormProps) {
  const addLeaveRef = useRef<HTMLButtonElement>(null);
  const set = <K extends keyof EligibilityFormValues>(name: K, value: EligibilityFormValues[K]) =>
    onChange((v) => ({ ...v, [name]: value }));
  const setSlot = (slot: SlotName, patch: Partial<SlotValues>) =>
    onChange((v) => ({ ...v, [slot]: { ...v[slot], ...patch } }));
  const setLeave = (key: string, patch: Partial<LeaveRow>) =>
    onChange((v) => ({ ...v, leave_periods: v.leave_periods.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));

  const target = values.target;
  const ojt = target === "a" || target === "i";

  const addLeave = () => {
    const row = newLeaveRow();
    const index = values.leave_periods.length;
    onChange((v) => ({ ...v, leave_periods: [...v.leave_periods, row] }));
    requestAnimationFrame(() => document.getElementById(fieldId.leaveStart(index))?.focus());
  };
  const removeLeave = (key: string) => {
    onChange((v) => ({ ...v, leave_periods: v.leave_periods.filter((r) => r.key !== key) }));
    requestAnimationFrame(() => addLeaveRef.current?.focus());
  };

  const targetError = errors[fieldId.target];
  return (
    <form className="form eligibility-form" noValidate onSubmit={(e) => e.preventDefault()}>
      <fieldset className="card">
        <legend>実践研修</legend>
        <Field
          id={fieldId.lectureStart}
          label="実践研修の講義開始日"
          hint="受講を予定している実践研修の講義の初日です。OJT期間は、この前月末までで数えます。"
          error={errors[fieldId.lectureStart]}
          className="field-short"
        >
          {(c) => (
            <input
              {...c}
              type="date"
              {...DATE_LIMITS}
              value={values.lecture_start}
              onChange={(e) => set("lecture_start", e.target.value)}
            />
          )}
        </Field>
      </fieldset>

      <fieldset className="card">
        <legend>受講対象</legend>
        <fieldset
          id={fieldId.target}
          tabIndex={-1}
          className={`field radio-group${targetError ? " field-invalid" : ""}`}
          aria-describedby={[targetError ? `${fieldId.target}-error` : "", `${fieldId.target}-hint`].filter(Boolean).join(" ")}
        >
          <legend className="field-label">当てはまるものを選んでください</legend>
          <p className="field-hint" id={`${fieldId.target}-hint`}>
            募集要領の受講対象フローチャートを参考に、ア〜ウのいずれに該当するかを選びます。
          </p>
          {targetError && (
            <p className="field-error" id={`${fieldId.target}-error`}>
              {targetError}
            </p>
          )}
          <div className="radio-stack">
            {(Object.entries(TARGET_LABELS) as [EligibilityTarget, { mark: string; label: string }][]).map(
              ([value, { mark, label }]) => (
                <label key={value} className="radio radio-boxed">
                  <input
                    type="radio"
                    name="eligibility-target"
                    value={value}
                    checked={target === value}
                    onChange={() => set("target", value)}
                  />
                  <span>
                    <span className="target-mark">対象{mark}</span> {label}
                  </span>
                </label>
              ),
            )}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="card">
        <legend>研修の受講（修了歴）</legend>
        <p className="field-hint">
          修了証書の区分と修了年月日を入力してください。修了していない研修は空欄のままにします。
        </p>
        {SLOTS.map((slot) => (
          <fieldset key={slot.name} className="sub-fieldset">
            <legend>
              {slot.mark} {slot.title}
            </legend>
            <Field id={fieldId.slotCategory(slot.name)} label="区分" error={errors[fieldId.slotCategory(slot.name)]}>
              {(c) => {
                const category = values[slot.name].category;
                const aboutId = `${fieldId.slotCategory(slot.name)}-about`;
                return (
                  <>
                    <select
                      {...c}
                      aria-describedby={[c["aria-describedby"], category ? aboutId : ""].filter(Boolean).join(" ") || undefined}
                      value={category}
                      onChange={(e) => setSlot(slot.name, { category: e.target.value as SlotValues["category"] })}
                    >
                      <option value="">{slot.optional ? "なし（修了していない）" : "選択してください"}</option>
                      {slot.allowed.map((code) => (
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
                );
              }}
            </Field>
            <Field
              id={fieldId.slotDate(slot.name)}
              label="修了年月日"
              error={errors[fieldId.slotDate(slot.name)]}
              className="field-short"
            >
              {(c) => (
                <input
                  {...c}
                  type="date"
                  {...DATE_LIMITS}
                  value={values[slot.name].completed_on}
                  onChange={(e) => setSlot(slot.name, { completed_on: e.target.value })}
                />
              )}
            </Field>
          </fieldset>
        ))}
        {target === "u" && (
          <div className="field">
            <CheckboxField
              id={fieldId.transitional}
              label="更新研修の経過措置の対象者（平成30年度までにサビ管等の要件を満たしていた）"
              error={errors[fieldId.transitional]}
            >
              {(c) => (
                <input
                  {...c}
                  type="checkbox"
                  aria-describedby={[c["aria-describedby"], `${fieldId.transitional}-hint`].filter(Boolean).join(" ")}
                  checked={values.transitional}
                  onChange={(e) => set("transitional", e.target.checked)}
                />
              )}
            </CheckboxField>
            <p className="field-hint" id={`${fieldId.transitional}-hint`}>
              ※9 平成30年度までにサビ管等の要件を満たしていた方は、令和6年3月31日までは更新研修を受けずにサビ管等として従事できました。その間に更新研修を修了しなかった場合にチェックしてください。
            </p>
          </div>
        )}
      </fieldset>

      {target === "u" && (
        <p className="closed-note">受講対象ウの場合、OJT期間の入力は必要ありません。</p>
      )}

      {ojt && (
        <fieldset className="card">
          <legend>基礎研修修了後の実務経験（OJT期間）</legend>

          {target === "i" && (
            <div className="field">
              <CheckboxField
                id={fieldId.sixMonth}
                label="【OJT6ヶ月要件】以下①〜③をすべて満たす"
                error={errors[fieldId.sixMonth]}
              >
                {(c) => (
                  <input
                    {...c}
                    type="checkbox"
                    aria-describedby={[c["aria-describedby"], `${fieldId.sixMonth}-list`].filter(Boolean).join(" ")}
                    checked={values.six_month_requirements}
                    onChange={(e) => set("six_month_requirements", e.target.checked)}
                  />
                )}
              </CheckboxField>
              <ol className="requirement-list" id={`${fieldId.sixMonth}-list`}>
                <li>① サビ管等基礎研修の受講時に、配置要件を満たしている</li>
                <li>② 障害福祉サービス事業所等において、個別支援計画作成の業務に6ヶ月以上従事</li>
                <li>③ 上記②の業務に従事することについて、指定権者に届出を行っている</li>
              </ol>
            </div>
          )}

          <fieldset className="sub-fieldset">
            <legend>OJT期間</legend>
            <p className="field-hint">
              空欄のときは、基礎研修修了日（①②の遅い方）の翌日から講義開始日の前月末までで数えます。
            </p>
            <Field id={fieldId.ojtStart} label="始期" error={errors[fieldId.ojtStart]} className="field-short">
              {(c) => (
                <input
                  {...c}
                  type="date"
                  {...DATE_LIMITS}
                  value={values.ojt_start}
                  onChange={(e) => set("ojt_start", e.target.value)}
                />
              )}
            </Field>
            <Field id={fieldId.ojtEnd} label="終期" error={errors[fieldId.ojtEnd]} className="field-short">
              {(c) => (
                <input
                  {...c}
                  type="date"
                  {...DATE_LIMITS}
                  value={values.ojt_end}
                  onChange={(e) => set("ojt_end", e.target.value)}
                />
              )}
            </Field>
          </fieldset>

          <fieldset className="sub-fieldset" aria-describedby="elig-leave-hint">
            <legend>休職期間</legend>
            <p className="field-hint" id="elig-leave-hint">
              OJT期間中に休職していた期間があれば追加してください。その期間を除いて数えます。
            </p>
            {values.leave_periods.map((row, i) => (
              <fieldset key={row.key} className="leave-row">
                <legend>休職期間 {i + 1}</legend>
                <Field id={fieldId.leaveStart(i)} label="開始日" error={errors[fieldId.leaveStart(i)]} className="field-short">
                  {(c) => (
                    <input
                      {...c}
                      type="date"
                      {...DATE_LIMITS}
                      value={row.start}
                      onChange={(e) => setLeave(row.key, { start: e.target.value })}
                    />
                  )}
                </Field>
                <Field id={fieldId.leaveEnd(i)} label="終了日" error={errors[fieldId.leaveEnd(i)]} className="field-short">
                  {(c) => (
                    <input
                      {...c}
                      type="date"
                      {...DATE_LIMITS}
                      value={row.end}
                      onChange={(e) => setLeave(row.key, { end: e.target.value })}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="button button-small button-danger-outline"
                  onClick={() => removeLeave(row.key)}
                >
                  休職期間 {i + 1} を削除
                </button>
              </fieldset>
            ))}
            <button ref={addLeaveRef} type="button" className="button button-secondary" onClick={addLeave}>
              ＋ 休職期間を追加
            </button>
          </fieldset>

          <Field
            id={fieldId.workingDays}
            label="勤務日数（概算）"
            hint="休職期間等を除いた、OJT期間のトータルの勤務日数です（例：541）。"
            error={errors[fieldId.workingDays]}
            className="field-days"
          >
            {(c) => (
              <span className="input-with-unit">
                <input
                  {...c}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={values.working_days}
                  onChange={(e) => set("working_days", e.target.value)}
                />
                <span aria-hidden="true">日</span>
              </span>
            )}
          </Field>

          <fieldset
            id={fieldId.activities}
            tabIndex={-1}
            className="field radio-group"
            aria-describedby={`${fieldId.activities}-hint`}
          >
            <legend className="field-label">OJT期間に従事した事業内容</legend>
            <p className="field-hint" id={`${fieldId.activities}-hint`}>
              当てはまるものをすべて選んでください。
              {target === "a"
                ? "対象アは、相談支援業務又は直接支援業務に従事していることが必要です。"
                : "対象イは、個別支援計画作成業務（※6）に従事していることが必要です。"}
            </p>
            {(
              [
                ["plan_creation", "個別支援計画作成業務"],
                ["consultation_work", "相談支援業務"],
                ["direct_support", "直接支援業務"],
              ] as const
            ).map(([name, label]) => (
              <CheckboxField key={name} id={`elig-${name.replace(/_/g, "-")}`} label={label}>
                {(c) => (
                  <input {...c} type="checkbox" checked={values[name]} onChange={(e) => set(name, e.target.checked)} />
                )}
              </CheckboxField>
            ))}
          </fieldset>
        </fieldset>
      )}

      <div className="actions actions-end">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            if (window.confirm("入力した内容をすべて消去しますか？")) onClear();
          }}
        >
          入力内容を消去
        </button>
      </div>
    </form>
  );
}
