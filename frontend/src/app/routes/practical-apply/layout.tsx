import { useCallback, useMemo, useState } from "react";
import { Navigate, Outlet, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import {
  clearPracticalDraft,
  loadPracticalDraft,
  newPracticalDraft,
  savePracticalDraft,
  type PracticalDraft,
} from "@/features/practical/draft";
import type { FormProblem, PracticalFormValues } from "@/features/practical/form-values";
import { practicalApplyPath, type PracticalFlow } from "@/features/practical/practical-flow";
import { useTraining } from "@/features/trainings/api/get-training";
import { takesApplications } from "@/features/trainings/components/availability";
import { TrainingNotFound } from "@/features/trainings/components/training-not-found";
import { makeIdempotencyKey } from "@/lib/api/idempotency";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { TrainingDetail } from "@/lib/api/types";
import { tokyoDateOf } from "@/lib/format/tokyo-time";

/** `/trainings/:id/practical-apply/*`: loads the training and keeps the draft for the steps. */
export function PracticalApplyLayout() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useTraining(id);
  const crumbs = [{ label: "一覧", to: "/" }, { label: "詳細", to: `/trainings/${id}` }, { label: "申込" }];

  if (!valid || (query.error instanceof ApiError && query.error.status === 404)) {
    return <TrainingNotFound crumbs={crumbs} />;
  }
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;
  if (query.data.form_kind !== "practical") return <Navigate to={`/trainings/${id}/apply`} replace />;
  // Keyed by training: each training's draft is its own.
  return <PracticalFlowProvider key={id} training={query.data} />;
}

function PracticalFlowProvider({ training }: { training: TrainingDetail }) {
  const id = training.id;
  const [draft, setDraft] = useState<PracticalDraft>(() => loadPracticalDraft(id) ?? newPracticalDraft());
  const [attachment, setAttachment] = useState<File | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const change = useCallback(
    (next: (d: PracticalDraft) => PracticalDraft) =>
      setDraft((prev) => {
        const d = next(prev);
        savePracticalDraft(id, d);
        return d;
      }),
    [id],
  );
  const updateValues = useCallback(
    (c: (v: PracticalFormValues) => PracticalFormValues) => change((d) => ({ ...d, values: c(d.values) })),
    [change],
  );
  const renewKey = useCallback(() => change((d) => ({ ...d, idempotencyKey: makeIdempotencyKey() })), [change]);
  const finish = useCallback(() => {
    clearPracticalDraft(id);
    setDraft(newPracticalDraft());
    setAttachment(null);
    setProblem(null);
  }, [id]);

  const context = useMemo<PracticalFlow>(
    () => ({
      training,
      lectureStart: tokyoDateOf(training.starts_at),
      open: takesApplications(training),
      draft,
      updateValues,
      attachment,
      setAttachment,
      problem,
      setProblem,
      renewKey,
      finish,
      pathOf: (step) => practicalApplyPath(id, step),
    }),
    [training, draft, updateValues, attachment, problem, renewKey, finish, id],
  );
  return <Outlet context={context} />;
}
