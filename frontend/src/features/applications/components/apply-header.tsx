import { Breadcrumbs, type Crumb } from "@/components/ui/breadcrumbs";
import { PageHeading } from "@/components/ui/page-heading";
import { DateRange } from "@/features/trainings/components/date-range";
import type { TrainingDetail } from "@/lib/api/types";
import { useApplyFlow } from "../apply-flow";
import type { ApplyStep } from "../problem-steps";

type Step = ApplyStep | "complete";

const CRUMB_LABELS: Record<Step, string> = {
  input: "申込 入力",
  checklist: "チェック表",
  confirm: "申込 確認",
  complete: "申込 完了",
};

const STEP_LABELS: Record<Step, string> = {
  input: "入力",
  checklist: "チェック表",
  confirm: "確認",
  complete: "完了",
};

/** Breadcrumbs (一覧 › 詳細 › 申込 入力 › …), the steps, the h1 and the training. */
export function ApplyHeader({ step, title }: { step: Step; title: string }) {
  const { training, steps, pathOf } = useApplyFlow();
  const all: Step[] = [...steps, "complete"];
  const current = all.indexOf(step);
  const crumbs: Crumb[] = [
    { label: "一覧", to: "/" },
    { label: "詳細", to: `/trainings/${training.id}` },
    // After sending, the earlier steps cannot be revisited.
    ...all.slice(0, current + 1).map((s) => ({ label: CRUMB_LABELS[s], to: step === "complete" ? undefined : pathOf(s) })),
  ];
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <ol className="steps" aria-label="申込の手順">
        {all.map((s, i) => (
          <li
            key={s}
            className={i < current ? "step-done" : i === current ? "step-current" : undefined}
            aria-current={i === current ? "step" : undefined}
          >
            <span className="step-number" aria-hidden="true">
              {i < current ? "✓" : i + 1}
            </span>
            {STEP_LABELS[s]}
            {i < current && <span className="visually-hidden">（済）</span>}
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
