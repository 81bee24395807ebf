import { Link, useLocation, useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { pageFromSearch, Pagination } from "@/components/ui/pagination";
import { ADMIN_TRAININGS_PER_PAGE, useAdminTrainings } from "@/features/staff-trainings/api/get-admin-trainings";
import { AdminTrainingCard } from "@/features/staff-trainings/components/admin-training-card";
import { errorMessage } from "@/lib/api/problem";
import { canRunTrainings, useRole } from "@/lib/auth/roles";

/** `/staff/trainings` 研修の管理 */
export function StaffTrainingsPage() {
  const [params] = useSearchParams();
  const page = pageFromSearch(params);
  const query = useAdminTrainings(page);
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const canEdit = canRunTrainings(useRole());
  return (
    <>
      <div className="page-head">
        <PageHeading title="研修の管理">研修の管理</PageHeading>
        {canEdit && (
          <Link className="button button-primary" to="/staff/trainings/new">
            ＋ 新規作成
          </Link>
        )}
      </div>
      {flash && <Alert tone="success">{flash}</Alert>}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert>{errorMessage(query.error)}</Alert>
      ) : query.data.items.length === 0 ? (
        <p className="empty">研修はまだありません。{canEdit && "【新規作成】から登録してください。"}</p>
      ) : (
        <>
          <ul className="card-list" aria-label="研修">
            {query.data.items.map((training) => (
              <li key={training.id}>
                <AdminTrainingCard training={training} />
              </li>
            ))}
          </ul>
          <Pagination
            page={query.data.page}
            perPage={query.data.per_page || ADMIN_TRAININGS_PER_PAGE}
            total={query.data.total}
            hrefFor={(p) => `/staff/trainings?page=${p}`}
          />
        </>
      )}
    </>
  );
}
