import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { paths } from "@/lib/api/schema";

export type ContactChange =
  paths["/api/v1/admin/applications/{id}"]["patch"]["requestBody"]["content"]["application/json"];

export async function updateContact(applicationId: number, body: ContactChange) {
  return unwrap(await api.PATCH("/api/v1/admin/applications/{id}", { params: { path: { id: applicationId } }, body }));
}

/** 連絡先・職名を修正する (email, phone, address, 資格・職名). */
export function useUpdateContact(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ContactChange }) => updateContact(id, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin", "trainings", trainingId] }),
  });
}
