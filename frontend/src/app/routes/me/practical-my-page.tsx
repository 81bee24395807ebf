import { Link, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { FactRow, FactsTable } from "@/components/ui/facts";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import "@/features/my-page/components/my-page.css";
import { MyPageNotFound } from "@/features/my-page/components/my-page-not-found";
import { usePracticalMyPage } from "@/features/practical-my-page/api/get-practical-my-page";
import { PracticalStatus } from "@/features/practical-my-page/components/practical-status";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { formatWarekiDateTime } from "@/lib/format/wareki";

/** `/me/practical/:key` 実践研修のマイページ (the link in the acknowledgement mail). */
export function PracticalMyPagePage() {
  const key = useParams().key ?? "";
  const query = usePracticalMyPage(key);

  if (query.error instanceof ApiError && query.error.status === 404) return <MyPageNotFound />;
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;

  const page = query.data;
  const { training } = page;
  return (
    <>
      <p className="eyebrow">マイページ</p>
      <PageHeading title={`マイページ（${training.title}）`}>{training.title}</PageHeading>
      <p className="welcome">{page.full_name} 様</p>
      <p>
        受付番号：<strong>{page.receipt_number}</strong>（{formatWarekiDateTime(page.submitted_at)} 受付）
      </p>

      <PracticalStatus page={page} />

      {(page.notice_url || page.certificate_url) && (
        <section className="section" aria-labelledby="pm-documents">
          <h2 id="pm-documents">書類</h2>
          <div className="actions actions-stack">
            {page.notice_url && (
              <a className="button button-secondary" href={page.notice_url} download>
                受講可否通知（PDF）をダウンロード
              </a>
            )}
            {page.certificate_url && (
              <a className="button button-secondary" href={page.certificate_url} download>
                修了証書（PDF）をダウンロード
              </a>
            )}
          </div>
        </section>
      )}

      <section className="section" aria-labelledby="pm-training">
        <h2 id="pm-training">研修</h2>
        <FactsTable caption="研修の内容">
          <FactRow label="研修名">{training.title}</FactRow>
          <FactRow label="講義日程">{training.lectures}</FactRow>
          <FactRow label="会場">{training.venue}</FactRow>
          <FactRow label="主催">{training.organiser}</FactRow>
          {training.contact && <FactRow label="お問い合わせ先">{training.contact}</FactRow>}
        </FactsTable>
      </section>

      {page.can_cancel && (
        <section className="section" aria-labelledby="pm-cancel">
          <h2 id="pm-cancel">キャンセルの取り扱い</h2>
          <p>受講を辞退される場合は、下のボタンから手続きしてください。</p>
          <Link className="button button-danger-outline" to={`/me/practical/${encodeURIComponent(key)}/cancel`}>
            申込をキャンセルする
          </Link>
        </section>
      )}
    </>
  );
}
