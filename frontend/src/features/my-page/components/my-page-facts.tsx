import type { ReactNode } from "react";
import { ApplicationStatusBadge } from "@/components/training/application-status-badge";
import { DateRange } from "@/components/training/date-range";
import type { MyPage } from "@/lib/api/types";
import { FORMAT_LABELS, MEMBER_LABELS, yesNo } from "@/lib/format/labels";
import { formatWarekiDateTime } from "@/lib/format/wareki";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

/** The training and the application behind a My Page key. */
export function MyPageFacts({ page, full = true }: { page: MyPage; full?: boolean }) {
  const { training, applicant } = page;
  return (
    <table className="facts-table facts-table-wide">
      <caption className="visually-hidden">研修と申込の内容</caption>
      <tbody>
        {!full && <Row label="研修名">{training.title}</Row>}
        <Row label="日時">
          <DateRange start={training.starts_at} end={training.ends_at} />
        </Row>
        <Row label="会場">{training.venue}</Row>
        {full && <Row label="開催形式">{FORMAT_LABELS[training.format]}</Row>}
        {full && <Row label="主催">{training.organiser}</Row>}
        {full && <Row label="受講証明書の発行">{yesNo(training.issues_certificate)}</Row>}
        <Row label="氏名">{applicant.full_name} 様</Row>
        <Row label="勤務先">{applicant.workplace}</Row>
        {full && <Row label="会員/非会員">{MEMBER_LABELS[applicant.member]}</Row>}
        <Row label="申込状況">
          <ApplicationStatusBadge status={page.status} position={page.waitlist_position} />
        </Row>
        <Row label="申込日時">{formatWarekiDateTime(page.applied_at)}</Row>
        {page.cancelled_at && <Row label="キャンセル日時">{formatWarekiDateTime(page.cancelled_at)}</Row>}
      </tbody>
    </table>
  );
}
