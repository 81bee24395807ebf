import { Link } from "react-router";
import { AvailabilityBadge } from "@/components/training/availability-badge";
import { DateRange, DateTimeWindow } from "@/components/training/date-range";
import { Fact, FactList } from "@/components/ui/facts";
import type { AdminTraining } from "@/lib/api/types";
import { canRunTrainings, useRole } from "@/lib/auth/roles";
import { FORMAT_LABELS } from "@/lib/format/labels";
import { seatsText } from "@/lib/format/seats";
import { StatusActions } from "./status-actions";
import { StatusBadge } from "./status-badge";

/** One training in the staff list. */
export function AdminTrainingCard({ training }: { training: AdminTraining }) {
  const headingId = `admin-training-${training.id}-title`;
  // The prefecture reads only: no edit, codes or status buttons.
  const canEdit = canRunTrainings(useRole());
  return (
    <article className="card training-card" aria-labelledby={headingId}>
      <div className="training-card-head">
        <StatusBadge status={training.status} />
        {training.status === "published" && (
          <AvailabilityBadge availability={training.availability} label={training.availability_label} />
        )}
      </div>
      <h2 className="training-card-title" id={headingId}>
        {training.title || "（研修名なし）"}
      </h2>
      <FactList>
        <Fact label="日時">
          <DateRange start={training.starts_at} end={training.ends_at} />
        </Fact>
        <Fact label="受付">
          <DateTimeWindow start={training.application_opens_at} end={training.application_closes_at} />
        </Fact>
        <Fact label="形式">{FORMAT_LABELS[training.format]}</Fact>
        <Fact label="申込">
          {training.practical_counts
            ? `${training.practical_counts.applications}名・受講決定${training.practical_counts.accepted}名`
            : `${training.seats_taken}名`}
          （{seatsText(training.seats_left, training.capacity)}）
        </Fact>
      </FactList>
      <div className="card-actions card-actions-wrap">
        {canEdit && (
          <Link className="button button-secondary button-small" to={`/staff/trainings/${training.id}/edit`}>
            編集<span className="visually-hidden">（{training.title}）</span>
          </Link>
        )}
        {training.status !== "draft" &&
          (training.form_kind === "practical" ? (
            <Link className="button button-secondary button-small" to={`/staff/trainings/${training.id}/practical`}>
              選考・受講決定<span className="visually-hidden">（{training.title}）</span>
            </Link>
          ) : (
            <>
              <Link className="button button-secondary button-small" to={`/staff/trainings/${training.id}/applications`}>
                申込者一覧<span className="visually-hidden">（{training.title}）</span>
              </Link>
              {canEdit && (
                <Link className="button button-secondary button-small" to={`/staff/trainings/${training.id}/codes`}>
                  開始番号・終了番号<span className="visually-hidden">（{training.title}）</span>
                </Link>
              )}
            </>
          ))}
        {training.status !== "draft" && training.format !== "in_person" && (
          <Link className="button button-secondary button-small" to={`/staff/trainings/${training.id}/zoom-checks`}>
            Zoom受講確認<span className="visually-hidden">（{training.title}）</span>
          </Link>
        )}
        {training.form_kind === "simple" && (
          <Link className="button button-secondary button-small" to={`/staff/trainings/${training.id}/survey`}>
            アンケート<span className="visually-hidden">（{training.title}）</span>
          </Link>
        )}
        {training.status !== "draft" && training.status !== "cancelled" && (
          <Link className="button button-secondary button-small" to={`/trainings/${training.id}`}>
            公開ページ<span className="visually-hidden">（{training.title}）</span>
          </Link>
        )}
        {canEdit && <StatusActions training={training} />}
      </div>
    </article>
  );
}
