import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { toApiError } from "@/lib/api/problem";

export async function deleteWebhook(id: number) {
  const { error, response } = await api.DELETE("/api/v1/admin/webhooks/{id}", { params: { path: { id } } });
  if (!response.ok) throw toApiError(error, response);
}

/** Webhookを削除する (with its delivery log). */
export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhook,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin"] }),
  });
}
