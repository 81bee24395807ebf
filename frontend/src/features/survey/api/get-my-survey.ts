import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { surveyKeys } from "./keys";

export async function getMySurvey(key: string) {
  return unwrap(await api.GET("/api/v1/me/{key}/survey", { params: { path: { key } } }));
}

/** The participant's survey: open after the end code, once. */
export function useMySurvey(key: string) {
  return useQuery({ queryKey: surveyKeys.mine(key), queryFn: () => getMySurvey(key), retry: false });
}
