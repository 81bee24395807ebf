import { Link } from "react-router";
import { PageHeading } from "@/components/ui/page-heading";

/** An unknown or mistyped My Page key. */
export function MyPageNotFound() {
  return (
    <>
      <PageHeading>マイページが見つかりません</PageHeading>
      <p>URLが正しくない可能性があります。</p>
      <p>
        お申し込み時にお送りしたメール（研修申込完了メール）に記載された「マイページURL」を、もう一度開いてください。URLが途中で改行されている場合は、全体をコピーしてブラウザに貼り付けてください。
      </p>
      <Link className="button button-secondary" to="/">
        ‹ 研修一覧へ
      </Link>
    </>
  );
}
