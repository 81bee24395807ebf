import { MailNotice } from "@/components/training/mail-notice";
import { SubmitBar } from "@/components/ui/submit-bar";

/** The end of a confirm step: the mail notice, ‹ 戻る and 送信 (送信中… on its way, off once sent). */
export function SendBar({ backTo, sending, sent, onSend }: { backTo: string; sending: boolean; sent: boolean; onSend: () => void }) {
  return (
    <>
      <MailNotice />
      <SubmitBar backTo={backTo} label="送信 ›" busy={sending} busyLabel="送信中…" disabled={sent} onClick={onSend} />
    </>
  );
}
