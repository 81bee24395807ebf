import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function getDashboard(trainingId: number) {
  return unwrap(await api.GET("/api/v1/admin/trainings/{id}/dashboard", { params: { path: { id: trainingId } } }));
}

/** 研修の集計: applied, confirmed, waiting, cancelled, checked in/out, certified. */
export function useDashboard(trainingId: number) {
  return useQuery({
    queryKey: ["admin", "trainings", trainingId, "dashboard"],
    queryFn: () => getDashboard(trainingId),
    enabled: Number.isInteger(trainingId) && trainingId > 0,
  });
}
