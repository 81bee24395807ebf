import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { invalidateSelection, practicalKeys } from "./keys";

export async function undoPracticalCompletion(id: number, reason: string) {
  return unwrap(
    await api.POST("/api/v1/admin/practical-applications/{id}/completion/undo", {
      params: { path: { id } },
      body: { reason },
    }),
  );
}

/** 修了の記録を取り消す（理由は履歴に残る） */
export function useUndoPracticalCompletion(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => undoPracticalCompletion(id, reason),
    onSuccess: (detail) => {
      queryClient.setQueryData(practicalKeys.application(id), detail);
      void invalidateSelection(queryClient);
    },
  });
}
