import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { storeGrid } from "./keys";

export async function withholdZoomCertificate(trainingId: number, applicationId: number, reason: string) {
  return unwrap(
    await api.POST("/api/v1/admin/trainings/{id}/zoom-checks/{application_id}/withhold", {
      params: { path: { id: trainingId, application_id: applicationId } },
      body: { reason },
    }),
  );
}

/** 発行見送り with the reason shown on My Page. */
export function useWithholdZoomCertificate(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ applicationId, reason }: { applicationId: number; reason: string }) =>
      withholdZoomCertificate(trainingId, applicationId, reason),
    onSuccess: (list) => storeGrid(queryClient, trainingId, list),
  });
}
