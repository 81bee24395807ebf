import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { PracticalForm } from "@/lib/api/types";

export interface CreatePracticalInput {
  trainingId: number;
  body: PracticalForm;
  /** 修了証書の写し: sent with the form as `multipart/form-data`. */
  attachment: File | null;
  idempotencyKey: string;
}

/** The form and its file as the two parts the API reads: `application` (JSON) and `attachment`. */
export function toMultipart(body: PracticalForm, attachment: File): FormData {
  const data = new FormData();
  data.append("application", new Blob([JSON.stringify(body)], { type: "application/json" }));
  data.append("attachment", attachment, attachment.name);
  return data;
}

export async function createPracticalApplication({ trainingId, body, attachment, idempotencyKey }: CreatePracticalInput) {
  const params = { path: { id: trainingId } };
  const headers = { "Idempotency-Key": idempotencyKey };
  if (!attachment) {
    return unwrap(await api.POST("/api/v1/trainings/{id}/practical-applications", { params, headers, body }));
  }
  return unwrap(
    await api.POST("/api/v1/trainings/{id}/practical-applications", {
      params,
      headers,
      body: { application: body },
      // FormData: the browser sets the multipart boundary itself.
      bodySerializer: () => toMultipart(body, attachment),
    }),
  );
}

/** 実践研修に申し込む. */
export function useCreatePracticalApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPracticalApplication,
    onSettled: (_data, _error, { trainingId }) => {
      void queryClient.invalidateQueries({ queryKey: ["trainings"] });
      void queryClient.invalidateQueries({ queryKey: ["admin", "practical", trainingId] });
    },
  });
}
