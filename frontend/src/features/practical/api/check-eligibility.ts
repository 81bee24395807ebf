import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { EligibilityRequest } from "@/lib/api/types";

export async function checkEligibility(body: EligibilityRequest, signal?: AbortSignal) {
  return unwrap(await api.POST("/api/v1/eligibility/practical-training", { body, signal }));
}

/**
 * 実践研修の受講要件を判定する, for a request given as its JSON text (a stable key). The
 * answer depends on the request only, so it is kept for good. A request overtaken by a newer
 * one is aborted, and the last answer stays shown while the next one is on its way.
 */
export function useEligibilityCheck(requestJson: string | null) {
  return useQuery({
    queryKey: ["eligibility", "practical-training", requestJson],
    queryFn: ({ signal }) => checkEligibility(JSON.parse(requestJson!) as EligibilityRequest, signal),
    enabled: requestJson !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 10 * 60 * 1000,
    // A 422 or 429 will not change on retry; the next keystroke asks again anyway.
    retry: false,
  });
}
