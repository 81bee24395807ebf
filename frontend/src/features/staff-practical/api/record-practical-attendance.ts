import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { invalidateSelection, practicalKeys } from "./keys";

export async function recordPracticalAttendance(id: number) {
  return unwrap(await api.POST("/api/v1/admin/practical-applications/{id}/attendance", { params: { path: { id } } }));
}

/** 出席を記録 */
export function useRecordPracticalAttendance(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => recordPracticalAttendance(id),
    onSuccess: (detail) => {
      queryClient.setQueryData(practicalKeys.application(id), detail);
      void invalidateSelection(queryClient);
    },
  });
}
