import { execFileSync } from "node:child_process";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkPage, screenshot } from "./helpers";
import { linksOf, waitForMail } from "./mail";
import { appliedThenMoved, iso, MIN } from "./trainings";

const EMAIL = process.env.KENSHU_E2E_ADMIN_EMAIL ?? "admin@kenshu.example";
const PASSWORD = process.env.KENSHU_E2E_ADMIN_PASSWORD;
const MAILDEV = process.env.KENSHU_E2E_MAILDEV;

/**
 * The day, in real time: the windows depend on the clock (the rule itself is tested with a set
 * clock in crates/domain). A training is created two days ahead so that one can apply, then
 * staff move it to have started two minutes ago and ended one minute ago, with a 10-minute
 * grace: now lies in both the start window (S−30 … S+10) and the end window (E … E+30).
 */
async function trainingOnItsDay(request: APIRequestContext, email: string) {
  const { id, headers } = await appliedThenMoved(request, {
    title: "当日の研修",
    purpose: "出席確認の確認用",
    applicant: { email, fullName: "札幌 花子", jobTitle: "主任介護支援専門員" },
    moved: {
      starts_at: iso(-2 * MIN),
      ends_at: iso(-1 * MIN),
      application_closes_at: iso(-3 * MIN),
      check_in_grace_minutes: 10,
    },
  });
  const res = await request.put(`/api/v1/admin/trainings/${id}/codes`, {
    headers,
    data: { start_code: "4821", end_code: "0937" },
  });
  expect(res.ok()).toBe(true);
  return id;
}

