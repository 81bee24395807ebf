import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { surveyKeys, type SurveyAnswerBody } from "./keys";

export async function answerMySurvey(key: string, body: SurveyAnswerBody) {
  return unwrap(await api.POST("/api/v1/me/{key}/survey", { params: { path: { key } }, body }));
}

export function useAnswerMySurvey(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyAnswerBody) => answerMySurvey(key, body),
    onSuccess: (survey) => queryClient.setQueryData(surveyKeys.mine(key), survey),
  });
}
