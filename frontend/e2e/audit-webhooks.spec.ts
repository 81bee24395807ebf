import { expect, test } from "./fixtures";
import { checkPage, expectFieldError, screenshot } from "./helpers";
import { logIn } from "./practical";

const PASSWORD = process.env.KENSHU_E2E_ADMIN_PASSWORD;

test.describe("admin console: webhooks and the audit log", () => {
  test.skip(!PASSWORD, "KENSHU_E2E_ADMIN_PASSWORD is not set");

  test("an admin registers a webhook, sees its secret once, and finds it in the audit log", async ({ page }) => {
    await logIn(page);
    await page.getByRole("link", { name: "Webhook" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhook" })).toBeVisible();

    // A link-local address is refused with a Japanese reason on the field; nothing is stored.
    const url = page.getByLabel(/送信先URL/);
    await url.fill("http://169.254.169.254/latest/meta-data");
    await page.getByRole("button", { name: "登録する" }).click();
    await expectFieldError(page, url, /リンクローカルアドレス.*送信できません/);
    await expect(page.getByText("169.254.169.254")).toHaveCount(0);
    await checkPage(page, "60-webhooks-refused");

    // A receiver on loopback (the browser tests' server allows private addresses).
    const receiver = `http://127.0.0.1:9/kenshu-hook-${Date.now()}`;
    await url.fill(receiver);
    await page.getByRole("button", { name: "登録する" }).click();
    await expect(page.getByText(/シークレットは今だけ表示されます/)).toBeVisible();
    await expect(page.locator(".webhook-secret")).toHaveText(/^whsec_[0-9a-f]{64}$/);
    const hooks = page.getByRole("list", { name: "登録済みのWebhook" }).getByRole("listitem").filter({ hasText: receiver });
    await expect(hooks.getByText("有効")).toBeVisible();
    await checkPage(page, "61-webhooks-created");

    await hooks.getByRole("button", { name: "停止する" }).click();
    await expect(hooks.getByText("停止中")).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, "62-webhooks-desktop");

    await page.getByRole("link", { name: "監査ログ" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "監査ログ" })).toBeVisible();
    const table = page.getByRole("table", { name: "監査ログ" });
    await expect(table.getByText("Webhookの停止").first()).toBeVisible();
    await expect(table.getByText("ログイン").first()).toBeVisible();
    await screenshot(page, "63-audit-desktop");

    await page.getByLabel("操作（一部）").fill("webhooks");
    await page.getByRole("button", { name: "絞り込む" }).click();
    await expect(page).toHaveURL(/action=webhooks/);
    await expect(table.getByText("POST /api/v1/auth/login")).toHaveCount(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await checkPage(page, "64-audit-phone");
  });
});
