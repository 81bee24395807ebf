import { Link } from "react-router";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeading } from "@/components/ui/page-heading";

/** The page for a training that is not public or does not exist. */
export function TrainingNotFound({ crumbs }: { crumbs: { label: string; to?: string }[] }) {
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading>研修が見つかりません</PageHeading>
      <p>お探しの研修は公開されていないか、削除されました。</p>
      <Link className="button button-secondary" to="/">
        ‹ 研修一覧へ戻る
      </Link>
    </>
  );
}
