import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { DownloadButton } from "@/components/ui/download-button";
import { Field } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { PracticalDetail } from "@/lib/api/types";
import { formatBytes } from "@/lib/format/yen";
import { useCancelPracticalApplication } from "../api/cancel-practical-application";
import { useRecordPracticalAttendance } from "../api/record-practical-attendance";
import { useRecordPracticalCompletion } from "../api/record-practical-completion";
import { useUndoPracticalAttendance } from "../api/undo-practical-attendance";
import { useUndoPracticalCompletion } from "../api/undo-practical-completion";
import "./staff-practical.css";

/** 出席 and 修了, each offered only where the state allows it. */
export function ProgressActions({ detail }: { detail: PracticalDetail }) {
  const attend = useRecordPracticalAttendance(detail.id);
  const complete = useRecordPracticalCompletion(detail.id);
  const failed = attend.error ?? complete.error;
  const { dialog, ask } = useConfirm();
  const canAttend = detail.status === "notified" && detail.decision === "accepted";
  return (
    <div className="progress-actions">
      {detail.status === "completed" ? (
        <p>
          修了済み{detail.completed_on && <>（{detail.completed_on}）</>}
          {detail.certificate_number && <>（修了証書番号 <strong>{detail.certificate_number}</strong>）</>}
        </p>
      ) : detail.status === "attended" ? (
        <p>
          出席を記録済みです{detail.attended_on && <>（{detail.attended_on}）</>}
          。研修の最終日以降に、修了を記録してください。
        </p>
      ) : canAttend ? (
        <p>受講決定を通知済みです。研修の初日から出席を記録できます。</p>
      ) : (
        <p className="muted">出席・修了は、受講決定を通知した後に記録できます。</p>
      )}
      <div className="actions actions-end">
        {canAttend && (
          <button
            type="button"
            className="button button-secondary"
            disabled={attend.isPending}
            onClick={async () => {
              const yes = await ask({
                title: `${detail.full_name} さんの出席を記録しますか？`,
                body: <p>本日の日付で出席を記録します。誤って記録したときは、理由を書いて取り消せます。</p>,
                confirmLabel: "出席を記録する",
              });
              if (yes) attend.mutate();
            }}
          >
            出席を記録
          </button>
        )}
        {detail.status === "attended" && (
          <button
            type="button"
            className="button button-primary"
            disabled={complete.isPending}
            onClick={async () => {
              const yes = await ask({
                title: `${detail.full_name} さんの修了を記録しますか？`,
                body: <p>修了を記録し、修了証書番号を付けます。番号は取り消しても再利用されません。</p>,
                confirmLabel: "修了を記録する",
              });
              if (yes) complete.mutate();
            }}
          >
            修了を記録
          </button>
        )}
      </div>
      {failed && <Alert>{failedMessage(failed)}</Alert>}
      {dialog}
      {(detail.status === "attended" || detail.status === "completed") && <UndoForm detail={detail} />}
    </div>
  );
}

/** The message of a refused step, with the field's own message (e.g. the day rule). */
function failedMessage(error: Error): string {
  const field = error instanceof ApiError ? error.problem.errors?.[0]?.message : undefined;
  return field ?? errorMessage(error);
}

/** 取消し of the last progress step, with its reason (kept in the history). */
function UndoForm({ detail }: { detail: PracticalDetail }) {
  const form = useForm<{ reason: string }>({ defaultValues: { reason: "" } });
  const undoAttendance = useUndoPracticalAttendance(detail.id);
  const undoCompletion = useUndoPracticalCompletion(detail.id);
  const completed = detail.status === "completed";
  const undo = completed ? undoCompletion : undoAttendance;
  const what = completed ? "修了" : "出席";
  const problem = undo.error instanceof ApiError ? undo.error.problem : null;
  const reasonError = problem?.errors?.find((e) => e.field === "reason")?.message;
  const { dialog, ask } = useConfirm();
  return (
    <form
      className="form undo-form"
      noValidate
      onSubmit={form.handleSubmit(async ({ reason }) => {
        const yes = await ask({
          title: `${detail.full_name} さんの${what}の記録を取り消しますか？`,
          body: <p>取消しとその理由は履歴に残ります。</p>,
          confirmLabel: `${what}の記録を取り消す`,
          danger: true,
        });
        if (yes) undo.mutate(reason.trim(), { onSuccess: () => form.reset() });
      })}
    >
      <Field
        id="undo-reason"
        label={`${what}の取消しの理由`}
        required
        hint="誤って記録した場合に使います。理由は履歴に残ります。"
        error={reasonError}
      >
        {(c) => <textarea {...c} rows={2} {...form.register("reason")} />}
      </Field>
      {undo.isError && !reasonError && <Alert>{errorMessage(undo.error)}</Alert>}
      <div className="actions actions-end">
        <button type="submit" className="button button-secondary" disabled={undo.isPending}>
          {what}の記録を取り消す
        </button>
      </div>
      {dialog}
    </form>
  );
}

