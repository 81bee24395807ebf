import { expect, test as base } from "@playwright/test";

declare global {
  interface Window {
    kenshuReportCspViolation?: (text: string) => void;
  }
}

/**
 * `test` for every browser test: it fails on any Content Security Policy violation, so that
 * the pages run under the policy the server sends (no inline script or style, no eval, no
 * other origins). Chromium logs most violations as console errors; a blocked `eval` that the
 * page catches is only reported as a `securitypolicyviolation` event, so both are watched.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("Content Security Policy")) violations.push(message.text());
    });
    await page.exposeFunction("kenshuReportCspViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        window.kenshuReportCspViolation?.(
          `Content Security Policy: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
        ),
      );
    });
    await use(page);
    expect(violations, "Content Security Policy violations").toEqual([]);
  },
});

export { expect };
