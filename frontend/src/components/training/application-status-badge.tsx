import { applicationStatusLabel, type ApplicationStatus } from "@/lib/format/labels";

const TONE: Record<ApplicationStatus, string> = {
  confirmed: "badge-open",
  waitlisted: "badge-upcoming",
  cancelled: "badge-closed",
};

/** 申込済み / キャンセル待ち（3番目） / キャンセル済み: the text carries the meaning. */
export function ApplicationStatusBadge({ status, position }: { status: ApplicationStatus; position?: number | null }) {
  return <span className={`badge ${TONE[status]}`}>{applicationStatusLabel(status, position)}</span>;
}
