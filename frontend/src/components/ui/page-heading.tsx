import type { ReactNode } from "react";
import { useDocumentTitle } from "./use-document-title";

/** The one h1 of a page; it also names the tab. Focus moves here after navigation. */
export function PageHeading({ children, title }: { children: ReactNode; title?: string }) {
  useDocumentTitle(title ?? (typeof children === "string" ? children : undefined));
  return (
    <h1 className="page-title" tabIndex={-1} data-page-heading>
      {children}
    </h1>
  );
}
