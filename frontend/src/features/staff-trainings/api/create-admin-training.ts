import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { TrainingInput } from "@/lib/api/types";

export async function createAdminTraining(body: TrainingInput) {
  return unwrap(await api.POST("/api/v1/admin/trainings", { body }));
}

/** 研修の新規作成 (as a draft). */
export function useCreateAdminTraining() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAdminTraining,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "trainings"] }),
  });
}
