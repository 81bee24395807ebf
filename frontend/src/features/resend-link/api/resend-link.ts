import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function resendLink(trainingId: number, email: string) {
  return unwrap(
    await api.POST("/api/v1/trainings/{id}/my-page-link", { params: { path: { id: trainingId } }, body: { email } }),
  );
}

/** マイページURLの再送: the answer is the same whether or not the address applied. */
export function useResendLink(trainingId: number) {
  return useMutation({ mutationFn: (email: string) => resendLink(trainingId, email) });
}
