import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { practicalKeys } from "./keys";

export async function getPracticalSelection(trainingId: number) {
  return unwrap(
    await api.GET("/api/v1/admin/trainings/{id}/practical-applications", { params: { path: { id: trainingId } } }),
  );
}

/** 選考一覧: the applications in the proposed order, and the schedules' loads. */
export function usePracticalSelection(trainingId: number) {
  return useQuery({
    queryKey: practicalKeys.selection(trainingId),
    queryFn: () => getPracticalSelection(trainingId),
    enabled: Number.isInteger(trainingId) && trainingId > 0,
  });
}
