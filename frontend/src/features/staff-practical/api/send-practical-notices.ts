import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { invalidateSelection } from "./keys";

export async function sendPracticalNotices(trainingId: number) {
  return unwrap(
    await api.POST("/api/v1/admin/trainings/{id}/practical-notices", { params: { path: { id: trainingId } } }),
  );
}

/** 受講可否通知を送信: one mail per decision not notified yet. */
export function useSendPracticalNotices(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendPracticalNotices(trainingId),
    onSuccess: () => invalidateSelection(queryClient),
  });
}
