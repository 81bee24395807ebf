import { useEffect, useRef } from "react";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { useCancelApplication } from "@/features/my-page/api/cancel-application";
import { useMyPage } from "@/features/my-page/api/get-my-page";
import { MyPageFacts } from "@/features/my-page/components/my-page-facts";
import { MyPageNotFound } from "@/features/my-page/components/my-page-not-found";
import { ApiError, errorMessage } from "@/lib/api/problem";

/**
 * `/me/:key/cancel` 申込のキャンセル (the cancellation link in the mail). Opening it changes
 * nothing, since mail scanners follow links: only the button sends the POST.
 */
export function CancelApplicationPage() {
  const key = useParams().key ?? "";
  const query = useMyPage(key);
  const cancel = useCancelApplication(key);
  const resultRef = useRef<HTMLDivElement>(null);
  const myPage = `/me/${encodeURIComponent(key)}`;

  const alreadyCancelled = cancel.error instanceof ApiError && cancel.error.problem.code === "already_cancelled";
  useEffect(() => {
    if (cancel.isSuccess || cancel.isError) requestAnimationFrame(() => resultRef.current?.focus());
  }, [cancel.isSuccess, cancel.isError]);

  if (query.error instanceof ApiError && query.error.status === 404) return <MyPageNotFound />;

  const crumbs = [{ label: "マイページ", to: myPage }, { label: "キャンセル" }];
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;

  const page = query.data;
  const cancelled = page.status === "cancelled";
  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={`申込のキャンセル（${page.training.title}）`}>申込のキャンセル</PageHeading>

      <div ref={resultRef} tabIndex={-1} className="error-summary-anchor">
        {cancel.isSuccess ? (
          <Alert tone="success">
            <p className="alert-title">キャンセルしました</p>
            <p>この研修の申込をキャンセルしました。再度受講を希望される場合は、改めてお申し込みください。</p>
          </Alert>
        ) : cancelled || alreadyCancelled ? (
          <div className="alert alert-cancelled" role="status">
            <p className="alert-title">この申込はキャンセル済みです</p>
          </div>
        ) : cancel.isError ? (
          <Alert>{errorMessage(cancel.error)}</Alert>
        ) : null}
      </div>

      {!cancelled && !cancel.isSuccess && page.can_cancel && (
        <p className="cancel-question">この研修の申込をキャンセルしますか？</p>
      )}
      {!cancelled && !page.can_cancel && (
        <p className="closed-note" role="note">
          この申込は現在キャンセルできません。お手数ですが、主催者までお問い合わせください。
        </p>
      )}

      <MyPageFacts page={page} full={false} />

      <div className="actions actions-stack">
        {!cancelled && page.can_cancel && (
          <button
            type="button"
            className="button button-danger"
            disabled={cancel.isPending}
            onClick={() => {
              if (cancel.isPending) return;
              cancel.mutate(undefined, {
                // Cancelled meanwhile (another tab): show the page as it is now.
                onError: (error) => {
                  if (error instanceof ApiError && error.problem.code === "already_cancelled") void query.refetch();
                },
              });
            }}
          >
            {cancel.isPending ? "キャンセル中…" : "申込をキャンセルする"}
          </button>
        )}
        <Link className="button button-secondary" to={myPage}>
          ‹ マイページへ戻る
        </Link>
      </div>
      {(cancelled || cancel.isSuccess) && (
        <p className="muted cancel-after">
          申込内容を変更する場合は、<Link to={`/trainings/${page.training.id}`}>研修の詳細</Link>から再度お申し込みください。
        </p>
      )}
    </>
  );
}
