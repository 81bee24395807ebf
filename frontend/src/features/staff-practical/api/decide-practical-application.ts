import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { DecisionRequest } from "@/lib/api/types";
import { invalidateSelection, practicalKeys } from "./keys";

export async function decidePracticalApplication(id: number, body: DecisionRequest) {
  return unwrap(
    await api.POST("/api/v1/admin/practical-applications/{id}/decision", { params: { path: { id } }, body }),
  );
}

/** 受講可否を決める (a reason is required where it departs from the proposal). */
export function useDecidePracticalApplication(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionRequest) => decidePracticalApplication(id, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(practicalKeys.application(id), detail);
      void invalidateSelection(queryClient);
    },
  });
}
