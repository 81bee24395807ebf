/** A random UUID v4, also where `crypto.randomUUID` is missing (plain http on a LAN address). */
export function makeIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Whether an answer settles the attempt: after a 4xx problem nothing was stored, so the next
 * attempt (perhaps with other entries) needs a fresh Idempotency-Key. After a network error or
 * a 5xx the outcome is unknown, and a retry must reuse the key.
 */
export function isSettledRefusal(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500;
}
