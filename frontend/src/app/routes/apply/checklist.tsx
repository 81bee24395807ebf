import { Navigate, useNavigate } from "react-router";
import { ApplyClosed } from "@/components/apply/apply-closed";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { isApplicantComplete } from "@/features/applications/applicant-schema";
import { useApplyFlow } from "@/features/applications/apply-flow";
import { withAnswer } from "@/features/applications/checklist-answers";
import { ApplyHeader } from "@/features/applications/components/apply-header";
import { ChecklistForm } from "@/features/applications/components/checklist-form";
import { problemFor, withoutStepFields } from "@/features/applications/problem-steps";
import { useChecklist } from "@/features/checklist/api/get-checklist";
import { errorMessage } from "@/lib/api/problem";

/** `/trainings/:id/apply/checklist` 主任介護支援専門員 資質・能力チェック表 */
export function ApplyChecklistPage() {
  const { training, open, draft, updateDraft, problem, setProblem, pathOf } = useApplyFlow();
  const navigate = useNavigate();
  const query = useChecklist(training.checklist_required);

  if (!training.checklist_required) return <Navigate to={pathOf("confirm")} replace />;
  // Reached by a bookmark or a reload before the entries were made.
  if (!isApplicantComplete(draft.applicant)) return <Navigate to={pathOf("input")} replace />;

  const total = query.data?.sections.reduce((n, s) => n + s.questions.length, 0) ?? 0;
  return (
    <>
      <ApplyHeader step="checklist" title="チェック表" />
      {!open ? (
        <ApplyClosed training={training} />
      ) : query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert>{errorMessage(query.error)}</Alert>
      ) : (
        <>
          <p className="checklist-title">{query.data.title}</p>
          <ChecklistForm
            checklist={query.data}
            answers={draft.answers}
            onAnswer={(number, yes) => updateDraft((d) => ({ ...d, answers: withAnswer(d.answers, total, number, yes) }))}
            problem={problemFor(problem, "checklist")}
            backTo={pathOf("input")}
            onNext={() => {
              setProblem(withoutStepFields(problem, "checklist", true));
              navigate(pathOf("confirm"));
            }}
          />
        </>
      )}
    </>
  );
}
