import { useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { useCodes } from "@/features/day-codes/api/get-codes";
import { CodesPanel } from "@/features/day-codes/components/codes-panel";
import { Projection } from "@/features/day-codes/components/projection";
import { errorMessage } from "@/lib/api/problem";

/** `/staff/trainings/:id/codes` 開始番号・終了番号 */
export function StaffTrainingCodesPage() {
  const id = Number(useParams().id);
  const query = useCodes(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;
  const codes = query.data;
  return (
    <>
      <Breadcrumbs items={[{ to: "/staff/trainings", label: "研修の管理" }, { label: "開始番号・終了番号" }]} />
      <PageHeading title={`開始番号・終了番号（${codes.title}）`}>開始番号・終了番号</PageHeading>
      <p>{codes.title}</p>
      <p>
        受講者はマイページで、研修開始前に開始番号、研修終了後に終了番号を入力します。会場に張り出すか、Zoomの画面共有で投影してください。
      </p>
      <CodesPanel key={`${codes.start_code}-${codes.end_code}`} codes={codes} />
    </>
  );
}

/** `/staff/trainings/:id/codes/:kind` one code full-screen. */
export function StaffCodeProjectionPage() {
  const params = useParams();
  const id = Number(params.id);
  const kind = params.kind === "end" ? "end" : "start";
  const query = useCodes(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;
  return (
    <>
      <PageHeading title={`${kind === "start" ? "開始番号" : "終了番号"}の投影`}>
        <span className="visually-hidden">{kind === "start" ? "開始番号" : "終了番号"}の投影</span>
      </PageHeading>
      <Projection codes={query.data} kind={kind} />
    </>
  );
}
