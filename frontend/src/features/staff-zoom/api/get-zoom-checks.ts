import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { zoomKeys } from "./keys";

export async function getZoomChecks(trainingId: number) {
  return unwrap(await api.GET("/api/v1/admin/trainings/{id}/zoom-checks", { params: { path: { id: trainingId } } }));
}

/** Zoom受講確認: the confirmed participants with ①–④, the codes (⑤) and the decision. */
export function useZoomChecks(trainingId: number) {
  return useQuery({
    queryKey: zoomKeys.grid(trainingId),
    queryFn: () => getZoomChecks(trainingId),
    enabled: Number.isInteger(trainingId) && trainingId > 0,
    retry: false,
  });
}
