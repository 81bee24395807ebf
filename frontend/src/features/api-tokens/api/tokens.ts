import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { components } from "@/lib/api/schema";

export type ApiToken = components["schemas"]["ApiTokenView"];
export type NewApiToken = components["schemas"]["NewApiToken"];
export type Scope = components["schemas"]["Scope"];

export const tokensQueryKey = ["admin", "api-tokens"] as const;

/** What each scope lets an integration do. */
export const SCOPES: { scope: Scope; label: string }[] = [
  { scope: "trainings:read", label: "研修の閲覧" },
  { scope: "applications:read", label: "申込の閲覧" },
  { scope: "applications:write", label: "申込の変更（実践研修の決定・取消・出席記録など）" },
  { scope: "rosters:read", label: "名簿・一括出力の閲覧" },
];

export function useApiTokens() {
  return useQuery({ queryKey: tokensQueryKey, queryFn: async () => unwrap(await api.GET("/api/v1/admin/api-tokens")) });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewApiToken) => unwrap(await api.POST("/api/v1/admin/api-tokens", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) =>
      unwrap(await api.POST("/api/v1/admin/api-tokens/{id}/revoke", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryKey }),
  });
}

/** `2027-03-31` (a date input) as the end of that day in Japan, RFC 3339. */
export function endOfDayJst(date: string): string {
  return `${date}T23:59:59+09:00`;
}
