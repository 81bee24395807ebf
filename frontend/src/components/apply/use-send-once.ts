import { useCallback, useRef } from "react";

/** Runs a send unless the previous one is still on its way: a second click sends nothing. */
export function useSendOnce(): (send: () => Promise<void>) => Promise<void> {
  const sending = useRef(false);
  return useCallback(async (send) => {
    if (sending.current) return;
    sending.current = true;
    try {
      await send();
    } finally {
      sending.current = false;
    }
  }, []);
}
