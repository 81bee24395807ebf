import type { ReactNode } from "react";
import { Fact, FactList } from "@/components/ui/facts";
import type { EligibilityRule, EligibilityVerdict } from "@/lib/api/types";
import { formatCalendarDate, formatYmd } from "@/lib/format/calendar-date";
import { OUTCOME_LABELS } from "@/lib/format/practical-labels";
import { INCOMPLETE_LABEL, type ShownOutcome } from "../ojt-figures";
import "./practical.css";

type RuleStatus = EligibilityRule["status"];

const STATUS_LABELS: Record<RuleStatus, { icon: string; label: string }> = {
  pass: { icon: "✓", label: "満たしています" },
  fail: { icon: "✕", label: "満たしていません" },
  warning: { icon: "！", label: "要確認" },
};

/** What each of the seed's notes (募集要領の※) is about. */
const REFERENCE_TITLES: Record<string, string> = {
  "※2": "サビ管等実践研修の受講要件",
  "※6": "「個別支援計画作成業務」とは",
  "※7": "1年あたり180日以上",
  "※8": "OJT6ヶ月要件（例外的に一定の要件を満たした場合）",
  "※9": "更新研修の経過措置の対象者",
  "※11": "「更新の期限」とは",
  "※12": "研修名称の整理",
  "※E": "OJT期間の数え方",
  "※F": "実務経験2年以上とは",
};

const UNFILLED = { icon: "－", label: "未入力" };

function Rule({ rule, unfilled = false }: { rule: EligibilityRule; unfilled?: boolean }) {
  const status = unfilled ? UNFILLED : STATUS_LABELS[rule.status];
  const title = REFERENCE_TITLES[rule.reference];
  return (
    <li className={unfilled ? "rule rule-unfilled" : `rule rule-${rule.status}`}>
      <p className="rule-status">
        <span className="rule-icon" aria-hidden="true">
          {status.icon}
        </span>
        {status.label}
      </p>
      <p className="rule-message">{rule.message}</p>
      {rule.reference && (
        <p className="rule-ref">
          参照：{rule.reference}
          {title && ` ${title}`}
        </p>
      )}
    </li>
  );
}

/** The outcome in a box: ✓ 受講要件を満たしています, and what it means. */
export function VerdictOutcome({
  verdict,
  shown = verdict.outcome,
  children,
}: {
  verdict: EligibilityVerdict;
  /** The outcome to show (未入力 while rules wait for entries, on the form). */
  shown?: ShownOutcome;
  children?: ReactNode;
}) {
  const outcome = shown === "incomplete" ? INCOMPLETE_LABEL : OUTCOME_LABELS[shown];
  return (
    <div className={`verdict verdict-${shown}`}>
      <p className="verdict-title">
        <span className="verdict-icon" aria-hidden="true">
          {outcome.icon}
        </span>
        {outcome.label}
      </p>
      <p>{outcome.explain}</p>
      {children}
    </div>
  );
}

/**
 * The derived figures (期間と日数) and every rule the server checked; with the working days
 * as entered beside the days required, where they were entered.
 */
export function EligibilityResult({
  verdict,
  enteredWorkingDays = null,
  headingLevel = 3,
  withOutcome = true,
  unfilled,
}: {
  verdict: EligibilityVerdict;
  /** Which rules wait for entries still empty (shown as 未入力, not failed). */
  unfilled?: (rule: EligibilityRule) => boolean;
  enteredWorkingDays?: number | null;
  /** Off where the outcome is shown above already. */
  withOutcome?: boolean;
  /** Where the result sits under an h3 already, its subtitles are h4. */
  headingLevel?: 3 | 4;
}) {
  const Subtitle = headingLevel === 3 ? "h3" : "h4";
  const d = verdict.derived;
  const counts = { pass: 0, fail: 0, warning: 0, unfilled: 0 };
  const waiting = verdict.rules.map((r) => unfilled?.(r) ?? false);
  verdict.rules.forEach((r, i) => (counts[waiting[i] ? "unfilled" : r.status] += 1));
  const shown: ShownOutcome =
    counts.fail > 0 ? "not_eligible" : counts.unfilled > 0 ? "incomplete" : verdict.outcome;
  const hasOjt = d.ojt_start != null && d.ojt_end != null;

  return (
    <>
      {withOutcome && <VerdictOutcome verdict={verdict} shown={shown} />}

      {(hasOjt || d.basic_completion || d.renewal_deadline) && (
        <>
          <Subtitle className="result-subtitle">期間と日数</Subtitle>
          <FactList className="facts-result">
            {d.basic_completion && <Fact label="基礎研修修了日">{formatCalendarDate(d.basic_completion)}</Fact>}
            {hasOjt && (
              <Fact label="OJT期間">
                <span className="nowrap">{formatCalendarDate(d.ojt_start!)}〜</span>
                <span className="nowrap">{formatCalendarDate(d.ojt_end!)}</span>
              </Fact>
            )}
            {hasOjt && d.window_start && (
              <Fact label="数える範囲">
                <span className="nowrap">{formatCalendarDate(d.window_start)}〜</span>
                <span className="nowrap">{formatCalendarDate(d.ojt_end!)}</span>
                <span className="note">前月末までの5年間（※2）</span>
              </Fact>
            )}
            {hasOjt && (
              <Fact label="数えた期間">
                {d.periods.length === 0 ? (
                  "なし"
                ) : (
                  <ol className="period-list">
                    {d.periods.map((p) => (
                      <li key={p.start}>
                        <span className="nowrap">{formatCalendarDate(p.start)}〜</span>
                        <span className="nowrap">{formatCalendarDate(p.end)}</span>
                        <span className="period-length">
                          <span className="nowrap">{formatYmd(p.length)}</span>
                          <span className="nowrap">（{p.calendar_days}日）</span>
                        </span>
                      </li>
                    ))}
                  </ol>
                )}
              </Fact>
            )}
            {hasOjt && (
              <Fact label="トータル">
                <strong className="total-label">{d.total_label}</strong>
                <span className="note">休職期間等を除いた合計（{d.calendar_days}日）</span>
              </Fact>
            )}
            {hasOjt && (
              <Fact label="必要な勤務日数">
                <strong>{d.required_working_days}日以上</strong>
                <span className="note">1年あたり180日以上（※7）</span>
                {enteredWorkingDays != null && (
                  <span className="note">
                    <span className="nowrap">入力した勤務日数：{enteredWorkingDays}日</span>
                    <span className="nowrap">
                      {enteredWorkingDays >= d.required_working_days ? "（足りています）" : "（足りません）"}
                    </span>
                  </span>
                )}
              </Fact>
            )}
            {d.renewal_deadline && <Fact label="更新の期限">{formatCalendarDate(d.renewal_deadline)}</Fact>}
          </FactList>
        </>
      )}

      <Subtitle className="result-subtitle">確認した要件</Subtitle>
      <p className="rule-counts">
        {counts.fail + counts.warning + counts.unfilled === 0
          ? `${verdict.rules.length}件すべてを満たしています。`
          : `${verdict.rules.length}件のうち、${[
              counts.fail > 0 ? `満たしていないもの${counts.fail}件` : "",
              counts.warning > 0 ? `要確認${counts.warning}件` : "",
              counts.unfilled > 0 ? `未入力${counts.unfilled}件` : "",
            ]
              .filter(Boolean)
              .join("、")}があります。`}
      </p>
      <ul className="rule-list">
        {verdict.rules.map((rule, i) => (
          <Rule key={`${rule.rule}-${i}`} rule={rule} unfilled={waiting[i]} />
        ))}
      </ul>
    </>
  );
}
