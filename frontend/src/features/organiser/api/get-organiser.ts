import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export const organiserQueryKey = ["admin", "organiser"] as const;

export async function getOrganiser() {
  return unwrap(await api.GET("/api/v1/admin/organiser"));
}

/** 発行者の設定: what every 受講証明書 prints as its issuer. */
export function useOrganiser() {
  return useQuery({ queryKey: organiserQueryKey, queryFn: getOrganiser });
}
