import { clearSession } from "@/lib/auth/session";
import { endsSession } from "./client";
import { ApiError, toApiError } from "./problem";

/**
 * The file name of a `Content-Disposition` header: `filename*=UTF-8''…` (RFC 6266, for
 * Japanese names) before a plain `filename="…"`.
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name || null;
}

/**
 * Downloads a file the API serves only to signed-in staff (PDF letters, attachments): fetched
 * with the session cookie and handed to the browser as a blob, so a failure can be shown.
 */
export async function downloadWithToken(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) {
    if (endsSession(response.url || url, response.status)) clearSession();
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw toApiError(body, response);
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = filenameFromDisposition(response.headers.get("Content-Disposition")) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the blob goes.
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export { ApiError };
