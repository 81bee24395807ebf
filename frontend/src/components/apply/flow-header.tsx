import { DateRange } from "@/components/training/date-range";
import { Breadcrumbs, type Crumb } from "@/components/ui/breadcrumbs";
import { PageHeading } from "@/components/ui/page-heading";
import type { TrainingDetail } from "@/lib/api/types";

/** A step of an application flow, as the header shows it. */
export interface FlowStep {
  key: string;
  /** In the step list: 入力, 確認, 完了 */
  label: string;
  /** In the breadcrumbs: 申込 入力 … */
  crumb: string;
  to: string;
}

/**
 * Breadcrumbs (一覧 › 詳細 › 申込 入力 › …), the numbered steps, the h1 and the training,
 * for any application flow. After the last step the earlier ones cannot be revisited.
 */
export function FlowHeader({
  training,
  steps,
  current,
  title,
}: {
  training: Pick<TrainingDetail, "id" | "title" | "venue" | "starts_at" | "ends_at">;
  steps: FlowStep[];
  current: string;
  title: string;
}) {
  const index = steps.findIndex((s) => s.key === current);
  const finished = index === steps.length - 1;
  const crumbs: Crumb[] = [
    { label: "一覧", to: "/" },
    { label: "詳細", to: `/trainings/${training.id}` },
    ...steps.slice(0, index + 1).map((s) => ({ label: s.crumb, to: finished ? undefined : s.to })),
  ];
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <ol className="steps" aria-label="申込の手順">
        {steps.map((s, i) => (
          <li
            key={s.key}
            className={i < index ? "step-done" : i === index ? "step-current" : undefined}
            aria-current={i === index ? "step" : undefined}
          >
            <span className="step-number" aria-hidden="true">
              {i < index ? "✓" : i + 1}
            </span>
            {s.label}
            {i < index && <span className="visually-hidden">（済）</span>}
          </li>
        ))}
      </ol>
      <PageHeading title={`${title}（${training.title}）`}>{title}</PageHeading>
      <TrainingBox training={training} />
    </>
  );
}

/** The training being applied for, as the seed shows it above the form. */
export function TrainingBox({
  training,
  showTitle = true,
}: {
  training: Pick<TrainingDetail, "title" | "venue" | "starts_at" | "ends_at">;
  /** Off where the page's h1 is the title already. */
  showTitle?: boolean;
}) {
  return (
    <div className="card apply-training">
      {showTitle && <p className="apply-training-title">{training.title}</p>}
      <p className="apply-training-meta">
        <DateRange start={training.starts_at} end={training.ends_at} />
        <br />
        {training.venue}
      </p>
    </div>
  );
}
