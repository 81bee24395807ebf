import { useState, type ReactNode } from "react";
import { ApiError, downloadWithToken } from "@/lib/api/download";
import { errorMessage } from "@/lib/api/problem";

/** A button that downloads a file needing the staff token, saying why when it cannot. */
export function DownloadButton({
  url,
  filename,
  children,
  notFound = "このファイルはまだダウンロードできません。",
}: {
  url: string;
  filename: string;
  children: ReactNode;
  /** What a 404 means here. */
  notFound?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="download">
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await downloadWithToken(url, filename);
          } catch (e) {
            setError(e instanceof ApiError && e.status === 404 ? notFound : errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {children}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
