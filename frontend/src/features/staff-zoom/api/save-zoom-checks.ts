import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { storeGrid, type ZoomTick } from "./keys";

export async function saveZoomChecks(trainingId: number, items: ZoomTick[]) {
  return unwrap(
    await api.PUT("/api/v1/admin/trainings/{id}/zoom-checks", { params: { path: { id: trainingId } }, body: { items } }),
  );
}

/** Saves the ticks of every changed row at once. */
export function useSaveZoomChecks(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: ZoomTick[]) => saveZoomChecks(trainingId, items),
    onSuccess: (list) => storeGrid(queryClient, trainingId, list),
  });
}
