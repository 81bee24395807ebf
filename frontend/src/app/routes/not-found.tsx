import { Link } from "react-router";
import { PageHeading } from "@/components/ui/page-heading";

export function NotFoundPage() {
  return (
    <>
      <PageHeading>ページが見つかりません</PageHeading>
      <p>お探しのページは移動または削除された可能性があります。</p>
      <Link className="button button-secondary" to="/">
        ‹ 研修一覧へ
      </Link>
    </>
  );
}
