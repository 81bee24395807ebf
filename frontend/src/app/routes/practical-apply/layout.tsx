import { useCallback, useMemo, useState } from "react";
import { Navigate, Outlet, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { usePracticalReference } from "@/features/practical/api/get-practical-reference";
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
import type { PracticalReference, TrainingDetail } from "@/lib/api/types";
import { tokyoDateOf } from "@/lib/format/tokyo-time";

/** `/trainings/:id/practical-apply/*`: loads the training and keeps the draft for the steps. */
export function PracticalApplyLayout() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useTraining(id);
  const reference = usePracticalReference();
  const crumbs = [{ label: "一覧", to: "/" }, { label: "詳細", to: `/trainings/${id}` }, { label: "申込" }];

  if (!valid || (query.error instanceof ApiError && query.error.status === 404)) {
    return <TrainingNotFound crumbs={crumbs} />;
  }
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;
  if (query.data.form_kind !== "practical") return <Navigate to={`/trainings/${id}/apply`} replace />;
  if (reference.isPending) return <Loading />;
  if (reference.isError) return <Alert>{errorMessage(reference.error)}</Alert>;
  // Keyed by training: each training's draft is its own.
  return <PracticalFlowProvider key={id} training={query.data} reference={reference.data} />;
}

function PracticalFlowProvider({ training, reference }: { training: TrainingDetail; reference: PracticalReference }) {
  const id = training.id;
  const [draft, setDraft] = useState<PracticalDraft>(
    () => loadPracticalDraft(id, reference.kinds.flatMap((k) => k.services)) ?? newPracticalDraft(),
  );
  const [attachment, setAttachment] = useState<File | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // Bumped when the applicant deletes the draft: the form starts again from empty.
  const [generation, setGeneration] = useState(0);

  const change = useCallback(
    (next: (d: PracticalDraft) => PracticalDraft) =>
      setDraft((prev) => {
        return savePracticalDraft(id, next(prev));
      }),
    [id],
  );
  const setValues = useCallback((values: PracticalFormValues) => change((d) => ({ ...d, values })), [change]);
  const renewKey = useCallback(() => change((d) => ({ ...d, idempotencyKey: makeIdempotencyKey() })), [change]);
  const finish = useCallback(() => {
    clearPracticalDraft(id);
    setDraft(newPracticalDraft());
    setAttachment(null);
    setProblem(null);
  }, [id]);
  const discard = useCallback(() => {
    finish();
    setGeneration((g) => g + 1);
  }, [finish]);

  const context = useMemo<PracticalFlow>(
    () => ({
      training,
      reference,
      lectureStart: tokyoDateOf(training.starts_at),
      open: takesApplications(training),
      draft,
      setValues,
      attachment,
      setAttachment,
      problem,
      setProblem,
      renewKey,
      finish,
      discard,
      generation,
      pathOf: (step) => practicalApplyPath(id, step),
    }),
    [training, reference, draft, setValues, attachment, problem, renewKey, finish, discard, generation, id],
  );
  return <Outlet context={context} />;
}
