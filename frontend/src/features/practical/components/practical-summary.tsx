import type { ReactNode } from "react";
import { DateRange } from "@/components/training/date-range";
import { FactRow, FactsTable } from "@/components/ui/facts";
import type { ExerciseSchedule, PracticalForm, PracticalHistoryEntry } from "@/lib/api/types";
import { formatCalendarDate } from "@/lib/format/calendar-date";
import { KIND_LABELS, PLAN_LABELS, SETTING_LABELS, SEX_LABELS } from "@/lib/format/practical-labels";
import { formatEraYear } from "@/lib/format/wareki";
import { ACTIVITIES, TARGET_LABELS, TRAINING_NAME_LABELS } from "../eligibility-values";
import "./practical.css";

const EMPTY = <span className="muted">（未記入）</span>;

/** A row that shows （未記入） for an entry left empty. */
const Row = ({ label, children }: { label: string; children?: ReactNode }) => (
  <FactRow label={label} placeholder={EMPTY}>
    {children}
  </FactRow>
);

function Block({ title, level, children }: { title: string; level: 2 | 3; children: ReactNode }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <div className="summary-block">
      <Heading className="summary-title">{title}</Heading>
      <FactsTable caption={title} wide>
        {children}
      </FactsTable>
    </div>
  );
}

/** `1985年4月1日（昭和60年）` */
function birthDate(value: string | null | undefined): string {
  if (!value) return "";
  const [y, m, d] = value.split("-").map(Number);
  return `${formatCalendarDate(value)}（${formatEraYear(y, m, d)}）`;
}

function Completion({ entry }: { entry: PracticalHistoryEntry | null | undefined }) {
  if (!entry) return <>なし</>;
  return (
    <>
      {entry.category ? `${entry.category}　${TRAINING_NAME_LABELS[entry.category]}` : "（区分未選択）"}
      <br />
      修了年月日：<span className="nowrap">{entry.completed_on ? formatCalendarDate(entry.completed_on) : "（未記入）"}</span>
      <br />
      証書番号：{entry.certificate_number || "（未記入）"}
    </>
  );
}

const yes = (value: boolean | undefined, label = "はい") => (value ? label : "");

/**
 * The whole form, read-only, in the seed's order: the confirm step before sending, and the
 * staff's view of an application.
 */
