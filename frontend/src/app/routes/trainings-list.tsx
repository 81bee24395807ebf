import { useSearchParams } from "react-router";
import { MailNotice } from "@/components/training/mail-notice";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { pageFromSearch, Pagination } from "@/components/ui/pagination";
import { TRAININGS_PER_PAGE, useTrainings } from "@/features/trainings/api/get-trainings";
import { TrainingCard } from "@/features/trainings/components/training-card";
import { errorMessage } from "@/lib/api/problem";

/** `/` 研修一覧 */
export function TrainingsListPage() {
  const [params] = useSearchParams();
  const page = pageFromSearch(params);
  const query = useTrainings(page);

  return (
    <>
      <PageHeading title="研修一覧">研修一覧</PageHeading>
      <p className="lead">受講する研修を選び、【詳細】から内容をご確認ください。</p>
      <MailNotice />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert>{errorMessage(query.error)}</Alert>
      ) : query.data.items.length === 0 ? (
        <p className="empty">現在、申込を受け付けている研修はありません。</p>
      ) : (
        <>
          <ul className="card-list" aria-label="研修">
            {query.data.items.map((training) => (
              <li key={training.id}>
                <TrainingCard training={training} />
              </li>
            ))}
          </ul>
          <Pagination
            page={query.data.page}
            perPage={query.data.per_page || TRAININGS_PER_PAGE}
            total={query.data.total}
            hrefFor={(p) => (p === 1 ? "/" : `/?page=${p}`)}
          />
        </>
      )}
    </>
  );
}
