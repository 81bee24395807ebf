import { Link } from "react-router";
import { AvailabilityBadge } from "@/components/training/availability-badge";
import { DateRange } from "@/components/training/date-range";
import type { TrainingSummary } from "@/lib/api/types";
import { seatsText } from "@/lib/format/seats";
import { formatFee } from "@/lib/format/yen";

/** One training in the public list. */
export function TrainingCard({ training }: { training: TrainingSummary }) {
  const headingId = `training-${training.id}-title`;
  return (
    <article className="card training-card" aria-labelledby={headingId}>
      <div className="training-card-head">
        <AvailabilityBadge availability={training.availability} label={training.availability_label} />
      </div>
      <h2 className="training-card-title" id={headingId}>
        {training.title}
      </h2>
      <dl className="facts">
        <div>
          <dt>日時</dt>
          <dd>
            <DateRange start={training.starts_at} end={training.ends_at} />
          </dd>
        </div>
        <div>
          <dt>会場</dt>
          <dd>{training.venue}</dd>
        </div>
        <div>
          <dt>講師</dt>
          <dd>{training.lecturer}</dd>
        </div>
        <div>
          <dt>参加費</dt>
          <dd>{formatFee(training.fee_yen)}</dd>
        </div>
        <div>
          <dt>定員</dt>
          <dd>{seatsText(training.seats_left, training.capacity)}</dd>
        </div>
      </dl>
      <div className="card-actions">
        <Link className="button button-primary" to={`/trainings/${training.id}`}>
          詳細<span className="visually-hidden">（{training.title}）</span>
        </Link>
      </div>
    </article>
  );
}
