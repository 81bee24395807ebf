import { Navigate } from "react-router";
import { ContactSection, ToTrainingList } from "@/components/apply/complete-parts";
import { useHandedResult } from "@/components/apply/handed-result";
import { config } from "@/config";
import { useApplyFlow } from "@/features/applications/apply-flow";
import { ApplyHeader } from "@/features/applications/components/apply-header";
import type { ApplicationCreated } from "@/lib/api/types";

/** `/trainings/:id/apply/complete` 申込 完了 */
export function ApplyCompletePage() {
  const { training } = useApplyFlow();
  const result = useHandedResult<ApplicationCreated>();
  if (!result) return <Navigate to={`/trainings/${training.id}`} replace />;
  const waitlisted = result.status === "waitlisted";

  return (
    <>
      <ApplyHeader step="complete" title="申込 完了" />
      {waitlisted ? (
        <div className="alert alert-info complete-status" role="status">
          <p className="alert-title">
            キャンセル待ちで受け付けました
            {result.waitlist_position != null && `（${result.waitlist_position}番目）`}
          </p>
          <p>
            定員に達しているため、キャンセル待ちとしてお申し込みを承りました。まだ受講は確定していません。キャンセルが出た場合は、順番に繰り上げてメールでお知らせします。
          </p>
        </div>
      ) : (
        <div className="alert alert-success complete-status" role="status">
          <p className="alert-title">研修会のお申し込みを承りました。</p>
        </div>
      )}
      <p>
        ご入力いただいたメールアドレス宛に「マイページURL」を記載したメッセージをお送りしておりますので、必ずご確認ください。
      </p>
      <p className="muted">送信先：{result.email}</p>
      <p>※迷惑メールに振り分けられる場合がございます。メールが届かない場合、下記お問い合わせ先からご連絡ください。</p>

      <section className="section" aria-labelledby="complete-notes">
        <h2 id="complete-notes">注意事項</h2>
        <ul className="bullet-list">
          <li>[マイページURL]は本日からご利用いただけます。</li>
          <li>
            [マイページURL]は研修当日に使用しますので、必ずお手持ちのスマートフォン等から開けるようにしてください。
          </li>
          <li>[マイページURL]はこの研修でしかご利用いただけませんので、ご注意ください。</li>
          <li>申込内容を変更する場合は、メールに記載された[キャンセルURL]から一旦キャンセルし、再度お申し込みください。</li>
        </ul>
      </section>

      <ContactSection id="complete-contact" className="contact pre-line">
        {training.contact || training.organiser || config.organiserName}
      </ContactSection>

      <ToTrainingList />
    </>
  );
}