export function PracticalSummary({
  form,
  schedules,
  attachmentName,
  certificateFax,
  headingLevel = 2,
}: {
  form: PracticalForm;
  schedules: Pick<ExerciseSchedule, "id" | "label" | "starts_at" | "ends_at">[];
  /** The file sent (or to be sent) with the form. */
  attachmentName?: string | null;
  /** Where copies of certificates are faxed (the API's reference), once known. */
  certificateFax?: string;
  headingLevel?: 2 | 3;
}) {
  const schedule = schedules.find((s) => s.id === form.preferred_schedule_id);
  const { applicant: a, affiliation: f, notification: n, placement: p, history: h, ojt, placement_need: need } = form;
  const accommodations = form.accommodations;
  const needs = [
    yes(accommodations?.wheelchair, "車イス使用"),
    yes(accommodations?.sign_language, "手話通訳必要"),
    yes(accommodations?.large_print, "拡大文字資料必要"),
    accommodations?.other ? `その他：${accommodations.other}` : "",
  ].filter(Boolean);
  const activities = ACTIVITIES.filter((x) => ojt[x.name]).map((x) => x.label);
  const ojtAsked = form.target === "a" || form.target === "i";
  const level = headingLevel;

  return (
    <div className="practical-summary">
      <Block title="研修種別・演習日程" level={level}>
        <Row label="研修種別">{form.kind ? KIND_LABELS[form.kind].label : ""}</Row>
        <Row label="演習日程の希望">
          {form.any_schedule ? (
            "どちらでもよい"
          ) : schedule ? (
            <>
              {schedule.label}
              <br />
              <DateRange start={schedule.starts_at} end={schedule.ends_at} />
            </>
          ) : (
            ""
          )}
        </Row>
        {!form.any_schedule && <Row label="演習日程の希望理由">{form.schedule_reason}</Row>}
      </Block>

      <Block title="受講者情報" level={level}>
        <Row label="ふりがな">{a.furigana}</Row>
        <Row label="氏名">
          <span className="name-value">{a.full_name}</span>
        </Row>
        <Row label="現職名">{a.job_title}</Row>
        <Row label="生年月日">{birthDate(a.birth_date)}</Row>
        <Row label="性別">{a.sex ? SEX_LABELS[a.sex] : ""}</Row>
      </Block>

      <Block title="所属情報" level={level}>
        {f.via_other_corporation && <Row label="推薦">現所属と異なる法人からの推薦で申し込む</Row>}
        <Row label="法人名">{f.corporation}</Row>
        <Row label="事業所名">{f.office}</Row>
        <Row label="郵便番号">{f.postal_code}</Row>
        <Row label="住所">{f.address}</Row>
        <Row label="電話番号">{f.phone}</Row>
        <Row label="FAX番号">{f.fax}</Row>
        <Row label="メールアドレス">
          <span className="email-value">{f.email}</span>
        </Row>
      </Block>

      <Block title="受講可否通知の宛先" level={level}>
        {n ? (
          <>
            <Row label="郵便番号">{n.postal_code}</Row>
            <Row label="住所">{n.address}</Row>
            <Row label="宛て名">{n.addressee}</Row>
            <Row label="電話番号">{n.phone}</Row>
          </>
        ) : (
          <Row label="宛先">所属情報と同じ</Row>
        )}
      </Block>

      <Block title="配置する事業所" level={level}>
        <Row label="設置状況">{p.setting ? SETTING_LABELS[p.setting] : ""}</Row>
        <Row label="法人名">{p.corporation}</Row>
        <Row label="事業所">{p.office}</Row>
        <Row label="事業所番号">{p.office_number}</Row>
        <Row label="住所">{p.address}</Row>
        <Row label="障害福祉サービス種別等">{(p.services ?? []).join("、")}</Row>
      </Block>

      <Block title="受講対象・研修の受講（修了歴）" level={level}>
        <Row label="受講対象">
          {form.target ? `対象${TARGET_LABELS[form.target].mark} ${TARGET_LABELS[form.target].label}` : ""}
        </Row>
        <Row label="①相談支援">
          <Completion entry={h.consultation} />
        </Row>
        <Row label="②サビ管・児発管（基礎・旧分野別）">
          <Completion entry={h.basic} />
        </Row>
        <Row label="③サビ管・児発管（実践）">
          <Completion entry={h.practical} />
        </Row>
        <Row label="④サビ管・児発管（更新）">
          <Completion entry={h.renewal} />
        </Row>
        {form.target === "u" && <Row label="更新研修の経過措置の対象者">{h.transitional ? "該当する" : "該当しない"}</Row>}
        <Row label="当法人以外で修了した研修">
          {h.completed_elsewhere
            ? h.send_by_fax
              ? `あり（修了証書の写しをFAXで送信${certificateFax ? `：${certificateFax}` : ""}）`
              : `あり（添付ファイル：${attachmentName ?? "なし"}）`
            : "なし"}
        </Row>
      </Block>

      <Block title="OJT期間" level={level}>
        {!ojtAsked ? (
          <Row label="OJT期間">{form.target === "u" ? "受講対象ウのため入力なし" : ""}</Row>
        ) : (
          <>
            {form.target === "i" && (
              <Row label="OJT6ヶ月要件">{ojt.six_month_requirements ? "①〜③すべて満たす" : "チェックなし"}</Row>
            )}
            <Row label="OJT期間">
              {ojt.start && ojt.end ? (
                <>
                  <span className="nowrap">{formatCalendarDate(ojt.start)}〜</span>
                  <span className="nowrap">{formatCalendarDate(ojt.end)}</span>
                </>
              ) : (
                ""
              )}
            </Row>
            <Row label="休職期間">
              {(ojt.leave_periods ?? []).length === 0 ? (
                "なし"
              ) : (
                <ul className="plain-list">
                  {ojt.leave_periods!.map((l) => (
                    <li key={l.start}>
                      <span className="nowrap">{formatCalendarDate(l.start)}〜</span>
                      <span className="nowrap">{formatCalendarDate(l.end)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Row>
            <Row label="トータルのOJT期間">
              {ojt.total_years != null && ojt.total_months != null ? `${ojt.total_years}年${ojt.total_months}ヶ月` : ""}
            </Row>
            <Row label="トータルの勤務日数">{ojt.working_days != null ? `${ojt.working_days}日` : ""}</Row>
            <Row label="従事した事業内容">{activities.join("、")}</Row>
          </>
        )}
        <Row label="OJT期間に関する備考">
          {ojt.remarks ? <span className="pre-line">{ojt.remarks}</span> : ""}
        </Row>
      </Block>

      <Block title="受講に対する必要な配慮" level={level}>
        <Row label="必要な配慮">{needs.length > 0 ? needs.join("、") : "なし"}</Row>
      </Block>

      <Block title="配置が必要な事業所の状況" level={level}>
        <Row label="配置の必要数と修了数">
          {need.required_count != null && need.completed_count != null
            ? `必要数 ${need.required_count}名／修了数 ${need.completed_count}名`
            : ""}
        </Row>
        <Row label="配置予定">
          {need.plan_category
            ? `${PLAN_LABELS[need.plan_category].label}${need.plan_category === "other" && need.plan_detail ? `（${need.plan_detail}）` : ""}`
            : ""}
        </Row>
        <Row label="配置が必要な具体的理由">
          {need.reason ? <span className="pre-line">{need.reason}</span> : ""}
        </Row>
        <Row label="事業所内の優先順位">{need.office_priority != null ? `${need.office_priority}番目` : ""}</Row>
        <Row label="キャンセル待ちの希望">{need.wants_waitlist ? "希望する" : "希望しない"}</Row>
      </Block>

      <Block title="所属長の推薦・送信内容のチェック" level={level}>
        <Row label="所属長の推薦">{form.recommended ? "法人（事業所）としての推薦による申込である" : "確認していません"}</Row>
        <Row label="送信内容のチェック">{form.confirmed ? "上記の内容に相違ない" : "確認していません"}</Row>
      </Block>
    </div>
  );
}
