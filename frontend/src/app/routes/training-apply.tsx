import { Link, useParams } from "react-router";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeading } from "@/components/ui/page-heading";
import { useTraining } from "@/features/trainings/api/get-training";
import { DateRange } from "@/features/trainings/components/date-range";

/** `/trainings/:id/apply` — the application form comes in a later task. */
export function TrainingApplyPage() {
  const id = Number(useParams().id);
  const query = useTraining(id);
  return (
    <>
      <Breadcrumbs items={[{ label: "一覧", to: "/" }, { label: "詳細", to: `/trainings/${id}` }, { label: "申込 入力" }]} />
      <PageHeading>申込 入力</PageHeading>
      {query.data && (
        <div className="card">
          <p className="training-card-title">{query.data.title}</p>
          <p>{query.data.venue}</p>
          <p>
            <DateRange start={query.data.starts_at} end={query.data.ends_at} />
          </p>
        </div>
      )}
      <p>申込受付の画面は準備中です。</p>
      <div className="actions">
        <Link className="button button-secondary" to={`/trainings/${id}`}>
          ‹ 戻る
        </Link>
      </div>
    </>
  );
}
