import { useCallback, useMemo, useState } from "react";
import { Navigate, Outlet, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { applyPath, type ApplyFlow } from "@/features/applications/apply-flow";
import { clearDraft, loadDraft, newDraft, saveDraft, type ApplyDraft } from "@/features/applications/draft";
import type { ApplyStep, StepProblem } from "@/features/applications/problem-steps";
import { useTraining } from "@/features/trainings/api/get-training";
import { takesApplications } from "@/features/trainings/components/availability";
import { TrainingNotFound } from "@/features/trainings/components/training-not-found";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { TrainingDetail } from "@/lib/api/types";

/** `/trainings/:id/apply/*`: loads the training and keeps the draft for the steps below. */
export function ApplyLayout() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useTraining(id);
  const crumbs = [{ label: "一覧", to: "/" }, { label: "詳細", to: `/trainings/${id}` }, { label: "申込" }];

  if (!valid || (query.error instanceof ApiError && query.error.status === 404)) {
    return <TrainingNotFound crumbs={crumbs} />;
  }
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;
  // The practical training has a form of its own.
  if (query.data.form_kind === "practical") return <Navigate to={`/trainings/${id}/practical-apply`} replace />;
  // Keyed by training: each training's draft is its own.
  return <ApplyFlowProvider key={id} training={query.data} />;
}

function ApplyFlowProvider({ training }: { training: TrainingDetail }) {
  const id = training.id;
  const [draft, setDraft] = useState<ApplyDraft>(() => loadDraft(id) ?? newDraft());
  const [problem, setProblem] = useState<StepProblem | null>(null);

  const updateDraft = useCallback(
    (change: (draft: ApplyDraft) => ApplyDraft) =>
      setDraft((prev) => {
        const next = change(prev);
        saveDraft(id, next);
        return next;
      }),
    [id],
  );
  const finish = useCallback(() => {
    clearDraft(id);
    setDraft(newDraft());
    setProblem(null);
  }, [id]);

  const context = useMemo<ApplyFlow>(
    () => ({
      training,
      steps: training.checklist_required ? ["input", "checklist", "confirm"] : ["input", "confirm"],
      open: takesApplications(training),
      draft,
      updateDraft,
      finish,
      problem,
      setProblem,
      pathOf: (step: ApplyStep | "complete") => applyPath(id, step),
    }),
    [training, draft, updateDraft, finish, problem, id],
  );
  return <Outlet context={context} />;
}
