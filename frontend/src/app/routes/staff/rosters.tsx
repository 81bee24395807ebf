import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeading } from "@/components/ui/page-heading";
import { fiscalYearOf } from "@/features/rosters/columns";
import { FiscalYearExport } from "@/features/rosters/components/fiscal-year-export";
import { canRunTrainings, useRole } from "@/lib/auth/roles";

/** `/staff/rosters` 年度ごとの名簿: every training of a fiscal year, for the prefecture and the office. */
export function StaffRostersPage() {
  const role = useRole();
  return (
    <>
      {canRunTrainings(role) && <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "名簿" }]} />}
      <PageHeading title="年度ごとの名簿">年度ごとの名簿</PageHeading>
      <p>年度内のすべての研修の名簿を、1つのファイルにまとめて出力します。各行に研修名と開催日が入ります。</p>
      <FiscalYearExport initialYear={fiscalYearOf(new Date())} />
    </>
  );
}
