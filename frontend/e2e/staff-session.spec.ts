import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkPage, screenshot } from "./helpers";

const ADMIN_EMAIL = process.env.KENSHU_E2E_ADMIN_EMAIL ?? "admin@kenshu.example";
const ADMIN_PASSWORD = process.env.KENSHU_E2E_ADMIN_PASSWORD;
const PREFECTURE_EMAIL = process.env.KENSHU_E2E_PREFECTURE_EMAIL ?? "hokkaido@kenshu.example";
const PREFECTURE_PASSWORD = process.env.KENSHU_E2E_PREFECTURE_PASSWORD;

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/staff/login");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "研修の管理" })).toBeVisible();
}

test.describe("the staff session", () => {
  test.skip(!ADMIN_PASSWORD || !PREFECTURE_PASSWORD, "the demo's passwords are not set (KENSHU_E2E_*_PASSWORD)");

  test("survives a reload and a new tab, is not readable by script, and ends everywhere on sign-out", async ({
    page,
    context,
  }) => {
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD!);
    // The sign-in is an HttpOnly cookie: page script sees neither it nor a stored token.
    expect(await page.evaluate(() => document.cookie)).toBe("");
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain("eyJ");

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "研修の管理" })).toBeVisible();

    const tab = await context.newPage();
    await tab.goto("/staff/trainings");
    await expect(tab.getByRole("heading", { level: 1, name: "研修の管理" })).toBeVisible();
    await expect(tab.getByRole("button", { name: "ログアウト" })).toBeVisible();

    // Signing out in one tab ends the other one too.
    await page.getByRole("button", { name: "ログアウト" }).click();
    await expect(page).toHaveURL(/\/staff\/login$/);
    await tab.reload();
    await expect(tab).toHaveURL(/\/staff\/login$/);
    await tab.close();
  });

  test("the prefecture sees the trainings without any button that changes something", async ({ page }) => {
    await signIn(page, PREFECTURE_EMAIL, PREFECTURE_PASSWORD!);
    await expect(page.getByRole("article").first()).toBeVisible();
    const nav = page.getByRole("navigation", { name: "事務局メニュー" });
    await expect(nav.getByText("北海道（閲覧のみ）")).toBeVisible();
    await expect(nav.getByRole("link", { name: "アカウント管理" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "APIトークン" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /新規作成/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /^編集/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /受付を締め切る|終了|公開|中止/ })).toHaveCount(0);
    await checkPage(page, "staff-session-prefecture-list");

    // The practical training's selection: the list, but no bulk steps or decisions.
    const selection = page.getByRole("link", { name: /選考・受講決定/ }).first();
    if ((await selection.count()) > 0) {
      await selection.click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("button", { name: /選択した申込を/ })).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "決定と通知" })).toHaveCount(0);
      await screenshot(page, "staff-session-prefecture-selection");
    }

    // An admin page typed in by hand leads back to the trainings.
    await page.goto("/staff/accounts");
    await expect(page).toHaveURL(/\/staff\/trainings$/);
    await page.getByRole("button", { name: "ログアウト" }).click();
    await expect(page).toHaveURL(/\/staff\/login$/);
  });

  test("an admin adds a staff account and issues an API token shown once", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD!);

    await page.getByRole("link", { name: "アカウント管理" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "アカウント管理" })).toBeVisible();
    const email = `e2e-staff-${Date.now()}@kenshu.example`;
    const form = page.getByRole("form", { name: "アカウントを追加する" });
    await form.getByLabel("メールアドレス").fill(email);
    await form.getByLabel("権限").selectOption("staff");
    await form.getByLabel("初期パスワード").fill("short");
    await form.getByRole("button", { name: "アカウントを追加" }).click();
    await expect(form.getByText("パスワードは12文字以上")).toBeVisible();
    await form.getByLabel("初期パスワード").fill("e2e-shoki-password-1234");
    await form.getByRole("button", { name: "アカウントを追加" }).click();
    await expect(page.getByText(`${email} のアカウントを作成しました。`)).toBeVisible();
    await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
    await checkPage(page, "staff-session-accounts");

    await page.getByRole("link", { name: "APIトークン" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "APIトークン" })).toBeVisible();
    const name = `E2E連携 ${Date.now()}`;
    await page.getByLabel("名前（連携するシステムなど）").fill(name);
    await page.getByLabel(/研修の閲覧/).check();
    await page.getByLabel(/申込の閲覧/).check();
    await page.getByRole("button", { name: "トークンを発行" }).click();
    const secret = page.getByLabel("トークン", { exact: true });
    await expect(secret).toHaveValue(/^kenshu_pat_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByText("いまだけ表示されます")).toBeVisible();
    const value = await secret.inputValue();
    await page.getByRole("button", { name: "コピーする" }).click();
    await expect(page.getByRole("button", { name: "コピーしました" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
    await checkPage(page, "staff-session-token-created");

    // The token works against the API, without the browser's session.
    const res = await page.request.fetch("/api/v1/admin/trainings", {
      headers: { Authorization: `Bearer ${value}`, Cookie: "" },
    });
    expect(res.status()).toBe(200);

    // Closed: the secret is gone for good; the list shows only its first characters.
    await page.getByRole("button", { name: "保存したので閉じる" }).click();
    await expect(page.getByLabel("トークン", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
    expect(await page.content()).not.toContain(value);
    await page.reload();
    await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
    expect(await page.content()).not.toContain(value);

    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, "staff-session-tokens-desktop");
  });
});
