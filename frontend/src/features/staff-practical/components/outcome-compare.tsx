import type { Outcome } from "@/lib/api/types";
import { OUTCOME_LABELS } from "@/lib/format/practical-labels";
import "./staff-practical.css";

/** The outcome in a word, for lists: 満たしている / 満たしていない / 要確認. */
const SHORT: Record<Outcome, string> = {
  eligible: "満たしている",
  not_eligible: "満たしていない",
  needs_review: "要確認",
};

function OutcomeText({ outcome }: { outcome: Outcome }) {
  return (
    <span className={`outcome outcome-${outcome} nowrap`}>
      <span aria-hidden="true">{OUTCOME_LABELS[outcome].icon} </span>
      {SHORT[outcome]}
    </span>
  );
}

/** The 受講要件 at submission and today; marked when they differ. */
export function OutcomeCompare({
  submitted,
  current,
  compact = false,
}: {
  submitted: Outcome;
  current: Outcome;
  /** In the table: one line while both agree. */
  compact?: boolean;
}) {
  const changed = submitted !== current;
  if (compact && !changed) return <OutcomeText outcome={current} />;
  return (
    <span className={changed ? "outcome-compare outcome-changed" : "outcome-compare"}>
      <span className="nowrap">申込時：</span>
      <OutcomeText outcome={submitted} />
      <br />
      <span className="nowrap">現在：</span>
      <OutcomeText outcome={current} />
      {changed && <strong className="changed-note">申込時と現在で判定が異なります</strong>}
    </span>
  );
}