/** 受講可否通知 and 修了証書 (PDF), and the copy of certificates the applicant attached. */
export function Documents({ detail, certificateFax }: { detail: PracticalDetail; certificateFax?: string }) {
  const base = `/api/v1/admin/practical-applications/${detail.id}`;
  const h = detail.form.history;
  return (
    <ul className="document-list">
      <li>
        <span className="document-name">受講可否通知（PDF）</span>
        {detail.decision ? (
          <DownloadButton url={`${base}/notice.pdf`} filename={`受講可否通知_${detail.id}.pdf`}>
            ダウンロード<span className="visually-hidden">（受講可否通知）</span>
          </DownloadButton>
        ) : (
          <span className="muted">受講可否を決定すると作成できます</span>
        )}
      </li>
      <li>
        <span className="document-name">修了証書（PDF）</span>
        {detail.status === "completed" ? (
          <DownloadButton url={`${base}/certificate.pdf`} filename={`修了証書_${detail.id}.pdf`}>
            ダウンロード<span className="visually-hidden">（修了証書）</span>
          </DownloadButton>
        ) : (
          <span className="muted">修了を記録すると作成できます</span>
        )}
      </li>
      <li>
        <span className="document-name">修了証書の写し（当法人以外）</span>
        {detail.attachment ? (
          <>
            <span className="file-meta">
              {detail.attachment.filename}・{formatBytes(detail.attachment.size_bytes)}
            </span>
            <DownloadButton url={detail.attachment.url} filename={detail.attachment.filename}>
              ダウンロード<span className="visually-hidden">（修了証書の写し）</span>
            </DownloadButton>
          </>
        ) : h.completed_elsewhere && h.send_by_fax ? (
          <span>{certificateFax ? `FAX（${certificateFax}）で送付予定` : "FAXで送付予定"}</span>
        ) : (
          <span className="muted">なし</span>
        )}
      </li>
    </ul>
  );
}

/** キャンセル with its reason; a freed place goes to the best-ranked applicant waiting. */
export function CancelForm({ detail, trainingId }: { detail: PracticalDetail; trainingId: number }) {
  const form = useForm<{ reason: string }>({ defaultValues: { reason: "" } });
  const cancel = useCancelPracticalApplication(detail.id);
  const problem = cancel.error instanceof ApiError ? cancel.error.problem : null;
  const reasonError = problem?.errors?.find((e) => e.field === "reason")?.message;
  const { dialog, ask } = useConfirm();
  if (cancel.isSuccess) {
    const promoted = cancel.data.promoted_id;
    return (
      <Alert tone="success">
        <p className="alert-title">キャンセルしました。</p>
        {promoted != null && (
          <p>
            キャンセル待ちの
            <Link to={`/staff/trainings/${trainingId}/practical/${promoted}`}>申込番号{promoted}</Link>
            を繰り上げて受講決定にしました。受講可否通知を送信してください。
          </p>
        )}
      </Alert>
    );
  }
  return (
    <form
      className="form"
      noValidate
      onSubmit={form.handleSubmit(async ({ reason }) => {
        const yes = await ask({
          title: `${detail.full_name} さんの申込をキャンセルしますか？`,
          body: <p>キャンセルは元に戻せません。受講決定者の場合、キャンセル待ちの上位の方が繰り上がります。</p>,
          confirmLabel: "キャンセルする",
          danger: true,
        });
        if (yes) cancel.mutate(reason.trim());
      })}
    >
      <Field
        id="cancel-reason"
        label="キャンセルの理由"
        required
        hint="例：本人から電話で辞退の連絡。受講決定者の場合、キャンセル待ちの上位の方が繰り上がります。"
        error={reasonError}
      >
        {(c) => <textarea {...c} rows={2} {...form.register("reason")} />}
      </Field>
      {cancel.isError && !reasonError && <Alert>{errorMessage(cancel.error)}</Alert>}
      <div className="actions actions-end">
        <button type="submit" className="button button-danger-outline" disabled={cancel.isPending}>
          申込をキャンセルする
        </button>
      </div>
      {dialog}
    </form>
  );
}
