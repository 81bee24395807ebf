import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { AuditLogQuery } from "@/lib/api/types";

export const AUDIT_LOG_PER_PAGE = 50;

export async function getAuditLog(query: AuditLogQuery) {
  return unwrap(await api.GET("/api/v1/admin/audit-log", { params: { query } }));
}

/** 監査ログ, newest first (admins only). */
export function useAuditLog(query: AuditLogQuery) {
  return useQuery({
    queryKey: ["admin", "audit-log", query],
    queryFn: () => getAuditLog(query),
    placeholderData: keepPreviousData,
  });
}
