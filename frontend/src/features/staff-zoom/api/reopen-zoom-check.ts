import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { storeGrid } from "./keys";

export async function reopenZoomCheck(trainingId: number, applicationId: number) {
  return unwrap(
    await api.POST("/api/v1/admin/trainings/{id}/zoom-checks/{application_id}/reopen", {
      params: { path: { id: trainingId, application_id: applicationId } },
    }),
  );
}

/** Takes a decision back to 確認中. */
export function useReopenZoomCheck(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: number) => reopenZoomCheck(trainingId, applicationId),
    onSuccess: (list) => storeGrid(queryClient, trainingId, list),
  });
}
