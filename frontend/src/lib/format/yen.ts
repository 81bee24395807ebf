/** Digits grouped by three: 12345 → `12,345`. */
export function groupDigits(n: number): string {
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 参加費: 0 is 無料, otherwise `¥3,000`. */
export function formatFee(yen: number): string {
  return yen === 0 ? "無料" : `¥${groupDigits(yen)}`;
}

/** A file size for a download link: `850 B`, `12 KB`, `1.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
