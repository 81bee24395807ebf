import type { ReactNode } from "react";
import { DateRange, DateTimeWindow } from "@/components/training/date-range";
import type { TrainingDetail } from "@/lib/api/types";
import { FORMAT_LABELS, yesNo } from "@/lib/format/labels";
import { formatFee } from "@/lib/format/yen";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

/** The detail table of a training, in the order of the seed's detail screen. */
export function TrainingFacts({ training }: { training: TrainingDetail }) {
  return (
    <table className="facts-table">
      <caption className="visually-hidden">研修の内容</caption>
      <tbody>
        <Row label="目的">{training.purpose}</Row>
        <Row label="主催">{training.organiser}</Row>
        <Row label="日時">
          <DateRange start={training.starts_at} end={training.ends_at} />
        </Row>
        <Row label="会場">{training.venue}</Row>
        <Row label="テーマ">{training.theme}</Row>
        <Row label="講師">{training.lecturer}</Row>
        <Row label="対象者">{training.target_audience}</Row>
        <Row label="参加費">{formatFee(training.fee_yen)}</Row>
        <Row label="定員">
          {training.capacity}名（残り{Math.max(0, training.seats_left)}席）
          {training.waiting_list && <span className="note">満員の場合はキャンセル待ちを受け付けます。</span>}
        </Row>
        <Row label="開催形式">{FORMAT_LABELS[training.format]}</Row>
        <Row label="受付期間">
          <DateTimeWindow start={training.application_opens_at} end={training.application_closes_at} />
        </Row>
        <Row label="受講証明書の発行">{yesNo(training.issues_certificate)}</Row>
        {training.contact && (
          <Row label="お問い合わせ先">
            <span className="pre-line">{training.contact}</span>
          </Row>
        )}
        {training.checklist_required && (
          <Row label="チェック表">主任介護支援専門員 資質・能力チェック表（申込時に全34問の回答が必要です）</Row>
        )}
        {training.exercise_schedules.length > 0 && (
          <Row label="演習日程">
            <ul className="plain-list">
              {training.exercise_schedules.map((s) => (
                <li key={s.id}>
                  <span className="schedule-label">{s.label}</span>
                  <br />
                  <DateRange start={s.starts_at} end={s.ends_at} />（定員{s.capacity}名）
                </li>
              ))}
            </ul>
          </Row>
        )}
      </tbody>
    </table>
  );
}
