import type { FormCheck } from "../eligibility-values";
import type { PracticalFormValues } from "../form-values";
import { isUnfilled, type ShownOutcome } from "../ojt-figures";
import type { LiveVerdict } from "../use-live-verdict";
import { EligibilityResult } from "./eligibility-result";
import { PendingInputs, VerdictBar } from "./verdict-bar";
import "./practical.css";

export const VERDICT_PANEL_ID = "pf-verdict";

/**
 * 受講要件の判定（自動）: the live verdict with the counted OJT periods, the total, the days
 * required against those entered, and every rule with its ※ reference.
 */
export function VerdictPanel({
  check,
  live,
  enteredWorkingDays,
  values,
}: {
  check: FormCheck;
  live: LiveVerdict;
  enteredWorkingDays: number | null;
  /** The form's entries: rules that wait for empty ones are shown as 未入力. */
  values: PracticalFormValues;
  outcome?: ShownOutcome | null;
}) {
  return (
    <section
      className="card form-card verdict-panel"
      id={VERDICT_PANEL_ID}
      aria-labelledby={`${VERDICT_PANEL_ID}-title`}
      aria-busy={live.busy}
    >
      <h2 className="form-card-title" id={`${VERDICT_PANEL_ID}-title`}>
        受講要件の判定（自動）
      </h2>
      <p className="field-hint">
        ここまでの入力から、受講要件を満たしているかを自動で判定します。判定は目安です。受講の可否は、申込内容を確認したうえで決定します。
      </p>
      {check.request === null && <PendingInputs pending={check.pending} hasVerdict={live.shown !== null} />}
      {live.shown ? (
        <EligibilityResult
          verdict={live.shown}
          enteredWorkingDays={enteredWorkingDays}
          unfilled={(rule) => isUnfilled(rule, values)}
        />
      ) : (
        <p className="muted">
          {live.busy ? "判定しています…" : "受講対象・修了歴・OJT期間を入力すると、ここに判定結果が表示されます。"}
        </p>
      )}
    </section>
  );
}

/** The bar pinned to the bottom of the form: the verdict and the OJT total at a glance. */
export function PracticalVerdictBar({
  live,
  showTotal,
  outcome,
}: {
  live: LiveVerdict;
  showTotal: boolean;
  outcome: ShownOutcome | null;
}) {
  const d = live.shown?.derived;
  const state = live.busy
    ? "判定中…"
    : d && showTotal && d.ojt_start
      ? `OJT期間 トータル${d.total_label}`
      : "入力に合わせて自動で判定します";
  // Short, so that the verdict itself stays on one line on a phone.
  const link = (
    <>
      詳細<span className="visually-hidden">（判定の詳細を見る）</span>
    </>
  );
  return (
    <VerdictBar
      verdict={live.shown}
      shown={outcome ?? undefined}
      state={state}
      href={`#${VERDICT_PANEL_ID}`}
      linkLabel={link}
    />
  );
}
