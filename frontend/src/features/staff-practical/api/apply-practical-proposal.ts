import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { invalidateSelection } from "./keys";

export async function applyPracticalProposal(trainingId: number) {
  return unwrap(
    await api.POST("/api/v1/admin/trainings/{id}/practical-selection/apply-proposal", {
      params: { path: { id: trainingId } },
    }),
  );
}

/** 提案どおりに決定: every undecided application as proposed. */
export function useApplyPracticalProposal(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => applyPracticalProposal(trainingId),
    onSuccess: () => invalidateSelection(queryClient),
  });
}
