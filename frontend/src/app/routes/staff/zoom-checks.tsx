import { Link, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { useZoomChecks } from "@/features/staff-zoom/api/get-zoom-checks";
import { ZoomGrid } from "@/features/staff-zoom/components/zoom-grid";
import { errorMessage } from "@/lib/api/problem";

/** `/staff/trainings/:id/zoom-checks` Zoom受講確認 (seed 000 6(5)). */
export function StaffZoomChecksPage() {
  const id = Number(useParams().id);
  const query = useZoomChecks(id);
  const data = query.data;
  return (
    <>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "Zoom受講確認" }]} />
      <PageHeading title={data ? `Zoom受講確認（${data.title}）` : "Zoom受講確認"}>Zoom受講確認</PageHeading>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert>{errorMessage(query.error)}</Alert>
      ) : (
        <>
          <p>
            {data!.title}（<Link to={`/staff/trainings/${id}/survey`}>アンケート</Link>）
          </p>
          <p className="field-hint">
            受講証明書は、①〜④を確認して承認し、開始番号・終了番号（⑤）がそろった方に発行されます。承認するまで、マイページには「確認中」と表示されます。
          </p>
          <ZoomGrid trainingId={id} list={data!} />
        </>
      )}
    </>
  );
}
