import type { ReactNode } from "react";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/lib/api/problem";
import type { AdminTraining } from "@/lib/api/types";
import { canRunTrainings, useRole } from "@/lib/auth/roles";
import { useChangeTrainingStatus, type StatusAction } from "../api/change-training-status";

const ACTION_LABELS: Record<StatusAction, string> = {
  publish: "公開",
  close: "締切",
  reopen: "受付再開",
  finish: "終了",
  cancel: "中止",
};

/** What each step does, said before it is taken. */
const QUESTIONS: Record<StatusAction, { title: string; body: ReactNode; danger?: boolean }> = {
  publish: { title: "この研修を公開しますか？", body: <p>公開すると、研修一覧と詳細ページに表示されます。</p> },
  close: {
    title: "申込の受付を締め切りますか？",
    body: <p>締め切ると、公開ページから申し込めなくなります。研修の開始前であれば受付を再開できます。</p>,
  },
  reopen: {
    title: "申込の受付を再開しますか？",
    body: <p>再開すると、受付期間内であれば公開ページから再び申し込めるようになります。</p>,
  },
  finish: {
    title: "この研修を終了にしますか？",
    body: <p>終了にすると、研修の内容は編集できなくなります。</p>,
  },
  cancel: {
    title: "この研修を中止しますか？",
    body: (
      <>
        <p>中止すると公開ページから消え、申込も受け付けなくなります。</p>
        <p>
          <strong>中止は元に戻せません。</strong>申込者へのご連絡は別途行ってください。
        </p>
      </>
    ),
    danger: true,
  },
};

/** The status changes that fit now (the server's `actions`), each confirmed; none for read-only roles. */
export function StatusActions({ training }: { training: AdminTraining }) {
  const role = useRole();
  const change = useChangeTrainingStatus();
  const { dialog, ask } = useConfirm();
  const actions = training.actions;
  if (!canRunTrainings(role) || actions.length === 0) return null;
  const busy = change.isPending && change.variables?.id === training.id;
  const failed = change.isError && change.variables?.id === training.id;
  return (
    <div className="status-actions" role="group" aria-label={`${training.title}の状態を変更`}>
      {failed && (
        <p className="field-error" role="alert">
          {errorMessage(change.error)}
        </p>
      )}
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={`button button-small ${action === "cancel" ? "button-danger-outline" : "button-secondary"}`}
          disabled={busy}
          onClick={async () => {
            const q = QUESTIONS[action];
            const yes = await ask({ ...q, confirmLabel: `${ACTION_LABELS[action]}する` });
            if (yes) change.mutate({ id: training.id, action });
          }}
        >
          {ACTION_LABELS[action]}
        </button>
      ))}
      {dialog}
    </div>
  );
}
