import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function cancelApplication(applicationId: number, reason: string) {
  return unwrap(
    await api.POST("/api/v1/admin/applications/{id}/cancel", { params: { path: { id: applicationId } }, body: { reason } }),
  );
}

/** 事務局がキャンセルする (with a reason; the waiting list moves up as usual). */
export function useCancelApplication(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => cancelApplication(id, reason),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["admin", "trainings", trainingId] });
      void queryClient.invalidateQueries({ queryKey: ["admin", "trainings"] });
    },
  });
}
