import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { components } from "@/lib/api/schema";
import { codesQueryKey } from "./get-codes";

export type CodesInput = components["schemas"]["CodesInput"];

export async function putCodes(id: number, body: CodesInput) {
  return unwrap(await api.PUT("/api/v1/admin/trainings/{id}/codes", { params: { path: { id } }, body }));
}

/** Sets or generates the codes. */
export function usePutCodes(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CodesInput) => putCodes(id, body),
    onSuccess: (codes) => queryClient.setQueryData(codesQueryKey(id), codes),
  });
}
