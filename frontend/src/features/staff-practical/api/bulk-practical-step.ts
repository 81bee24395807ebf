import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { BulkAction } from "../selection-filter";
import { invalidateSelection } from "./keys";

export async function bulkPracticalStep(trainingId: number, action: BulkAction, applicationIds: number[]) {
  return unwrap(
    await api.POST("/api/v1/admin/trainings/{id}/practical-applications/bulk", {
      params: { path: { id: trainingId } },
      body: { action, application_ids: applicationIds },
    }),
  );
}

/** One step on the selected applications, all or nothing (the selection table). */
export function useBulkPracticalStep(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ids }: { action: BulkAction; ids: number[] }) => bulkPracticalStep(trainingId, action, ids),
    onSettled: () => invalidateSelection(queryClient),
  });
}
