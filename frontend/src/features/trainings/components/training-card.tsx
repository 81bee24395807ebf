import { Link } from "react-router";
import { AvailabilityBadge } from "@/components/training/availability-badge";
import { DateRange } from "@/components/training/date-range";
import { Fact, FactList } from "@/components/ui/facts";
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
      <FactList>
        <Fact label="日時">
          <DateRange start={training.starts_at} end={training.ends_at} />
        </Fact>
        <Fact label="会場">{training.venue}</Fact>
        <Fact label="講師">{training.lecturer}</Fact>
        <Fact label="参加費">{formatFee(training.fee_yen)}</Fact>
        <Fact label="定員">{seatsText(training.seats_left, training.capacity)}</Fact>
      </FactList>
      <div className="card-actions">
        <Link className="button button-primary" to={`/trainings/${training.id}`}>
          詳細<span className="visually-hidden">（{training.title}）</span>
        </Link>
      </div>
    </article>
  );
}