test.describe("the day of the training", () => {
  test.skip(!PASSWORD || !MAILDEV, "KENSHU_E2E_ADMIN_PASSWORD or KENSHU_E2E_MAILDEV is not set");

  test("an applicant checks in and checks out on a phone", async ({ page, request }) => {
    const email = `day-${Date.now()}@example.jp`;
    await trainingOnItsDay(request, email);
    const mail = await waitForMail(request, MAILDEV!, email, /申込内容のご確認/);
    const { myPage } = linksOf(mail);

    await page.goto(new URL(myPage).pathname);
    await expect(page.getByText("札幌 花子 様 ようこそ！")).toBeVisible();
    const start = page.getByLabel("開始番号入力欄");
    await expect(start).toBeEnabled();
    await checkPage(page, "day-01-check-in");

    // A wrong code is refused with the tries left; nothing is recorded.
    await start.fill("1111");
    await page.getByRole("button", { name: "研修に参加する" }).click();
    await expect(page.getByRole("alert")).toContainText("番号が正しくありません");
    await expect(page.getByRole("alert")).toContainText("あと4回");
    await checkPage(page, "day-02-wrong-code");

    // Full-width digits, as a phone keyboard may give them.
    await start.fill("４８２１");
    await page.getByRole("button", { name: "研修に参加する" }).click();
    await expect(page.getByText("出席確認時間")).toBeVisible();
    const end = page.getByLabel("終了番号入力欄");
    await expect(end).toBeEnabled();
    await checkPage(page, "day-03-check-out");

    await end.fill("0937");
    await page.getByRole("button", { name: "研修を完了する" }).click();
    await expect(page.getByText("受講確認時間")).toBeVisible();
    await expect(page.getByRole("heading", { name: "受講証明書" })).toBeVisible();
    await expect(page.getByRole("link", { name: "受講証明書をダウンロード" })).toHaveAttribute(
      "href",
      /\/api\/v1\/me\/[0-9a-f]+\/certificate\.pdf$/,
    );
    await checkPage(page, "day-04-done");

    // The 受講証明書 downloads as a PDF whose text holds the name and a verification code
    // that the public page behind the QR confirms.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "受講証明書をダウンロード" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const text = execFileSync("pdftotext", ["-layout", (await download.path())!, "-"], { encoding: "utf8" });
    expect(text).toMatch(/受\s*講\s*証\s*明\s*書/); // the title is letter-spaced
    // The attendee's title before the name, 様 after, as seed 000's certificate prints it.
    expect(text).toMatch(/主任介護支援専門員[ \u3000]+札幌 花子[ \u3000]+様/);
    const code = /検証コード\s+([0-9A-Z-]+)/.exec(text)?.[1];
    expect(code, text).toBeTruthy();
    await page.goto(`/verify/${code!.replace(/-/g, "")}`);
    await expect(page.getByRole("status")).toHaveText("この受講証明書は、正式に発行されたものです。");
    await expect(page.getByText("札幌 花子")).toBeVisible();
    await checkPage(page, "day-05-verify");
  });

  test("staff set the codes and project one full-screen", async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const id = await trainingOnItsDay(request, `day-staff-${Date.now()}@example.jp`);
    await page.goto("/staff/login");
    await page.getByLabel("メールアドレス").fill(EMAIL);
    await page.getByLabel("パスワード").fill(PASSWORD!);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/staff\/trainings$/);
    await page.goto(`/staff/trainings/${id}/codes`);
    await expect(page.getByRole("heading", { level: 1, name: "開始番号・終了番号" })).toBeVisible();
    await expect(page.getByText("4821")).toBeVisible();
    await page.getByLabel("終了番号を入力して設定").fill("12");
    await page.getByRole("button", { name: "入力した番号を保存する" }).click();
    await expect(page.getByText("4ケタの数字で入力してください")).toBeVisible();
    await checkPage(page, "day-05-staff-codes");

    // A code already posted in the hall is replaced only after a question; 戻る keeps it.
    const startCard = page.getByRole("region", { name: "開始番号" });
    await startCard.getByRole("button", { name: "自動生成する" }).click();
    const replace = page.getByRole("dialog", { name: "開始番号を新しい番号に置き換えますか？" });
    await expect(replace).toContainText("いまの開始番号（4821）は使えなくなります");
    await replace.getByRole("button", { name: "戻る" }).click();
    await expect(replace).toBeHidden();
    await expect(startCard.getByText("4821")).toBeVisible();

    await page.getByRole("link", { name: "全画面で投影する" }).first().click();
    await expect(page.getByText("【開始番号4ケタ】")).toBeVisible();
    await expect(page.getByText("4821")).toBeVisible();
    await expect(page.getByText(/入力締切まで あと/)).toBeVisible();
    await screenshot(page, "day-06-projection");
  });

  test("staff lift the lock of a participant who mistyped the code five times", async ({ page, request }) => {
    const email = `day-locked-${Date.now()}@example.jp`;
    const id = await trainingOnItsDay(request, email);
    const { myPage } = linksOf(await waitForMail(request, MAILDEV!, email, /申込内容のご確認/));
    const key = new URL(myPage).pathname.split("/").pop()!;
    for (const code of ["1110", "1111", "1112", "1113", "1114"]) {
      const res = await request.post(`/api/v1/me/${key}/check-in`, { data: { code } });
      expect(res.status()).toBe(422);
    }
    await page.goto(new URL(myPage).pathname);
    const start = page.getByLabel("開始番号入力欄");
    await start.fill("4821");
    await page.getByRole("button", { name: "研修に参加する" }).click();
    await expect(page.getByRole("alert")).toContainText("受付または事務局にお申し出ください");

    // At reception: staff find the participant and lift the lock.
    await page.goto("/staff/login");
    await page.getByLabel("メールアドレス").fill(EMAIL);
    await page.getByLabel("パスワード").fill(PASSWORD!);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page).toHaveURL(/\/staff\/trainings$/);
    await page.goto(`/staff/trainings/${id}/applications`);
    const row = page.locator("tbody tr", { hasText: email });
    await row.getByRole("button", { name: "番号の入力制限を解除" }).click();
    const dialog = page.getByRole("dialog", { name: "札幌 花子さんの番号の入力制限を解除しますか？" });
    await expect(dialog).toContainText("監査ログに記録されます");
    await checkPage(page, "day-08-unlock-dialog");
    await dialog.getByRole("button", { name: "解除する" }).click();
    await expect(row.getByRole("status")).toHaveText(
      "番号の入力ミス5回分を取り消しました。開始番号・終了番号をもう一度入力できます。",
    );

    await page.goto(new URL(myPage).pathname);
    await page.getByLabel("開始番号入力欄").fill("4821");
    await page.getByRole("button", { name: "研修に参加する" }).click();
    await expect(page.getByText("出席確認時間")).toBeVisible();
  });

  test("an applicant who lost the mail gets a fresh link", async ({ page, request }) => {
    const email = `day-resend-${Date.now()}@example.jp`;
    const list = await request.get("/api/v1/trainings");
    const items = ((await list.json()) as { items: { id: number; title: string }[] }).items;
    const training = items.find((t) => t.title.includes("ケアマネ")) ?? items[0];
    await page.goto(`/trainings/${training.id}`);
    await page.getByLabel("メールアドレス").fill("hanako");
    await page.getByRole("button", { name: "マイページURLを再送する" }).click();
    await expect(page.getByText("メールアドレスの形式が正しくありません")).toBeVisible();
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByRole("button", { name: "マイページURLを再送する" }).click();
    await expect(page.getByText(/新しいマイページURLを記載したメールをお送りしました/)).toBeVisible();
    await checkPage(page, "day-07-resend");
  });
});
