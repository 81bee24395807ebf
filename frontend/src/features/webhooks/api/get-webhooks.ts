import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function getWebhooks() {
  return unwrap(await api.GET("/api/v1/admin/webhooks"));
}

/** Webhook一覧 (admins only). */
export function useWebhooks() {
  return useQuery({ queryKey: ["admin", "webhooks"], queryFn: getWebhooks });
}
