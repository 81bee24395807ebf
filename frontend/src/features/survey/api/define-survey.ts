import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { surveyKeys, type SurveyDefinition } from "./keys";

export async function defineSurvey(trainingId: number, body: SurveyDefinition) {
  return unwrap(await api.PUT("/api/v1/admin/trainings/{id}/survey", { params: { path: { id: trainingId } }, body }));
}

/** Saves the questions (until the first answer arrives) and the certificate option. */
export function useDefineSurvey(trainingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyDefinition) => defineSurvey(trainingId, body),
    onSuccess: (survey) => queryClient.setQueryData(surveyKeys.admin(trainingId), survey),
  });
}
