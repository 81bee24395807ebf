import { PageHeading } from "@/components/ui/page-heading";

/** Shown when a page throws while rendering. A full reload clears the broken state. */
export function RouteError() {
  return (
    <main id="main" className="container main">
      <PageHeading>エラーが発生しました</PageHeading>
      <p>お手数ですが、ページを読み込み直してください。</p>
      <a className="button button-secondary" href="/">
        研修一覧へ
      </a>
    </main>
  );
}
