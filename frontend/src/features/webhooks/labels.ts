import type { WebhookDelivery, WebhookEventName } from "@/lib/api/types";

/** The events in the order the office meets them, with their Japanese names. */
export const WEBHOOK_EVENTS: { value: WebhookEventName; label: string }[] = [
  { value: "application.created", label: "申込の受付" },
  { value: "application.cancelled", label: "申込のキャンセル" },
  { value: "attendance.completed", label: "受講の完了（開始番号・終了番号の入力、実践研修の出席記録）" },
  { value: "certificate.issued", label: "証明書の発行" },
];

export function eventLabel(event: string): string {
  return WEBHOOK_EVENTS.find((e) => e.value === event)?.label.replace(/（.*）$/, "") ?? event;
}

export const DELIVERY_STATUS_LABELS: Record<WebhookDelivery["status"], string> = {
  pending: "送信待ち",
  delivered: "送信済み",
  failed: "失敗",
};
