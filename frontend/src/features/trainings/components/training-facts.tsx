import { DateRange, DateTimeWindow } from "@/components/training/date-range";
import { FactRow, FactsTable } from "@/components/ui/facts";
import type { TrainingDetail } from "@/lib/api/types";
import { FORMAT_LABELS, yesNo } from "@/lib/format/labels";
import { formatFee } from "@/lib/format/yen";

/** The detail table of a training, in the order of the seed's detail screen. */
export function TrainingFacts({ training }: { training: TrainingDetail }) {
  return (
    <FactsTable caption="研修の内容">
      <FactRow label="目的">{training.purpose}</FactRow>
      <FactRow label="主催">{training.organiser}</FactRow>
      <FactRow label="日時">
        <DateRange start={training.starts_at} end={training.ends_at} />
      </FactRow>
      <FactRow label="会場">{training.venue}</FactRow>
      <FactRow label="テーマ">{training.theme}</FactRow>
      <FactRow label="講師">{training.lecturer}</FactRow>
      <FactRow label="対象者">{training.target_audience}</FactRow>
      <FactRow label="参加費">{formatFee(training.fee_yen)}</FactRow>
      <FactRow label="定員">
        {training.capacity}名（
        {training.practical_counts &&
          `申込${training.practical_counts.applications}名・受講決定${training.practical_counts.accepted}名・`}
        残り{Math.max(0, training.seats_left)}席）
        {training.waiting_list && <span className="note">満員の場合はキャンセル待ちを受け付けます。</span>}
      </FactRow>
      <FactRow label="開催形式">{FORMAT_LABELS[training.format]}</FactRow>
      <FactRow label="受付期間">
        <DateTimeWindow start={training.application_opens_at} end={training.application_closes_at} />
      </FactRow>
      {training.form_kind === "practical" ? (
        <FactRow label="修了証書">研修を修了した方に修了証書を発行します</FactRow>
      ) : (
        <FactRow label="受講証明書の発行">{yesNo(training.issues_certificate)}</FactRow>
      )}
      {training.contact && (
        <FactRow label="お問い合わせ先">
          <span className="pre-line">{training.contact}</span>
        </FactRow>
      )}
      {training.checklist_required && (
        <FactRow label="チェック表">主任介護支援専門員 資質・能力チェック表（申込時に全34問の回答が必要です）</FactRow>
      )}
      {training.exercise_schedules.length > 0 && (
        <FactRow label="演習日程">
          <ul className="plain-list">
            {training.exercise_schedules.map((s) => (
              <li key={s.id}>
                <span className="schedule-label">{s.label}</span>
                <br />
                <DateRange start={s.starts_at} end={s.ends_at} />（定員{s.capacity}名
                {scheduleCounts(training, s.id)}）
              </li>
            ))}
          </ul>
        </FactRow>
      )}
    </FactsTable>
  );
}

/** 申込・受講決定・残り of one exercise schedule of a practical training. */
function scheduleCounts(training: TrainingDetail, id: number): string {
  const c = training.practical_counts?.schedules.find((x) => x.schedule_id === id);
  return c ? `・申込${c.applications}名・受講決定${c.accepted}名・残り${c.seats_left}席` : "";
}
