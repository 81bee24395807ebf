import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function getChecklistSummary(trainingId: number) {
  return unwrap(
    await api.GET("/api/v1/admin/trainings/{id}/checklist-summary", { params: { path: { id: trainingId } } }),
  );
}

/** チェック表の集計: respondents per band and the yes rate per section. */
export function useChecklistSummary(trainingId: number, enabled = true) {
  return useQuery({
    queryKey: ["admin", "trainings", trainingId, "checklist-summary"],
    queryFn: () => getChecklistSummary(trainingId),
    enabled: enabled && Number.isInteger(trainingId) && trainingId > 0,
  });
}
