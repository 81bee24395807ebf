import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkPage } from "./helpers";
import { linksOf, waitForMail } from "./mail";
import { logIn } from "./practical";
import { appliedThenMoved, iso, MIN } from "./trainings";

const PASSWORD = process.env.KENSHU_E2E_ADMIN_PASSWORD;
const MAILDEV = process.env.KENSHU_E2E_MAILDEV;

/** `2026-12-17T18:32` in Tokyo, as a datetime-local input takes it. */
function tokyoInput(msFromNow: number) {
  const t = new Date(Math.floor((Date.now() + msFromNow) / MIN) * MIN + 9 * 3600_000);
  return t.toISOString().slice(0, 16);
}

/** A training held an hour ago, whose participant entered no code. */
async function heldTraining(request: APIRequestContext, email: string, fullName: string) {
  const { id } = await appliedThenMoved(request, {
    title: "手入力の確認研修",
    purpose: "出席・受講の記録の確認用",
    applicant: { email, fullName, member: "member" },
    moved: { starts_at: iso(-60 * MIN), ends_at: iso(-10 * MIN), application_closes_at: iso(-61 * MIN) },
  });
  return id;
}

for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test.describe(`attendance recorded by hand (${label})`, () => {
    test.skip(!PASSWORD || !MAILDEV, "KENSHU_E2E_ADMIN_PASSWORD or KENSHU_E2E_MAILDEV is not set");
    test.use({ viewport, isMobile: label === "phone", hasTouch: label === "phone" });

    test("staff record both times with a reason, the row shows 事務局が記録 and My Page the certificate", async ({
      page,
      request,
    }) => {
      const email = `byhand-${label}-${Date.now()}@example.jp`;
      const name = label === "phone" ? "函館 次郎" : "旭川 太郎";
      const id = await heldTraining(request, email, name);
      await logIn(page);
      await page.goto(`/staff/trainings/${id}/applications`);
      const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
      await expect(row).toContainText("―");

      await row.getByRole("button", { name: "出席・受講を記録" }).click();
      const dialog = page.getByRole("dialog", { name: `${name}さんの出席・受講を記録` });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText("研修の日時：");
      await dialog.getByLabel("出席確認時間", { exact: true }).fill(tokyoInput(-58 * MIN));
      // At reception after the end-code window: the time is now.
      await dialog.getByRole("button", { name: "受講確認時間に今の時刻を入れる" }).click();
      await expect(dialog.getByLabel("受講確認時間", { exact: true })).toHaveValue(new RegExp(`^${tokyoInput(0).slice(0, 10)}T\\d{2}:\\d{2}$`));
      // No reason: the server names the field and stores nothing.
      await dialog.getByRole("button", { name: "記録する" }).click();
      await expect(dialog.getByText("記録の理由を入力してください")).toBeVisible();
      await checkPage(page, `attendance-by-hand-01-dialog-${label}`);

      await dialog.getByLabel("記録の理由").fill("スマートフォンの電池切れのため、受付で本人確認");
      await dialog.getByRole("button", { name: "記録する" }).click();
      await expect(dialog).toBeHidden();
      await expect(row.getByRole("status")).toHaveText("出席・受講確認時間を記録しました。");
      await expect(row.getByText("事務局が記録")).toHaveCount(2);
      await expect(row).toContainText("理由：スマートフォンの電池切れのため、受付で本人確認");
      await row.scrollIntoViewIfNeeded();
      await checkPage(page, `attendance-by-hand-02-row-${label}`);

      // Opened again, the dialog offers to clear what staff recorded.
      await row.getByRole("button", { name: "出席・受講を記録" }).click();
      await expect(dialog.getByText("事務局が記録した時刻です。訂正するか、消去できます。")).toHaveCount(2);
      await expect(dialog.getByRole("button", { name: "受講確認時間を消去" })).toBeVisible();
      await dialog.getByRole("button", { name: "戻る" }).click();
      await expect(dialog).toBeHidden();

      // The participant sees the times and the certificate, not the office's reason.
      const mail = await waitForMail(request, MAILDEV!, email, /申込内容のご確認/);
      await page.goto(new URL(linksOf(mail).myPage).pathname);
      await expect(page.getByText("受講確認時間")).toBeVisible();
      await expect(page.getByRole("link", { name: "受講証明書をダウンロード" })).toBeVisible();
      await expect(page.getByText("電池切れ")).toHaveCount(0);
      await checkPage(page, `attendance-by-hand-03-my-page-${label}`);

      // Once the participant has the certificate, staff cannot clear a time it stands on:
      // the dialog says why under the field and what to do instead.
      const certificate = await request.get(`/api/v1${new URL(linksOf(mail).myPage).pathname}/certificate.pdf`);
      expect(certificate.status()).toBe(200);
      await page.goto(`/staff/trainings/${id}/applications`);
      await row.getByRole("button", { name: "出席・受講を記録" }).click();
      await dialog.getByRole("button", { name: "受講確認時間を消去" }).click();
      await dialog.getByLabel("記録の理由").fill("別の方の記録と取り違えたため");
      await dialog.getByRole("button", { name: "記録する" }).click();
      await expect(
        dialog.getByText("受講証明書を発行済みのため、受講確認時間は消去できません。誤りがある場合は時刻を訂正するか、先に受講証明書を取り消してください"),
      ).toBeVisible();
      await checkPage(page, `attendance-by-hand-04-certificate-issued-${label}`);
      await dialog.getByRole("button", { name: "戻る" }).click();
      await expect(row.getByText("事務局が記録")).toHaveCount(2);
    });
  });
}
