import { useEffect, useRef } from "react";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { MyPageNotFound } from "@/features/my-page/components/my-page-not-found";
import { useCancelPracticalApplication } from "@/features/practical-my-page/api/cancel-practical-application";
import { usePracticalMyPage } from "@/features/practical-my-page/api/get-practical-my-page";
import { ApiError, errorMessage } from "@/lib/api/problem";

/**
 * `/me/practical/:key/cancel` 実践研修の申込のキャンセル. Opening it changes nothing: only the
 * button sends the POST.
 */
export function PracticalCancelPage() {
  const key = useParams().key ?? "";
  const query = usePracticalMyPage(key);
  const cancel = useCancelPracticalApplication(key);
  const resultRef = useRef<HTMLDivElement>(null);
  const myPage = `/me/practical/${encodeURIComponent(key)}`;

  const alreadyCancelled = cancel.error instanceof ApiError && cancel.error.problem.code === "already_cancelled";
  useEffect(() => {
    if (cancel.isSuccess || cancel.isError) requestAnimationFrame(() => resultRef.current?.focus());
  }, [cancel.isSuccess, cancel.isError]);

  if (query.error instanceof ApiError && query.error.status === 404) return <MyPageNotFound />;
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;

  const page = query.data;
  const cancelled = page.status === "cancelled";
  return (
    <>
      <Breadcrumbs items={[{ label: "マイページ", to: myPage }, { label: "キャンセル" }]} />
      <PageHeading title={`申込のキャンセル（${page.training.title}）`}>申込のキャンセル</PageHeading>

      <div ref={resultRef} tabIndex={-1} className="error-summary-anchor">
        {cancel.isSuccess ? (
          <Alert tone="success">
            <p className="alert-title">キャンセルしました</p>
            <p>この研修の申込をキャンセルしました。</p>
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
        <p className="cancel-question">
          受付番号 {page.receipt_number}（{page.status_label}）の申込をキャンセルしますか？キャンセルすると元に戻せません。
        </p>
      )}
      {!cancelled && !page.can_cancel && (
        <p className="closed-note" role="note">
          この申込は現在キャンセルできません。お手数ですが、事務局までお問い合わせください。
        </p>
      )}

      <div className="actions actions-stack">
        {!cancelled && page.can_cancel && (
          <button
            type="button"
            className="button button-danger"
            disabled={cancel.isPending}
            onClick={() => {
              if (cancel.isPending) return;
              cancel.mutate(undefined, {
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
    </>
  );
}
