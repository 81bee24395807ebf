import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { AdminTraining } from "@/lib/api/types";

/** The status changes the server offers for a training now (`AdminTraining.actions`). */
export type StatusAction = AdminTraining["actions"][number];

export async function changeTrainingStatus(id: number, action: StatusAction) {
  const params = { params: { path: { id } } };
  switch (action) {
    case "publish":
      return unwrap(await api.POST("/api/v1/admin/trainings/{id}/publish", params));
    case "close":
      return unwrap(await api.POST("/api/v1/admin/trainings/{id}/close", params));
    case "reopen":
      return unwrap(await api.POST("/api/v1/admin/trainings/{id}/reopen", params));
    case "finish":
      return unwrap(await api.POST("/api/v1/admin/trainings/{id}/finish", params));
    case "cancel":
      return unwrap(await api.POST("/api/v1/admin/trainings/{id}/cancel", params));
  }
}

/** 公開 / 締切 / 受付再開 / 終了 / 中止. */
export function useChangeTrainingStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: StatusAction }) => changeTrainingStatus(id, action),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["admin", "trainings"] });
      void queryClient.invalidateQueries({ queryKey: ["trainings"] });
    },
  });
}
