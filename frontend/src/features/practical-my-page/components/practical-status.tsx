import type { PracticalMyPage } from "@/lib/api/types";

/** The status as the applicant may know it, with what goes with it. */
export function PracticalStatus({ page }: { page: PracticalMyPage }) {
  return (
    <section className="section practical-status" aria-labelledby="pm-status">
      <h2 id="pm-status">申込状況</h2>
      <p className="practical-status-label">
        <strong>{page.status_label}</strong>
        {page.status === "waitlisted" && page.waitlist_position != null && `（補欠順位 第${page.waitlist_position}位）`}
      </p>
      {page.status === "received" && <p>申込を受け付けました。選考の結果は「受講可否通知」でお知らせします。</p>}
      {page.status === "in_selection" && <p>選考中です。結果は「受講可否通知」でお知らせします。</p>}
      {(page.status === "accepted" || page.status === "completed") && page.schedule && <p>演習日程：{page.schedule}</p>}
      {page.status === "waitlisted" && (
        <p>キャンセルが出た場合は、補欠順位に従い事務局から改めてご連絡します。</p>
      )}
      {page.reasons.length > 0 && (
        <div>
          <p>理由：{page.reasons[0]}</p>
          {page.reasons.length > 1 && (
            <ul>
              {page.reasons.slice(1).map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {page.status === "cancelled" && <p>この申込はキャンセル済みです。</p>}
    </section>
  );
}
