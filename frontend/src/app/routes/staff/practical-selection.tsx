import { useState } from "react";
import { useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { usePracticalSelection } from "@/features/staff-practical/api/get-practical-selection";
import { BulkActions } from "@/features/staff-practical/components/bulk-actions";
import { ScheduleLoads } from "@/features/staff-practical/components/schedule-loads";
import { SelectionCard } from "@/features/staff-practical/components/selection-card";
import { SelectionTable } from "@/features/staff-practical/components/selection-table";
import { errorMessage } from "@/lib/api/problem";
import { canRunTrainings, useRole } from "@/lib/auth/roles";
import { formatWarekiCalendarDate } from "@/lib/format/wareki";

/** `/staff/trainings/:id/practical` 選考・受講決定 of a practical training (SPEC §5.4). */
export function StaffPracticalSelectionPage() {
  const role = useRole();
  const id = Number(useParams().id);
  const query = usePracticalSelection(id);
  const data = query.data;
  // The table (search, filters, bulk steps) first on a wide screen; the cards read better on a phone.
  const [view, setView] = useState<"table" | "cards">(() =>
    typeof window !== "undefined" && window.matchMedia?.("(min-width: 900px)").matches ? "table" : "cards",
  );
  const detailTo = (applicationId: number) => `/staff/trainings/${id}/practical/${applicationId}`;

  return (
    <>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "選考・受講決定" }]} />
      <PageHeading title={data ? `選考・受講決定（${data.title}）` : "選考・受講決定"}>選考・受講決定</PageHeading>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert>{errorMessage(query.error)}</Alert>
      ) : (
        <>
          <div className="card apply-training">
            <p className="apply-training-title">{data!.title}</p>
            <p className="apply-training-meta">
              講義開始日 {formatWarekiCalendarDate(data!.lecture_start)}
              <br />
              キャンセル待ち：{data!.waiting_list ? "受け付ける" : "受け付けない"}
            </p>
            <p className="apply-training-meta">
              申込 {data!.counts.applications}名・受講決定 {data!.counts.accepted}名（定員{data!.counts.capacity}名・残り
              {data!.counts.seats_left}席）
            </p>
          </div>

          <section className="section" aria-labelledby="selection-schedules">
            <h2 id="selection-schedules">演習日程</h2>
            <ScheduleLoads schedules={data!.schedules} />
          </section>

          {canRunTrainings(role) && (
          <section className="section" aria-labelledby="selection-bulk">
            <h2 id="selection-bulk">決定と通知</h2>
            <p className="field-hint">
              提案は、配置予定の緊急度（減算中、みなし配置、新設、退職、異動、人材育成、その他）、不足人数、事業所内の優先順位、受付日時の順です。個別に変える場合は、各申込の「詳細・決定」から理由を添えて決定してください。
            </p>
            <BulkActions trainingId={id} rows={data!.applications} />
          </section>
          )}

          <section className="section" aria-labelledby="selection-list">
            <h2 id="selection-list">申込一覧（提案順）</h2>
            {data!.applications.length === 0 ? (
              <p className="empty">申込はまだありません。</p>
            ) : (
              <>
                <div className="view-switch" role="group" aria-label="一覧の表示">
                  <button
                    type="button"
                    className={`button button-small ${view === "table" ? "button-primary" : "button-secondary"}`}
                    aria-pressed={view === "table"}
                    onClick={() => setView("table")}
                  >
                    表で見る（検索・一括操作）
                  </button>
                  <button
                    type="button"
                    className={`button button-small ${view === "cards" ? "button-primary" : "button-secondary"}`}
                    aria-pressed={view === "cards"}
                    onClick={() => setView("cards")}
                  >
                    カードで見る
                  </button>
                </div>
                {view === "table" ? (
                  <SelectionTable
                    trainingId={id}
                    rows={data!.applications}
                    schedules={data!.schedules}
                    detailTo={detailTo}
                  />
                ) : (
                  <>
                    <p className="muted">全{data!.applications.length}件。キャンセル・受講要件を満たさない申込は最後に並びます。</p>
                    <ol className="card-list selection-list" aria-label="申込（提案順）">
                      {data!.applications.map((row) => (
                        <li key={row.id}>
                          <SelectionCard row={row} schedules={data!.schedules} detailTo={detailTo(row.id)} />
                        </li>
                      ))}
                    </ol>
                  </>
                )}
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
