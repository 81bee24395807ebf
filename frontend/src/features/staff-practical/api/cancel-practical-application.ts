import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { invalidateSelection } from "./keys";

export async function cancelPracticalApplication(id: number, reason: string) {
  return unwrap(
    await api.POST("/api/v1/admin/practical-applications/{id}/cancel", { params: { path: { id } }, body: { reason } }),
  );
}

/** 申込をキャンセル (an accepted place goes to the best-ranked applicant waiting). */
export function useCancelPracticalApplication(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => cancelPracticalApplication(id, reason),
    onSuccess: () => invalidateSelection(queryClient),
  });
}
