import type { EligibilityVerdict } from "@/lib/api/types";
import { EligibilityResult, VerdictOutcome } from "./eligibility-result";

/** The verdict in short (outcome and OJT total), the details folded away. */
export function VerdictSummary({
  verdict,
  enteredWorkingDays = null,
  detailsLabel = "判定の詳細を見る",
}: {
  verdict: EligibilityVerdict;
  enteredWorkingDays?: number | null;
  detailsLabel?: string;
}) {
  const d = verdict.derived;
  return (
    <>
      <VerdictOutcome verdict={verdict}>
        {d.ojt_start && (
          <p>
            OJT期間（トータル）：<strong className="total-label">{d.total_label}</strong>
          </p>
        )}
      </VerdictOutcome>
      <details className="disclosure">
        <summary>{detailsLabel}</summary>
        <div className="disclosure-body">
          <EligibilityResult verdict={verdict} enteredWorkingDays={enteredWorkingDays} withOutcome={false} />
        </div>
      </details>
    </>
  );
}
