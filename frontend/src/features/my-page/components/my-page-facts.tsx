import { ApplicationStatusBadge } from "@/components/training/application-status-badge";
import { DateRange } from "@/components/training/date-range";
import { FactRow, FactsTable } from "@/components/ui/facts";
import type { MyPage } from "@/lib/api/types";
import { FORMAT_LABELS, MEMBER_LABELS, yesNo } from "@/lib/format/labels";
import { formatWarekiDateTime } from "@/lib/format/wareki";
import "./my-page.css";

/** The training and the application behind a My Page key. */
export function MyPageFacts({ page, full = true }: { page: MyPage; full?: boolean }) {
  const { training, applicant } = page;
  return (
    <FactsTable caption="研修と申込の内容" wide>
      {!full && <FactRow label="研修名">{training.title}</FactRow>}
      <FactRow label="日時">
        <DateRange start={training.starts_at} end={training.ends_at} />
      </FactRow>
      <FactRow label="会場">{training.venue}</FactRow>
      {full && <FactRow label="開催形式">{FORMAT_LABELS[training.format]}</FactRow>}
      {full && <FactRow label="主催">{training.organiser}</FactRow>}
      {full && <FactRow label="受講証明書の発行">{yesNo(training.issues_certificate)}</FactRow>}
      <FactRow label="氏名">{applicant.full_name} 様</FactRow>
      {applicant.job_title && <FactRow label="資格・職名">{applicant.job_title}</FactRow>}
      <FactRow label="勤務先">{applicant.workplace}</FactRow>
      {full && <FactRow label="会員/非会員">{MEMBER_LABELS[applicant.member]}</FactRow>}
      <FactRow label="申込状況">
        <ApplicationStatusBadge status={page.status} position={page.waitlist_position} />
      </FactRow>
      <FactRow label="申込日時">{formatWarekiDateTime(page.applied_at)}</FactRow>
      {page.cancelled_at && <FactRow label="キャンセル日時">{formatWarekiDateTime(page.cancelled_at)}</FactRow>}
    </FactsTable>
  );
}
