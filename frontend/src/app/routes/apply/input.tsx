import { useCallback } from "react";
import { useNavigate } from "react-router";
import { ApplyClosed } from "@/components/apply/apply-closed";
import { useApplyFlow } from "@/features/applications/apply-flow";
import { ApplicantForm } from "@/features/applications/components/applicant-form";
import { ApplyHeader } from "@/features/applications/components/apply-header";
import type { ApplicantValues } from "@/features/applications/draft";
import { problemFor, withoutStepFields } from "@/features/applications/problem-steps";

/** `/trainings/:id/apply` 申込 入力 */
export function ApplyInputPage() {
  const { training, steps, open, draft, updateDraft, problem, setProblem, pathOf } = useApplyFlow();
  const navigate = useNavigate();
  const onChange = useCallback(
    (applicant: ApplicantValues) => updateDraft((d) => ({ ...d, applicant })),
    [updateDraft],
  );

  return (
    <>
      <ApplyHeader step="input" title="申込 入力" />
      {!open ? (
        <ApplyClosed training={training} />
      ) : (
        <ApplicantForm
          initialValues={draft.applicant}
          organiser={training.organiser}
          online={training.format !== "in_person"}
          problem={problemFor(problem, "input")}
          backTo={`/trainings/${training.id}`}
          onChange={onChange}
          onSubmit={(applicant) => {
            updateDraft((d) => ({ ...d, applicant }));
            setProblem(withoutStepFields(problem, "input", training.checklist_required));
            navigate(pathOf(steps[1]));
          }}
        />
      )}
    </>
  );
}
