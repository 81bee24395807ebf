import { errorMessage } from "@/lib/api/problem";
import type { AdminTraining } from "@/lib/api/types";
import type { TrainingStatus } from "@/lib/format/labels";
import { useChangeTrainingStatus, type StatusAction } from "../api/change-training-status";

/** The status changes each status allows (draft → published → closed → finished; cancel). */
export const ACTIONS_BY_STATUS: Record<TrainingStatus, StatusAction[]> = {
  draft: ["publish", "cancel"],
  published: ["close", "cancel"],
  closed: ["finish", "cancel"],
  finished: [],
  cancelled: [],
};

const ACTION_LABELS: Record<StatusAction, string> = {
  publish: "公開",
  close: "締切",
  finish: "終了",
  cancel: "中止",
};

const CONFIRM: Partial<Record<StatusAction, string>> = {
  cancel: "この研修を中止しますか？ 中止すると元に戻せません。",
  finish: "この研修を終了にしますか？",
};

export function StatusActions({ training }: { training: AdminTraining }) {
  const change = useChangeTrainingStatus();
  const actions = ACTIONS_BY_STATUS[training.status];
  if (actions.length === 0) return null;
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
          onClick={() => {
            const question = CONFIRM[action];
            if (question && !window.confirm(question)) return;
            change.mutate({ id: training.id, action });
          }}
        >
          {ACTION_LABELS[action]}
        </button>
      ))}
    </div>
  );
}
