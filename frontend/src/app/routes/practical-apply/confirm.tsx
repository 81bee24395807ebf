import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApplyClosed } from "@/components/apply/apply-closed";
import { type CompleteState } from "@/components/apply/handed-result";
import { ProblemAlert } from "@/components/apply/problem-alert";
import { SendBar } from "@/components/apply/send-bar";
import { useSendOnce } from "@/components/apply/use-send-once";
import { useCreatePracticalApplication } from "@/features/practical/api/create-practical-application";
import { useValidatePracticalApplication } from "@/features/practical/api/validate-practical-application";
import { PracticalHeader } from "@/features/practical/components/practical-header";
import { PracticalSummary } from "@/features/practical/components/practical-summary";
import { VerdictSummary } from "@/features/practical/components/verdict-summary";
import { parseDays } from "@/features/practical/eligibility-values";
import {
  asksOjt,
  eligibilityCheckOf,
  errorsOf,
  formProblemOf,
  quickCheck,
  toPracticalForm,
  type FormProblem,
} from "@/features/practical/form-values";
import { usePracticalFlow } from "@/features/practical/practical-flow";
import { useLiveVerdict } from "@/features/practical/use-live-verdict";
import { isSettledRefusal } from "@/lib/api/idempotency";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { PracticalReceived } from "@/lib/api/types";

/** `/trainings/:id/practical-apply/confirm` 実践研修 申込 確認 → 送信 */
export function PracticalConfirmPage() {
  const flow = usePracticalFlow();
  const { training, draft, attachment, pathOf } = flow;
  const values = draft.values;
  const navigate = useNavigate();
  const create = useCreatePracticalApplication();
  const sendOnce = useSendOnce();
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const sendsFile = values.completed_elsewhere && !values.send_by_fax ? attachment : null;
  const missing = useMemo(() => quickCheck(values, { hasAttachment: attachment !== null }), [values, attachment]);
  const body = useMemo(() => toPracticalForm(values), [values]);
  const live = useLiveVerdict(eligibilityCheckOf(values, flow.lectureStart).request);
  // The server's rules (事業所番号, an address used by another person …) before 送信.
  const checked = useValidatePracticalApplication(training.id, body, sendsFile !== null, missing.length === 0 && !sent);
  // Refused before 送信: the messages shown here; 送信 takes them next to their fields.
  const preflight = checked.error instanceof ApiError ? formProblemOf(checked.error.problem) : null;
  const preflightMessages = preflight ? [...Object.values(preflight.fields), ...preflight.other] : [];

  // Reached by a bookmark or a reload (which forgets the file) before the entries were complete.
  const redirected = useRef(false);
  useEffect(() => {
    if (sent || missing.length === 0 || redirected.current) return;
    redirected.current = true;
    flow.setProblem({ code: "incomplete", title: "入力内容を確認してください。", ...errorsOf(missing) });
    navigate(pathOf("input"), { replace: true });
  }, [sent, missing, flow, navigate, pathOf]);

  // A second click while the first is on its way sends nothing.
  const send = () =>
    sendOnce(async () => {
      setProblem(null);
      try {
        const result = await create.mutateAsync({
          trainingId: training.id,
          body,
          attachment: sendsFile,
          idempotencyKey: draft.idempotencyKey,
        });
        setSent(true);
        const state: CompleteState<PracticalReceived> = { result };
        await navigate(pathOf("complete"), { replace: true, state });
        flow.finish();
      } catch (error) {
        const status = error instanceof ApiError ? error.status : undefined;
        // Nothing was stored: the next attempt, with corrected entries, is a new request.
        if (isSettledRefusal(status)) flow.renewKey();
        const refused: FormProblem =
          error instanceof ApiError
            ? formProblemOf(error.problem)
            : { code: "network", title: errorMessage(error), fields: {}, other: [] };
        if (status === 413) {
          refused.fields.attachment ??= "添付できるファイルは10MBまでです。容量を小さくするか、FAXで送信してください";
        }
        if (Object.keys(refused.fields).length > 0) {
          // The messages go next to their fields on the input page; every entry is still there.
          flow.setProblem(refused);
          navigate(pathOf("input"));
        } else {
          setProblem(refused);
          requestAnimationFrame(() => alertRef.current?.focus());
        }
      }
    });

  if (!sent && missing.length > 0) return null;
  return (
    <>
      <PracticalHeader step="confirm" title="申込 確認" />
      {!flow.open && !problem ? (
        <ApplyClosed training={training} />
      ) : (
        <>
          <ProblemAlert ref={alertRef} problem={problem} />
          <p>以下の入力内容をご確認の上「送信」ボタンを押してください。まだ申込は完了していません。</p>

          <section className="section" aria-labelledby="pf-confirm-verdict">
            <h2 id="pf-confirm-verdict">受講要件の判定（目安）</h2>
            {live.shown ? (
              <VerdictSummary
                verdict={live.shown}
                enteredWorkingDays={asksOjt(values) ? parseDays(values.working_days) : null}
              />
            ) : (
              <p className="muted">{live.busy ? "判定しています…" : "判定できませんでした。送信後に事務局が確認します。"}</p>
            )}
          </section>

          {preflightMessages.length > 0 && !problem && (
            <section className="caution-box" aria-labelledby="pf-confirm-preflight" role="alert">
              <h2 id="pf-confirm-preflight">このままでは受け付けられません</h2>
              <ul>
                {preflightMessages.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
              <p>
                <Link to={pathOf("input")}>入力画面に戻って修正してください。</Link>
              </p>
            </section>
          )}
          {checked.data && checked.data.warnings.length > 0 && (
            <section className="caution-box" aria-labelledby="pf-confirm-warnings">
              <h2 id="pf-confirm-warnings">ご確認ください（このまま送信できます）</h2>
              <ul>
                {checked.data.warnings.map((w) => (
                  <li key={`${w.field}-${w.code}`}>{w.message}</li>
                ))}
              </ul>
            </section>
          )}

          <PracticalSummary
            form={body}
            schedules={training.exercise_schedules}
            attachmentName={sendsFile?.name ?? null}
            certificateFax={flow.reference.certificate_fax}
          />

          <p className="caution-box">
            入力内容に間違いがないかご確認ください。特にメールアドレスの入力間違いが多いです。申込内容の確認メールは、このメールアドレスに届きます。
          </p>
          <p className="print-line">
            申込完了の確認のため、送信前にこの画面を印刷して保管することをお勧めします。
            <button type="button" className="button button-secondary button-small" onClick={() => window.print()}>
              この画面を印刷
            </button>
          </p>
          <SendBar backTo={pathOf("input")} sending={create.isPending} sent={sent} onSend={() => void send()} />
        </>
      )}
    </>
  );
}
