import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { TrainingInput } from "@/lib/api/types";

export async function updateAdminTraining(id: number, body: TrainingInput) {
  return unwrap(await api.PUT("/api/v1/admin/trainings/{id}", { params: { path: { id } }, body }));
}

export function useUpdateAdminTraining(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TrainingInput) => updateAdminTraining(id, body),
    onSuccess: (training) => {
      queryClient.setQueryData(["admin", "trainings", id], training);
      void queryClient.invalidateQueries({ queryKey: ["admin", "trainings"] });
      void queryClient.invalidateQueries({ queryKey: ["trainings"] });
    },
  });
}
