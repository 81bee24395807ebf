import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { invalidateSelection, practicalKeys } from "./keys";

export async function recordPracticalCompletion(id: number) {
  return unwrap(await api.POST("/api/v1/admin/practical-applications/{id}/completion", { params: { path: { id } } }));
}

/** 修了を記録 (the 修了証書 gets its number) */
export function useRecordPracticalCompletion(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => recordPracticalCompletion(id),
    onSuccess: (detail) => {
      queryClient.setQueryData(practicalKeys.application(id), detail);
      void invalidateSelection(queryClient);
    },
  });
}
