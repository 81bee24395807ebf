import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function reissueLink(applicationId: number) {
  return unwrap(await api.POST("/api/v1/admin/applications/{id}/reissue", { params: { path: { id: applicationId } } }));
}

/** マイページURLを再発行する: a new key, the old links stop working, the mail goes again. */
export function useReissueLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reissueLink,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin", "outbox"] }),
  });
}
