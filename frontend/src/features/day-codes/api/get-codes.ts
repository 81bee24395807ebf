import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export const codesQueryKey = (id: number) => ["admin", "trainings", id, "codes"] as const;

export async function getCodes(id: number) {
  return unwrap(await api.GET("/api/v1/admin/trainings/{id}/codes", { params: { path: { id } } }));
}

/** 開始番号・終了番号 of a training, with their windows. */
export function useCodes(id: number) {
  return useQuery({
    queryKey: codesQueryKey(id),
    queryFn: () => getCodes(id),
    enabled: Number.isInteger(id) && id > 0,
  });
}
