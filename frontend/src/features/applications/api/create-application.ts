import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { ApplyRequest } from "@/lib/api/types";

export interface CreateApplicationInput {
  trainingId: number;
  body: ApplyRequest;
  /** The same key for every attempt of one draft: the server then stores one application. */
  idempotencyKey: string;
}

export async function createApplication({ trainingId, body, idempotencyKey }: CreateApplicationInput) {
  return unwrap(
    await api.POST("/api/v1/trainings/{id}/applications", {
      params: { path: { id: trainingId } },
      headers: { "Idempotency-Key": idempotencyKey },
      body,
    }),
  );
}

/** 研修に申し込む. */
export function useCreateApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApplication,
    onSettled: (_data, _error, { trainingId }) => {
      // Seats left (and 満員) may have changed, whatever the answer.
      void queryClient.invalidateQueries({ queryKey: ["trainings"] });
      void queryClient.invalidateQueries({ queryKey: ["admin", "trainings", trainingId] });
    },
  });
}
