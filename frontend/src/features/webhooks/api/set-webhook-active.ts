import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function setWebhookActive(id: number, active: boolean) {
  const params = { params: { path: { id } } };
  return active
    ? unwrap(await api.POST("/api/v1/admin/webhooks/{id}/enable", params))
    : unwrap(await api.POST("/api/v1/admin/webhooks/{id}/disable", params));
}

/** Webhookを停止する / 再開する. */
export function useSetWebhookActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) => setWebhookActive(id, active),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin", "webhooks"] }),
  });
}
