import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { surveyKeys } from "./keys";

export async function getSurvey(trainingId: number) {
  return unwrap(await api.GET("/api/v1/admin/trainings/{id}/survey", { params: { path: { id: trainingId } } }));
}

/** The questions, whether they may still change, and the answers counted per question. */
export function useSurvey(trainingId: number) {
  return useQuery({
    queryKey: surveyKeys.admin(trainingId),
    queryFn: () => getSurvey(trainingId),
    enabled: Number.isInteger(trainingId) && trainingId > 0,
  });
}
