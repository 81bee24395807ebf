import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { paths } from "@/lib/api/schema";

type Operation = paths["/api/v1/admin/trainings/{id}/applications"]["post"];
export type StaffApplicationRequest = Operation["requestBody"]["content"]["application/json"];
export type EntryChannel = StaffApplicationRequest["channel"];

export async function createStaffApplication(trainingId: number, body: StaffApplicationRequest, key: string) {
  return unwrap(
    await api.POST("/api/v1/admin/trainings/{id}/applications", {
      params: { path: { id: trainingId }, header: { "Idempotency-Key": key } },
      body,
    }),
  );
}

/** 申込を代理入力する (phone, FAX …): the public form's rules and mail. */
export function useCreateStaffApplication(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: StaffApplicationRequest; key: string }) =>
      createStaffApplication(trainingId, body, key),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin", "trainings", trainingId] }),
  });
}
