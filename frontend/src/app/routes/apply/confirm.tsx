import { useRef, useState } from "react";
import { Navigate, useNavigate } from "react-router";
import { ApplyClosed } from "@/components/apply/apply-closed";
import { type CompleteState } from "@/components/apply/handed-result";
import { ProblemAlert } from "@/components/apply/problem-alert";
import { SendBar } from "@/components/apply/send-bar";
import { useSendOnce } from "@/components/apply/use-send-once";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { useCreateApplication } from "@/features/applications/api/create-application";
import { isApplicantComplete, toApplyRequest } from "@/features/applications/applicant-schema";
import { useApplyFlow } from "@/features/applications/apply-flow";
import { fitAnswers, isComplete } from "@/features/applications/checklist-answers";
import { ApplicationSummary } from "@/features/applications/components/application-summary";
import { ApplyHeader } from "@/features/applications/components/apply-header";
import { problemFor, routeProblem, type StepProblem } from "@/features/applications/problem-steps";
import { useChecklist } from "@/features/checklist/api/get-checklist";
import { makeIdempotencyKey, isSettledRefusal } from "@/lib/api/idempotency";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { ApplicationCreated } from "@/lib/api/types";

/** `/trainings/:id/apply/confirm` 申込 確認 → 送信 */
export function ApplyConfirmPage() {
  const { training, steps, open, draft, updateDraft, finish, problem, setProblem, pathOf } = useApplyFlow();
  const navigate = useNavigate();
  const checklist = useChecklist(training.checklist_required);
  const create = useCreateApplication();
  const sendOnce = useSendOnce();
  const [sent, setSent] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  const total = checklist.data?.sections.reduce((n, s) => n + s.questions.length, 0) ?? 0;
  const previous = steps[steps.indexOf("confirm") - 1];

  if (!sent) {
    // Reached by a bookmark or a reload before the earlier steps were done.
    if (!isApplicantComplete(draft.applicant)) return <Navigate to={pathOf("input")} replace />;
    if (checklist.data && !isComplete(draft.answers, total)) return <Navigate to={pathOf("checklist")} replace />;
  }

  // A second click while the first is on its way sends nothing; the key covers retries.
  const send = () =>
    sendOnce(async () => {
      setProblem(null);
      try {
        const result = await create.mutateAsync({
          trainingId: training.id,
          idempotencyKey: draft.idempotencyKey,
          body: toApplyRequest(draft.applicant, training.checklist_required ? fitAnswers(draft.answers, total) : null),
        });
        setSent(true);
        const state: CompleteState<ApplicationCreated> = { result };
        await navigate(pathOf("complete"), { replace: true, state });
        finish();
      } catch (error) {
        const status = error instanceof ApiError ? error.status : undefined;
        // Nothing was stored: the next attempt, perhaps with other entries, is a new request.
        if (isSettledRefusal(status)) updateDraft((d) => ({ ...d, idempotencyKey: makeIdempotencyKey() }));
        const routed: StepProblem =
          error instanceof ApiError
            ? routeProblem(error.problem, training.checklist_required)
            : { code: "network", title: errorMessage(error), step: "confirm" as const, fields: {}, other: [] };
        setProblem(routed);
        if (routed.step !== "confirm") {
          navigate(pathOf(routed.step));
        } else {
          requestAnimationFrame(() => alertRef.current?.focus());
        }
      }
    });

  return (
    <>
      <ApplyHeader step="confirm" title="申込 確認" />
      {!open && !problem ? (
        <ApplyClosed training={training} />
      ) : training.checklist_required && checklist.isPending ? (
        <Loading />
      ) : training.checklist_required && checklist.isError ? (
        <Alert>{errorMessage(checklist.error)}</Alert>
      ) : (
        <>
          <ProblemAlert ref={alertRef} problem={problemFor(problem, "confirm")} />
          <p>以下の入力内容をご確認の上「送信」ボタンを押してください。</p>
          <ApplicationSummary applicant={draft.applicant} checklist={checklist.data} answers={draft.answers} />
          <p className="caution-box">
            入力内容に間違いがないかご確認ください。特にメールアドレスの入力間違いが多いです。マイページURLはこのメールアドレスに届きます。
          </p>
          <SendBar backTo={pathOf(previous)} sending={create.isPending} sent={sent} onSend={() => void send()} />
        </>
      )}
    </>
  );
}
