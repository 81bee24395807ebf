import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { checkPage } from "./helpers";
import { waitForMail } from "./mail";
import { ADMIN_PASSWORD, adminToken, createPracticalTraining, seedABody, submitPractical } from "./practical";

/*
 * The practical applicant's My Page (issue 10): opened from the acknowledgement mail on a
 * phone, it shows 受講決定 once the notices are sent, hands out the notice, and cancels only
 * from its confirmation page.
 */

const MAILDEV = process.env.KENSHU_E2E_MAILDEV;

test.describe("the practical applicant's My Page", () => {
  test.skip(!ADMIN_PASSWORD || !MAILDEV, "KENSHU_E2E_ADMIN_PASSWORD or KENSHU_E2E_MAILDEV is not set");

  test("opens from the mail, shows 受講決定 after the notices, downloads the notice and cancels", async ({
    page,
    request,
  }) => {
    const training = await createPracticalTraining(request, `E2E 実践研修 マイページ ${Date.now()}`);
    const email = `practical-me-${Date.now()}@example.jp`;
    const receipt = await submitPractical(request, training.id, seedABody(email, "髙橋 花子", training.scheduleIds[0]));

    const mail = await waitForMail(request, MAILDEV!, email, /申込内容のご確認/);
    expect(mail.text).toContain(`【受付番号】${receipt}`);
    const myPage = (mail.text ?? "").match(/https?:\/\/\S+\/me\/practical\/[0-9a-f]+/)?.[0];
    expect(myPage, mail.text).toBeDefined();

    await page.goto(new URL(myPage!).pathname);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(training.title);
    await expect(page.getByText(`受付番号：${receipt}`)).toBeVisible();
    await expect(page.getByRole("region", { name: "申込状況" })).toContainText("受付済み");

    // Staff decide as proposed and send the notices.
    const headers = { Authorization: `Bearer ${await adminToken(request)}` };
    const proposal = await request.post(`/api/v1/admin/trainings/${training.id}/practical-selection/apply-proposal`, {
      headers,
    });
    expect(proposal.status(), await proposal.text()).toBe(200);
    const notices = await request.post(`/api/v1/admin/trainings/${training.id}/practical-notices`, { headers });
    expect(notices.status(), await notices.text()).toBe(200);

    await page.reload();
    const status = page.getByRole("region", { name: "申込状況" });
    await expect(status).toContainText("受講決定");
    await expect(status).toContainText("演習日程：第1日程");
    await checkPage(page, "70-practical-my-page-accepted");

    const [letter] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "受講可否通知（PDF）をダウンロード" }).click(),
    ]);
    expect((await readFile((await letter.path())!)).subarray(0, 5).toString()).toBe("%PDF-");

    // The cancellation page asks first; only its button cancels.
    await page.getByRole("link", { name: "申込をキャンセルする" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "申込のキャンセル" })).toBeVisible();
    await expect(page.getByText(/申込をキャンセルしますか/)).toBeVisible();
    await checkPage(page, "71-practical-my-page-cancel");
    await page.getByRole("button", { name: "申込をキャンセルする" }).click();
    await expect(page.getByText("キャンセルしました", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "‹ マイページへ戻る" }).click();
    await expect(page.getByRole("region", { name: "申込状況" })).toContainText("キャンセル済み");
    await expect(page.getByRole("link", { name: "申込をキャンセルする" })).toHaveCount(0);
  });
});
