import { useState } from "react";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import type { EligibilityRequest, EligibilityVerdict } from "@/lib/api/types";
import { useEligibilityCheck } from "./api/check-eligibility";

/** How long typing must pause before the entries are checked. */
export const LIVE_CHECK_DEBOUNCE_MS = 400;

export interface LiveVerdict {
  /** The last verdict the server gave; it stays while newer entries are on their way. */
  shown: EligibilityVerdict | null;
  /** A newer request is waiting for its answer. */
  busy: boolean;
  /** The last request failed (422 for entries the server reads differently, 429 …). */
  failed: boolean;
  error: unknown;
}

/**
 * Asks the stateless check about `request` once typing pauses. Half-typed entries (null)
 * ask nothing and keep the last verdict on screen; a request overtaken by a newer one is
 * aborted.
 */
export function useLiveVerdict(request: EligibilityRequest | null): LiveVerdict {
  const requestJson = request ? JSON.stringify(request) : null;
  const settledJson = useDebouncedValue(requestJson, LIVE_CHECK_DEBOUNCE_MS);
  // The last well-formed request asked about: while the entries are half typed, its answer stays.
  const [askedJson, setAskedJson] = useState(settledJson);
  if (settledJson !== null && settledJson !== askedJson) setAskedJson(settledJson);

  const query = useEligibilityCheck(askedJson);
  const answer = query.isSuccess && !query.isPlaceholderData ? query.data : undefined;
  const [shown, setShown] = useState<EligibilityVerdict | null>(null);
  if (answer && answer !== shown) setShown(answer);

  const current = answer !== undefined && answer === shown && askedJson === requestJson;
  return {
    shown,
    busy: requestJson !== null && !current && !query.isError,
    failed: query.isError,
    error: query.error,
  };
}
