import { FactRow, FactsTable } from "@/components/ui/facts";
import type { Checklist } from "@/lib/api/types";
import { storedPhone } from "@/lib/format/contact";
import { MEMBER_LABELS, type Member } from "@/lib/format/labels";
import { storedText } from "@/lib/format/text";
import { bandFor, countYes, fitAnswers, type Answer } from "../checklist-answers";
import type { ApplicantValues } from "../draft";

/** 申込 確認: the entries as they will be sent, like the seed's confirm table. */
export function ApplicationSummary({
  applicant,
  checklist,
  answers,
}: {
  applicant: ApplicantValues;
  checklist?: Checklist;
  answers: Answer[];
}) {
  const total = checklist?.sections.reduce((n, s) => n + s.questions.length, 0) ?? 0;
  const fitted = fitAnswers(answers, total);
  const yes = countYes(fitted);
  const band = checklist ? bandFor(yes, checklist.bands) : undefined;
  return (
    <>
      <FactsTable caption="申込内容" wide>
        <FactRow label="会員/非会員">{MEMBER_LABELS[applicant.member as Member] ?? ""}</FactRow>
        <FactRow label="氏名">{applicant.full_name.trim()}</FactRow>
        <FactRow label="資格・職名">
          {storedText(applicant.job_title) || "（なし）"}
          <br />
          <span className="field-hint">
            受講証明書の表記：{[storedText(applicant.job_title), applicant.full_name.trim()].filter(Boolean).join("　")}　様
          </span>
        </FactRow>
        <FactRow label="勤務先">{applicant.workplace.trim()}</FactRow>
        <FactRow label="個人電話番号">{storedPhone(applicant.phone)}</FactRow>
        <FactRow label="メールアドレス">
          <span className="email-value">{applicant.email.trim()}</span>
        </FactRow>
        <FactRow label="個人情報保護方針">{applicant.privacy_consent ? "同意する" : "同意していません"}</FactRow>
        {checklist && (
          <FactRow label="チェック表">
            全{total}問回答済み
            <br />
            「はい」{yes}問{band && `：${band.label}`}
          </FactRow>
        )}
      </FactsTable>
      {checklist && (
        <details className="disclosure">
          <summary>チェック表の回答を見る</summary>
          <div className="disclosure-body">
            {checklist.sections.map((section) => (
              <div key={section.title} className="answer-section">
                <p className="answer-section-title">{section.title}</p>
                <ol className="answer-grid">
                  {section.questions.map((q) => (
                    <li key={q.number}>
                      <span className="question-number">{q.number}.</span>
                      {fitted[q.number - 1] === true ? "はい" : fitted[q.number - 1] === false ? "いいえ" : "未回答"}
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </div>
        </details>
      )}
    </>
  );
}
