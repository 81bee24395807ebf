import { useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Fact, FactList } from "@/components/ui/facts";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { usePracticalReference } from "@/features/practical/api/get-practical-reference";
import { EligibilityResult } from "@/features/practical/components/eligibility-result";
import { PracticalSummary } from "@/features/practical/components/practical-summary";
import { VerdictSummary } from "@/features/practical/components/verdict-summary";
import { usePracticalApplication } from "@/features/staff-practical/api/get-practical-application";
import { usePracticalSelection } from "@/features/staff-practical/api/get-practical-selection";
import { CancelForm, Documents, ProgressActions } from "@/features/staff-practical/components/application-actions";
import { DecisionForm } from "@/features/staff-practical/components/decision-form";
import { EventHistory } from "@/features/staff-practical/components/event-history";
import { OutcomeCompare } from "@/features/staff-practical/components/outcome-compare";
import { StateBadge } from "@/features/staff-practical/components/selection-card";
import { decisionText } from "@/features/staff-practical/labels";
import { errorMessage } from "@/lib/api/problem";
import type { PracticalDetail, ScheduleLoad } from "@/lib/api/types";
import { canRunTrainings, useRole } from "@/lib/auth/roles";
import { OUTCOME_LABELS } from "@/lib/format/practical-labels";
import { formatWarekiDateTime } from "@/lib/format/wareki";

const DECIDABLE = new Set(["submitted", "under_review", "decided", "notified"]);

/** `/staff/trainings/:id/practical/:applicationId` 申込の詳細: verdicts, decision, history, the form. */
export function StaffPracticalApplicationPage() {
  const params = useParams();
  const trainingId = Number(params.id);
  const id = Number(params.applicationId);
  const query = usePracticalApplication(id);
  const selection = usePracticalSelection(trainingId);
  const schedules = selection.data?.schedules ?? [];
  const crumbs = [
    { label: "研修の管理", to: "/staff/trainings" },
    { label: "選考・受講決定", to: `/staff/trainings/${trainingId}/practical` },
    { label: "申込の詳細" },
  ];

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={query.data ? `申込の詳細（${query.data.full_name}）` : "申込の詳細"}>申込の詳細</PageHeading>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <Alert>{errorMessage(query.error)}</Alert>
      ) : (
        <Detail detail={query.data} schedules={schedules} trainingId={trainingId} />
      )}
    </>
  );
}

function Detail({ detail, schedules, trainingId }: { detail: PracticalDetail; schedules: ScheduleLoad[]; trainingId: number }) {
  // The prefecture reads only: no decisions, attendance or cancelling.
  const canEdit = canRunTrainings(useRole());
  const decidable = DECIDABLE.has(detail.status);
  const certificateFax = usePracticalReference().data?.certificate_fax;
  return (
    <>
      <div className="card applicant-card">
        <div className="selection-card-head">
          <span className="rank">{detail.proposal.rank != null ? `提案順位 ${detail.proposal.rank}位` : "順位なし"}</span>
          <StateBadge row={detail} />
        </div>
        <p className="applicant-name">
          {detail.full_name}
          <span className="furigana">{detail.furigana}</span>
        </p>
        <FactList>
          <Fact label="受付番号">{detail.id}</Fact>
          <Fact label="受付日時">{formatWarekiDateTime(detail.submitted_at)}</Fact>
          <Fact label="決定">{decisionText(detail.decision, detail.schedule_id, schedules)}</Fact>
          {detail.notified_at && <Fact label="通知">{formatWarekiDateTime(detail.notified_at)}</Fact>}
        </FactList>
      </div>

      <section className="section" aria-labelledby="detail-verdict">
        <h2 id="detail-verdict">受講要件の判定</h2>
        <p>
          <OutcomeCompare submitted={detail.submitted_outcome} current={detail.current_outcome} />
        </p>
        <h3 className="result-subtitle">現在の判定</h3>
        <VerdictSummary verdict={detail.current_verdict} detailsLabel="現在の判定の詳細" />
        <details className="disclosure submitted-verdict">
          <summary>申込時の判定（{OUTCOME_LABELS[detail.submitted_outcome].label}）</summary>
          <div className="disclosure-body">
            <EligibilityResult verdict={detail.submitted_verdict} />
          </div>
        </details>
      </section>

      <section className="section" aria-labelledby="detail-decision">
        <h2 id="detail-decision">受講可否の決定</h2>
        {!canEdit ? (
          <p>{detail.state_label}</p>
        ) : decidable ? (
          <DecisionForm detail={detail} schedules={schedules} />
        ) : (
          <p>この申込は「{detail.state_label}」のため、受講可否は変更できません。</p>
        )}
      </section>

      <section className="section" aria-labelledby="detail-progress">
        <h2 id="detail-progress">出席・修了</h2>
        {canEdit ? <ProgressActions detail={detail} /> : <p>{detail.state_label}</p>}
      </section>

      <section className="section" aria-labelledby="detail-documents">
        <h2 id="detail-documents">書類</h2>
        <Documents detail={detail} certificateFax={certificateFax} />
      </section>

      <section className="section" aria-labelledby="detail-history">
        <h2 id="detail-history">履歴</h2>
        <EventHistory events={detail.events} schedules={schedules} />
      </section>

      <section className="section" aria-labelledby="detail-form">
        <h2 id="detail-form">申込内容</h2>
        <PracticalSummary
          form={detail.form}
          schedules={schedules}
          attachmentName={detail.attachment?.filename ?? null}
          certificateFax={certificateFax}
          headingLevel={3}
        />
      </section>

      {canEdit && detail.status !== "cancelled" && detail.status !== "completed" && (
        <section className="section" aria-labelledby="detail-cancel">
          <h2 id="detail-cancel">キャンセル</h2>
          <CancelForm detail={detail} trainingId={trainingId} />
        </section>
      )}
    </>
  );
}
