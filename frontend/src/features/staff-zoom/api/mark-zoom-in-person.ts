import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { storeGrid } from "./keys";

export async function markZoomInPerson(trainingId: number, applicationId: number) {
  return unwrap(
    await api.POST("/api/v1/admin/trainings/{id}/zoom-checks/{application_id}/in-person", {
      params: { path: { id: trainingId, application_id: applicationId } },
    }),
  );
}

/** 会場参加 (hybrid trainings): no Zoom checks apply. */
export function useMarkZoomInPerson(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: number) => markZoomInPerson(trainingId, applicationId),
    onSuccess: (list) => storeGrid(queryClient, trainingId, list),
  });
}
