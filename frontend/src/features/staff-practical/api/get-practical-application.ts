import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { practicalKeys } from "./keys";

export async function getPracticalApplication(id: number) {
  return unwrap(await api.GET("/api/v1/admin/practical-applications/{id}", { params: { path: { id } } }));
}

/** 申込の詳細: the form, both verdicts and the history of one application. */
export function usePracticalApplication(id: number) {
  return useQuery({
    queryKey: practicalKeys.application(id),
    queryFn: () => getPracticalApplication(id),
    enabled: Number.isInteger(id) && id > 0,
  });
}
