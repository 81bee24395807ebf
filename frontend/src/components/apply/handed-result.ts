import { useLocation } from "react-router";

/** What a confirm step hands to its complete step, kept in the history entry so that a reload still shows it. */
export interface CompleteState<T> {
  result: T;
}

/** The result the confirm step handed over, or null on a visit of its own (a bookmark, a new tab). */
export function useHandedResult<T>(): T | null {
  return (useLocation().state as CompleteState<T> | null)?.result ?? null;
}
