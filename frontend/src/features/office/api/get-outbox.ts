import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export const OUTBOX_PER_PAGE = 50;

export type MailStatus = "pending" | "sent" | "failed";

export async function getOutbox(page: number, status?: MailStatus) {
  return unwrap(
    await api.GET("/api/v1/admin/outbox", { params: { query: { page, per_page: OUTBOX_PER_PAGE, status } } }),
  );
}

/** 送信メール: failures first, then queued, then sent (the server's order). */
export function useOutbox(page: number, status?: MailStatus) {
  return useQuery({
    queryKey: ["admin", "outbox", { page, status }],
    queryFn: () => getOutbox(page, status),
    placeholderData: keepPreviousData,
  });
}
