import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/lib/api/problem";
import type { PracticalRow } from "@/lib/api/types";
import { useApplyPracticalProposal } from "../api/apply-practical-proposal";
import { useSendPracticalNotices } from "../api/send-practical-notices";
import "./staff-practical.css";

/** 提案どおりに決定 and 受講可否通知を送信, each asked once more before it runs. */
export function BulkActions({ trainingId, rows }: { trainingId: number; rows: PracticalRow[] }) {
  const propose = useApplyPracticalProposal(trainingId);
  const notify = useSendPracticalNotices(trainingId);
  const [done, setDone] = useState<string | null>(null);
  const undecided = rows.filter((r) => r.status === "submitted" || r.status === "under_review").length;
  const unnotified = rows.filter((r) => r.status === "decided").length;
  const failed = propose.error ?? notify.error;
  const { dialog, ask } = useConfirm();

  return (
    <div className="bulk-actions">
      <p className="bulk-counts">
        未決定 <strong>{undecided}</strong>件・決定済み（未通知） <strong>{unnotified}</strong>件
      </p>
      <div className="actions actions-stack">
        <button
          type="button"
          className="button button-primary"
          disabled={undecided === 0 || propose.isPending}
          onClick={async () => {
            const yes = await ask({
              title: `未決定の${undecided}件を、提案どおりに決定しますか？`,
              body: <p>まだ通知は送信されません。決定は一件ずつ変更できます。</p>,
              confirmLabel: `${undecided}件を提案どおりに決定する`,
            });
            if (!yes) return;
            setDone(null);
            notify.reset();
            propose.mutate(undefined, { onSuccess: ({ count }) => setDone(`${count}件を提案どおりに決定しました。`) });
          }}
        >
          未決定をすべて提案どおりに決定
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={unnotified === 0 || notify.isPending}
          onClick={async () => {
            const yes = await ask({
              title: `${unnotified}件に受講可否通知を送信しますか？`,
              body: <p>決定済みで未通知の{unnotified}件に、受講可否通知をメールで送信します。送信後は取り消せません。</p>,
              confirmLabel: `${unnotified}件に送信する`,
              danger: true,
            });
            if (!yes) return;
            setDone(null);
            propose.reset();
            notify.mutate(undefined, { onSuccess: ({ count }) => setDone(`${count}件に受講可否通知を送信しました。`) });
          }}
        >
          受講可否通知を送信
        </button>
      </div>
      <div aria-live="polite">{done && <Alert tone="success">{done}</Alert>}</div>
      {failed && <Alert>{errorMessage(failed)}</Alert>}
      {dialog}
    </div>
  );
}
