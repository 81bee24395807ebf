import { Navigate } from "react-router";
import { ContactSection, ToTrainingList } from "@/components/apply/complete-parts";
import { useHandedResult } from "@/components/apply/handed-result";
import { Fact, FactList } from "@/components/ui/facts";
import { config } from "@/config";
import { PracticalHeader } from "@/features/practical/components/practical-header";
import { VerdictSummary } from "@/features/practical/components/verdict-summary";
import { usePracticalFlow } from "@/features/practical/practical-flow";
import type { PracticalReceived } from "@/lib/api/types";
import { formatWarekiDateTime } from "@/lib/format/wareki";

/** `/trainings/:id/practical-apply/complete` 実践研修 申込 完了 */
export function PracticalCompletePage() {
  const { training } = usePracticalFlow();
  const result = useHandedResult<PracticalReceived>();
  if (!result) return <Navigate to={`/trainings/${training.id}`} replace />;

  return (
    <>
      <PracticalHeader step="complete" title="申込 完了" />
      <div className="alert alert-success complete-status" role="status">
        <p className="alert-title">お申し込みを受け付けました。</p>
        <p>受講の可否は、選考のうえ「受講可否通知」でお知らせします。</p>
      </div>

      <FactList className="receipt">
        <Fact label="受付番号">
          <strong className="receipt-number">{result.id}</strong>
        </Fact>
        <Fact label="受付日時">{formatWarekiDateTime(result.submitted_at)}</Fact>
        <Fact label="受講者">{result.full_name} 様</Fact>
      </FactList>
      <p className="muted">お問い合わせの際は、受付番号をお伝えください。</p>

      <p>
        ご入力いただいたメールアドレス宛に、申込内容の確認メール（自動返信）をお送りしました。必ずご確認ください。
      </p>
      <p className="muted">
        送信先：<span className="email-value">{result.email}</span>
      </p>
      <p>※迷惑メールに振り分けられる場合がございます。メールが届かない場合は、下記お問い合わせ先からご連絡ください。</p>

      <section className="section" aria-labelledby="pf-complete-verdict">
        <h2 id="pf-complete-verdict">申込時点の受講要件の判定</h2>
        <VerdictSummary verdict={result.verdict} />
        <p className="field-hint">
          判定は入力内容にもとづく目安です。受講の可否は、申込内容を確認したうえで決定します。
        </p>
      </section>

      <ContactSection id="pf-complete-contact" className="contact pre-line">
        {training.contact || training.organiser || config.organiserName}
      </ContactSection>

      <ToTrainingList />
    </>
  );
}
