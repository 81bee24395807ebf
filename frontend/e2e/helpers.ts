import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots");

/** 令和8年12月17日(木) */
export const ERA_DATE = /(令和|平成)(元|\d+)年\d{1,2}月\d{1,2}日\([日月火水木金土]\)/;

/** Fails on any serious or critical WCAG 2.1 A/AA violation of the page as it is now. */
export async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(blocking, `axe violations on ${name}`).toEqual([]);
}

/** A full-page phone-width screenshot in e2e/screenshots/ for people to look at. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Checks the page for accessibility and keeps a screenshot of it. */
export async function checkPage(page: Page, name: string) {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/** The field is marked invalid and the message it points to (aria-describedby) is shown. */
export async function expectFieldError(page: Page, field: Locator, message: RegExp) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const errorId = (await field.getAttribute("aria-describedby"))!.split(" ")[0];
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText(message);
}
