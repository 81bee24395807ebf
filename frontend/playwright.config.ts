import { defineConfig } from "@playwright/test";

/**
 * Browser tests against an already running `kenshu serve` (loaded with `kenshu demo`),
 * whose address is in KENSHU_E2E_URL. They use Debian's Chromium: no browser download.
 */
const baseURL = process.env.KENSHU_E2E_URL;
if (!baseURL) {
  throw new Error("KENSHU_E2E_URL is not set (e.g. http://127.0.0.1:18080)");
}

export default defineConfig({
  testDir: "./e2e",
  testMatch: "*.spec.ts",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "ja-JP",
    // A zone far from Tokyo: the pages must still show Tokyo times.
    timezoneId: "America/Los_Angeles",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.KENSHU_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--lang=ja-JP",
      ],
    },
  },
});
