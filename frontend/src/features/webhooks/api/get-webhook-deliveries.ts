import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export const DELIVERIES_PER_PAGE = 50;

export async function getWebhookDeliveries(page: number) {
  return unwrap(
    await api.GET("/api/v1/admin/webhook-deliveries", { params: { query: { page, per_page: DELIVERIES_PER_PAGE } } }),
  );
}

/** Webhook配信ログ, newest first; refreshed while deliveries are pending. */
export function useWebhookDeliveries(page: number) {
  return useQuery({
    queryKey: ["admin", "webhook-deliveries", { page }],
    queryFn: () => getWebhookDeliveries(page),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === "pending") ? 5000 : false),
  });
}
