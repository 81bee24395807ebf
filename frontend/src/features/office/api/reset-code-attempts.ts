import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function resetCodeAttempts(applicationId: number) {
  return unwrap(
    await api.POST("/api/v1/admin/applications/{id}/code-attempts/reset", { params: { path: { id: applicationId } } }),
  );
}

/** 番号の入力回数制限を解除する: the wrong codes held against the application are forgotten. */
export function useResetCodeAttempts() {
  return useMutation({ mutationFn: resetCodeAttempts });
}
