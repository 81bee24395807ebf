import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { pageFromSearch, Pagination } from "@/components/ui/pagination";
import { OUTBOX_PER_PAGE, useOutbox, type MailStatus } from "@/features/office/api/get-outbox";
import { useResendMail } from "@/features/office/api/resend-mail";
import { errorMessage } from "@/lib/api/problem";
import { canRunTrainings, useRole } from "@/lib/auth/roles";
import { formatWarekiDateTime } from "@/lib/format/wareki";

const STATUS_LABELS: Record<MailStatus, string> = {
  failed: "送信失敗",
  pending: "送信待ち",
  sent: "送信済み",
};

const FILTERS: { status?: MailStatus; label: string }[] = [
  { label: "すべて" },
  { status: "failed", label: "送信失敗" },
  { status: "pending", label: "送信待ち" },
  { status: "sent", label: "送信済み" },
];

function statusFromSearch(params: URLSearchParams): MailStatus | undefined {
  const s = params.get("status");
  return s === "failed" || s === "pending" || s === "sent" ? s : undefined;
}

/**
 * `/staff/outbox` 送信メール: failures first, then mails waiting, then delivered ones. Bodies
 * are never shown (until delivery they hold the applicant's My Page key).
 */
export function StaffOutboxPage() {
  const [params] = useSearchParams();
  const page = pageFromSearch(params);
  const status = statusFromSearch(params);
  const outbox = useOutbox(page, status);
  const resend = useResendMail();
  const canResend = canRunTrainings(useRole());
  const [notice, setNotice] = useState<string | null>(null);
  const hrefFor = (p: number, s = status) => {
    const q = new URLSearchParams();
    if (s) q.set("status", s);
    if (p > 1) q.set("page", String(p));
    const text = q.toString();
    return text ? `/staff/outbox?${text}` : "/staff/outbox";
  };

  return (
    <>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "送信メール" }]} />
      <PageHeading title="送信メール">送信メール</PageHeading>
      <p className="muted">
        送信に失敗したメールを先頭に、送信待ち、送信済みの順に表示します。送信済みのメールのマイページURLを送り直すときは、申込者一覧の「マイページURL再発行」を使ってください。
      </p>
      {notice && <Alert tone="success">{notice}</Alert>}
      {resend.isError && <Alert>{errorMessage(resend.error)}</Alert>}
      <nav className="filter-tabs" aria-label="送信状況で絞り込む">
        <ul>
          {FILTERS.map((f) => (
            <li key={f.label}>
              <Link to={hrefFor(1, f.status)} aria-current={f.status === status ? "page" : undefined}>
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {outbox.isPending ? (
        <Loading />
      ) : outbox.isError ? (
        <Alert>{errorMessage(outbox.error)}</Alert>
      ) : outbox.data.items.length === 0 ? (
        <p className="empty">該当するメールはありません。</p>
      ) : (
        <>
          <p className="muted">全{outbox.data.total}件</p>
          <ul className="card-list" aria-label="送信メール">
            {outbox.data.items.map((m) => (
              <li key={m.id}>
                <article
                  className={`card${m.status === "failed" ? " outbox-item-failed" : ""}`}
                  aria-labelledby={`mail-${m.id}-subject`}
                >
                  <p>
                    <span className={`badge ${m.status === "failed" ? "badge-full" : m.status === "sent" ? "badge-closed" : "badge-upcoming"}`}>
                      {STATUS_LABELS[m.status]}
                    </span>
                  </p>
                  <h2 className="training-card-title" id={`mail-${m.id}-subject`}>
                    {m.subject}
                  </h2>
                  <p className="break-all">宛先：{m.recipient}</p>
                  <p className="muted">
                    作成 {formatWarekiDateTime(m.created_at)}
                    {m.sent_at && `・送信 ${formatWarekiDateTime(m.sent_at)}`}
                    {m.status !== "sent" && `・試行 ${m.attempts}回`}
                  </p>
                  {m.last_error && <p className="field-error">エラー：{m.last_error}</p>}
                  {canResend && m.status !== "sent" && (
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      disabled={resend.isPending}
                      onClick={() =>
                        resend.mutate(m.id, {
                          onSuccess: () => setNotice(`「${m.subject}」（${m.recipient}）を送信待ちに戻しました。`),
                        })
                      }
                    >
                      再送<span className="visually-hidden">（{m.subject}・{m.recipient}）</span>
                    </button>
                  )}
                </article>
              </li>
            ))}
          </ul>
          <Pagination
            page={outbox.data.page}
            perPage={outbox.data.per_page || OUTBOX_PER_PAGE}
            total={outbox.data.total}
            hrefFor={(p) => hrefFor(p)}
          />
        </>
      )}
    </>
  );
}
