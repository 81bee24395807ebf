import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { storeGrid } from "./keys";

export async function approveZoomChecks(trainingId: number, applicationIds: number[] | null) {
  return unwrap(
    await api.POST("/api/v1/admin/trainings/{id}/zoom-checks/approve", {
      params: { path: { id: trainingId } },
      body: { application_ids: applicationIds },
    }),
  );
}

/** Approves the selected participants, or (null) everyone under review with ①–④ ticked. */
export function useApproveZoomChecks(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (applicationIds: number[] | null) => approveZoomChecks(trainingId, applicationIds),
    onSuccess: (list) => storeGrid(queryClient, trainingId, list),
  });
}
