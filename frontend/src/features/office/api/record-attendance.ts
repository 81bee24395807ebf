import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { paths } from "@/lib/api/schema";

export type AttendanceRecord =
  paths["/api/v1/admin/applications/{id}/attendance"]["put"]["requestBody"]["content"]["application/json"];

export async function recordAttendance(applicationId: number, body: AttendanceRecord) {
  return unwrap(
    await api.PUT("/api/v1/admin/applications/{id}/attendance", { params: { path: { id: applicationId } }, body }),
  );
}

/**
 * 出席・受講を記録する: staff set, correct or clear 出席確認時間 / 受講確認時間 with a reason
 * (a time left out of the body stays; `null` clears one staff recorded).
 */
export function useRecordAttendance(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: AttendanceRecord }) => recordAttendance(id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["admin", "trainings", trainingId] });
    },
  });
}
