import { Link, useParams } from "react-router";
import { TrainingBox } from "@/components/apply/flow-header";
import { ApplicationStatusBadge } from "@/components/training/application-status-badge";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { useMyPage } from "@/features/my-page/api/get-my-page";
import { DayPanel } from "@/features/my-page/components/day-panel";
import { Materials } from "@/features/my-page/components/materials";
import { MyPageFacts } from "@/features/my-page/components/my-page-facts";
import { MyPageNotFound } from "@/features/my-page/components/my-page-not-found";
import { ZoomBlock } from "@/features/my-page/components/zoom-block";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { formatWarekiDateTime } from "@/lib/format/wareki";

/** `/me/:key` マイページ (the link in the acknowledgement mail). */
export function MyPagePage() {
  const key = useParams().key ?? "";
  const query = useMyPage(key);

  if (query.error instanceof ApiError && query.error.status === 404) return <MyPageNotFound />;
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;

  const page = query.data;
  const { training, applicant } = page;
  const confirmed = page.status === "confirmed";
  return (
    <>
      <p className="eyebrow">マイページ</p>
      <PageHeading title={`マイページ（${training.title}）`}>{training.title}</PageHeading>
      <p className="welcome">{applicant.full_name} 様 ようこそ！</p>
      <p>
        申込状況：
        <ApplicationStatusBadge status={page.status} position={page.waitlist_position} />
      </p>

      {page.status === "waitlisted" && (
        <Alert tone="info">
          <p className="alert-title">
            キャンセル待ち{page.waitlist_position != null && `（${page.waitlist_position}番目）`}です
          </p>
          <p>まだ受講は確定していません。キャンセルが出た場合は、順番に繰り上げてメールでお知らせします。</p>
        </Alert>
      )}
      {page.status === "cancelled" && (
        <div className="alert alert-cancelled" role="status">
          <p className="alert-title">この申込はキャンセル済みです</p>
          {page.cancelled_at && <p>{formatWarekiDateTime(page.cancelled_at)}にキャンセルしました。</p>}
          <p>
            再度受講を希望される場合は、<Link to={`/trainings/${training.id}`}>研修の詳細</Link>からお申し込みください。
          </p>
        </div>
      )}

      <TrainingBox training={training} showTitle={false} />

      {confirmed && <DayPanel myKey={key} day={page.day} />}
      {confirmed && training.zoom && <ZoomBlock zoom={training.zoom} />}
      {page.status !== "cancelled" && <Materials files={training.files} />}

      <section className="section" aria-labelledby="details-heading">
        <h2 id="details-heading">研修とお申し込みの内容</h2>
        <MyPageFacts page={page} />
      </section>

      {page.can_cancel && (
        <section className="section" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">キャンセルの取り扱い</h2>
          <p>
            研修のキャンセルを行う場合は、下のボタンから手続きしてください。申込内容を変更する場合は、一旦キャンセルを行った後で再度お申し込みください。
          </p>
          <Link className="button button-danger-outline" to={`/me/${encodeURIComponent(key)}/cancel`}>
            申込をキャンセルする
          </Link>
        </section>
      )}
    </>
  );
}
