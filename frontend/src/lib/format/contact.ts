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

/**
 * The phone number as the server will store it (crates/domain/src/text/contact.rs): full-width
 * to ASCII, dash-like characters to `-`, spaces dropped, `(` dropped and `)` to `-`.
 */
export function storedPhone(value: string): string {
  return value
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[ー−‐―‒–—ｰ]/g, "-")
    .replace(/[\s\u3000]/g, "")
    .replace(/\(/g, "")
    .replace(/\)/g, "-");
}
