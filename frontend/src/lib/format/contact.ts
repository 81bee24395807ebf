/** Phone numbers as people type them: full-width digits and hyphens are fine. */
export function phoneDigits(value: string): string {
  return value.normalize("NFKC").replace(/\D/g, "");
}

/** Mail addresses compare width-insensitively, and case-insensitively on the domain. */
export function normaliseEmail(value: string): string {
  const ascii = value.normalize("NFKC").trim();
  const at = ascii.lastIndexOf("@");
  return at < 0 ? ascii : ascii.slice(0, at) + ascii.slice(at).toLowerCase();
}
