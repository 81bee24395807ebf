import { config } from "@/config";

/** お願い: the applicant must be able to receive the system's mail before applying. */
export function MailNotice() {
  return (
    <p className="notice">
      <strong className="notice-label">お願い</strong>
      {config.mailFrom
        ? `「${config.mailFrom}」から受信できるように設定後、ご登録ください。`
        : "送信元のメールアドレスから受信できるように設定後、ご登録ください。"}
    </p>
  );
}
