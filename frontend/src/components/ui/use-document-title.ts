import { useEffect } from "react";
import { config } from "@/config";

/** `研修一覧 | 研修予約システム` in the tab and for screen readers on navigation. */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} | ${config.siteName}` : config.siteName;
  }, [title]);
}
