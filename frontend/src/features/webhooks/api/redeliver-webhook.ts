import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function redeliverWebhook(id: number) {
  return unwrap(await api.POST("/api/v1/admin/webhook-deliveries/{id}/redeliver", { params: { path: { id } } }));
}

/** Webhookを再送する. */
export function useRedeliverWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: redeliverWebhook,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin", "webhook-deliveries"] }),
  });
}
