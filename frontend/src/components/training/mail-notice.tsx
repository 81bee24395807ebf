import { useSiteReference } from "@/lib/api/site";

/** お願い: the applicant must be able to receive the system's mail before applying. The
 * sender is the server's KENSHU_MAIL_FROM, so the notice is right wherever it runs. */
export function MailNotice() {
  const site = useSiteReference();
  const from = site.data?.mail_from;
  return (
    <p className="notice">
      <strong className="notice-label">お願い</strong>
      {from
        ? `「${from}」から受信できるように設定後、ご登録ください。`
        : "送信元のメールアドレスから受信できるように設定後、ご登録ください。"}
    </p>
  );
}
