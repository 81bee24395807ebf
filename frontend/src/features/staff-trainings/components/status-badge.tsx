import { STATUS_LABELS, type TrainingStatus } from "@/lib/format/labels";

export function StatusBadge({ status }: { status: TrainingStatus }) {
  return <span className={`badge badge-status-${status}`}>{STATUS_LABELS[status]}</span>;
}
