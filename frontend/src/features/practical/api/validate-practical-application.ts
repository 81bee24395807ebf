import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { PracticalForm } from "@/lib/api/types";

/** 送信前に確認する: every rule of the submission, the server's included, nothing stored. */
export async function validatePracticalApplication(
  trainingId: number,
  body: PracticalForm,
  attachment: boolean,
  signal?: AbortSignal,
) {
  return unwrap(
    await api.POST("/api/v1/trainings/{id}/practical-applications/validate", {
      params: { path: { id: trainingId }, query: { attachment } },
      body,
      signal,
    }),
  );
}

/** The check of the entries shown on the confirmation step (asked again only when they change). */
export function useValidatePracticalApplication(trainingId: number, body: PracticalForm, attachment: boolean, enabled: boolean) {
  return useQuery({
    queryKey: ["practical-validate", trainingId, attachment, JSON.stringify(body)],
    queryFn: ({ signal }) => validatePracticalApplication(trainingId, body, attachment, signal),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}
