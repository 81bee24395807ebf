import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function resendMail(id: number) {
  return unwrap(await api.POST("/api/v1/admin/outbox/{id}/resend", { params: { path: { id } } }));
}

/** メールを再送する: a failed or queued mail goes back in the queue, due now. */
export function useResendMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendMail,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin", "outbox"] }),
  });
}
