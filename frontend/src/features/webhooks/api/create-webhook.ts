import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { CreateWebhookRequest } from "@/lib/api/types";

export async function createWebhook(body: CreateWebhookRequest) {
  return unwrap(await api.POST("/api/v1/admin/webhooks", { body }));
}

/** Webhookを登録する: the answer holds the secret, shown only this once. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin", "webhooks"] }),
  });
}
