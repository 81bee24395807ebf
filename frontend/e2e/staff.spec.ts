import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkPage, ERA_DATE, expectFieldError, screenshot } from "./helpers";

const EMAIL = process.env.KENSHU_E2E_ADMIN_EMAIL ?? "admin@kenshu.example";
const PASSWORD = process.env.KENSHU_E2E_ADMIN_PASSWORD;

/** When this file was loaded. The days below count from it, so a test that runs across midnight
 * in Tokyo fills and expects the same dates: a run that crossed 00:00 JST between the two failed. */
const LOADED = Date.now();

/** A datetime-local value in Tokyo wall time, `days` from the day this file was loaded. */
function tokyoDay(days: number, time: string): string {
  const d = new Date(LOADED + 9 * 3600_000 + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${time}`;
}

async function logIn(page: Page) {
  await page.getByLabel("メールアドレス").fill(EMAIL);
  await page.getByLabel("パスワード").fill(PASSWORD!);
  await page.getByRole("button", { name: "ログイン" }).click();
}

test.describe("staff", () => {
  test.skip(!PASSWORD, "KENSHU_E2E_ADMIN_PASSWORD is not set");

  test("staff log in, get field errors from the server, and create a draft", async ({ page }) => {
    // A staff page without a session leads to the login page.
    await page.goto("/staff/trainings");
    await expect(page).toHaveURL(/\/staff\/login$/);
    await expect(page.getByRole("heading", { level: 1, name: "事務局ログイン" })).toBeVisible();
    await checkPage(page, "09-staff-login");

    // A wrong password is refused with the server's Japanese message.
    await page.getByLabel("メールアドレス").fill(EMAIL);
    await page.getByLabel("パスワード").fill(`${PASSWORD}-wrong`);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page.getByRole("alert")).toHaveText(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await expect(page).toHaveURL(/\/staff\/login$/);
    await checkPage(page, "10-staff-login-refused");

    await logIn(page);
    await expect(page).toHaveURL(/\/staff\/trainings$/);
    await expect(page.getByRole("heading", { level: 1, name: "研修の管理" })).toBeVisible();
    await expect(page.getByRole("article").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
    await checkPage(page, "11-staff-list");

    await page.getByRole("link", { name: /新規作成/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "研修の新規作成" })).toBeVisible();
    await checkPage(page, "12-staff-new");

    // Submitted empty: every required field is named at once, each message next to its field.
    const save = page.getByRole("button", { name: "下書きとして保存" });
    await save.click();
    const title = page.getByLabel("研修名");
    await expectFieldError(page, title, /研修名を入力してください/);
    await expectFieldError(page, page.getByLabel("開始日時"), /開始日時を入力してください/);
    await expectFieldError(page, page.getByLabel("定員"), /定員を入力してください/);
    await expect(page.getByRole("alert").first()).toBeVisible();
    await checkPage(page, "13-staff-new-empty-errors");

    // Filled in, but with mistakes only the server catches: it names each field.
    const name = `E2E 確認用研修 ${Date.now()}`;
    await title.fill(name);
    await page.getByLabel("目的").fill("研修予約システムの動作確認のための研修です。");
    await page.getByLabel("主催").fill("研修予約システム 事務局");
    await page.getByLabel("テーマ").fill("「オンライン研修の受け方」");
    await page.getByLabel("講師").fill("事務局 担当者");
    await page.getByLabel("対象者").fill("介護支援専門員");
    await page.getByLabel("開始日時").fill(tokyoDay(60, "18:30"));
    await page.getByLabel("終了日時").fill(tokyoDay(60, "20:00"));
    await page.getByRole("textbox", { name: "会場" }).fill("オンライン（Zoom）");
    await page.getByLabel("オンライン(Zoom)").check();
    await page.getByLabel("参加費(円)").fill("0");
    await page.getByLabel("定員").fill("50");
    await page.getByLabel("受付開始").fill(tokyoDay(0, "09:00"));
    await page.getByLabel("受付締切").fill(tokyoDay(65, "17:00")); // after the training ends
    await page.getByLabel("受講証明書の発行").check();
    await page.getByLabel("チェック表の回答を必須にする").check();
    await page.getByLabel("北海道実践研修").check();
    await page.getByRole("button", { name: /演習日程を追加/ }).click();
    const schedule = page.getByRole("group", { name: "演習日程 1" });
    await schedule.getByLabel("日程名").fill("演習A日程");
    await schedule.getByLabel("開始日時").fill(tokyoDay(61, "10:00"));
    await schedule.getByLabel("終了日時").fill(tokyoDay(61, "16:00"));
    await schedule.getByLabel("定員").fill("25");
    await save.click();
    await expectFieldError(page, page.getByLabel("Zoom URL"), /Zoom/);
    await expectFieldError(page, page.getByLabel("ミーティングID"), /ミーティングID/);
    await expectFieldError(page, page.getByLabel("受付締切"), /受付締切は研修の終了日時までにしてください/);
    await expect(page.getByText("入力内容に誤りがあります")).toBeVisible();
    await checkPage(page, "14-staff-new-server-errors");

    await page.getByLabel("Zoom URL").fill("https://zoom.example/j/12345678901");
    await page.getByLabel("ミーティングID").fill("123 4567 8901");
    await page.getByLabel("パスコード").fill("kenshu");
    await page.getByLabel("受付締切").fill(tokyoDay(50, "17:00"));
    await screenshot(page, "15-staff-new-filled");

    await save.click();
    await expect(page).toHaveURL(/\/staff\/trainings$/);
    await expect(page.getByText("研修を下書きとして保存しました。")).toBeVisible();
    const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name }) });
    await expect(card).toBeVisible();
    await expect(card.getByText("下書き", { exact: true })).toBeVisible();
    await expect(card.getByText(ERA_DATE).first()).toBeVisible();
    await expect(card.getByRole("button", { name: "公開" })).toBeVisible();
    await checkPage(page, "16-staff-list-created");

    // The edit form shows the saved values back in Tokyo time.
    await card.getByRole("link", { name: /編集/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "研修の編集" })).toBeVisible();
    await expect(page.getByLabel("研修名")).toHaveValue(name);
    await expect(page.getByLabel("開始日時").first()).toHaveValue(tokyoDay(60, "18:30"));
    await expect(page.getByRole("group", { name: "演習日程 1" }).getByLabel("日程名")).toHaveValue("演習A日程");
    await checkPage(page, "17-staff-edit");
  });
});
