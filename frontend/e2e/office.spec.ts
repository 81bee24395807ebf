import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkPage } from "./helpers";
import { waitForMail } from "./mail";
import { logIn } from "./practical";

const EMAIL = process.env.KENSHU_E2E_ADMIN_EMAIL ?? "admin@kenshu.example";
const PASSWORD = process.env.KENSHU_E2E_ADMIN_PASSWORD;
const MAILDEV = process.env.KENSHU_E2E_MAILDEV;

const iso = (msFromNow: number) => new Date(Math.floor((Date.now() + msFromNow) / 1000) * 1000).toISOString();
const DAY = 86_400_000;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

async function staffToken(request: APIRequestContext) {
  const res = await request.post("/api/v1/auth/login", { data: { email: EMAIL, password: PASSWORD } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A published training of one seat with a waiting list, the seat taken on the public form. */
async function fullTraining(request: APIRequestContext, seated: string) {
  const headers = { authorization: `Bearer ${await staffToken(request)}` };
  const res = await request.post("/api/v1/admin/trainings", {
    headers,
    data: {
      title: `事務局業務の確認研修 ${Date.now()}`,
      purpose: "事務局の操作確認用",
      organiser: "札幌市介護支援専門員連絡協議会",
      starts_at: iso(10 * DAY),
      ends_at: iso(10 * DAY + 2 * 3600_000),
      venue: "札幌市社会福祉総合センター",
      theme: "テーマ",
      lecturer: "講師",
      target_audience: "介護支援専門員",
      fee_yen: 0,
      capacity: 1,
      format: "in_person",
      application_opens_at: iso(-DAY),
      application_closes_at: iso(5 * DAY),
      issues_certificate: false,
      checklist_required: false,
      form_kind: "simple",
      waiting_list: true,
    },
  });
  expect(res.status()).toBe(201);
  const id = ((await res.json()) as { id: number }).id;
  expect((await request.post(`/api/v1/admin/trainings/${id}/publish`, { headers })).ok()).toBe(true);
  const applied = await request.post(`/api/v1/trainings/${id}/applications`, {
    data: {
      member: "member",
      full_name: "札幌 花子",
      workplace: "有限会社谷川企画",
      phone: "0123-45-6789",
      email: seated,
      email_confirmation: seated,
      privacy_consent: true,
    },
  });
  expect(applied.status()).toBe(201);
  return id;
}

function searchFor(page: Page, q: string) {
  return async () => {
    await page.getByLabel("申込者を検索").fill(q);
    await page.getByRole("button", { name: "検索", exact: true }).click();
  };
}

for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test.describe(`the office's daily work (${label})`, () => {
    test.skip(!PASSWORD || !MAILDEV, "KENSHU_E2E_ADMIN_PASSWORD or KENSHU_E2E_MAILDEV is not set");
    test.use({ viewport, isMobile: label === "phone", hasTouch: label === "phone" });

    test("staff enter a phone application, find it, cancel with a reason, share a file and see the outbox", async ({
      page,
      request,
    }) => {
      const stamp = Date.now();
      const seated = `seated-${label}-${stamp}@example.jp`;
      const caller = `caller-${label}-${stamp}@example.jp`;
      const id = await fullTraining(request, seated);
      await logIn(page);
      await page.goto(`/staff/trainings/${id}/applications`);
      const dashboard = page.getByRole("region", { name: "研修の集計" });
      await expect(dashboard).toContainText("申込1");

      // A phone call: the office types the application; it joins the waiting list.
      await page.getByText("電話・FAXなどの申込を代理入力する").click();
      const entry = page.getByRole("form", { name: "電話・FAXなどの申込を代理入力" });
      await entry.getByLabel("電話", { exact: true }).check();
      await entry.getByLabel("非会員").check();
      await entry.getByLabel("氏名").fill("旭川 太郎");
      await entry.getByLabel("資格・職名").fill("ｹｱﾏﾈｼﾞｬｰ");
      await entry.getByLabel("ふりがな").fill("あさひかわ たろう");
      await entry.getByLabel("勤務先").fill("旭川ケアプランセンター");
      await entry.getByLabel("電話番号").fill("０１６６－２３－１２３４");
      await entry.getByLabel("住所").fill("旭川市6条通9丁目");
      await entry.locator("#entry-email").fill(caller);
      await entry.locator("#entry-email-confirmation").fill(caller);
      await entry.getByLabel("個人情報保護方針への同意を申込者に確認しました").check();
      await checkPage(page, `70-office-entry-${label}`);
      await entry.getByRole("button", { name: "申込を登録してメールを送る" }).click();
      await expect(entry.getByRole("status")).toContainText("旭川 太郎さんの申込を登録しました（キャンセル待ち・1番目）");
      const ack = await waitForMail(request, MAILDEV!, caller, /申込内容のご確認/);
      expect(ack.text).toContain("/me/");

      // Search by ふりがな in half-width katakana, then in hiragana without the space.
      for (const q of ["ｱｻﾋｶﾜ", "あさひかわたろう"]) {
        await searchFor(page, q)();
        const rows = page.locator("tbody tr");
        await expect(rows).toHaveCount(1);
        await expect(rows.first()).toContainText("旭川 太郎");
        await expect(rows.first()).toContainText("事務局入力（電話）");
        await expect(rows.first().locator(".cell-title")).toHaveText("ケアマネジャー");
      }
      await checkPage(page, `71-office-search-${label}`);

      // The caller spelled the title differently: corrected with the contact, in its own width.
      const callerRow = page.locator("tbody tr", { hasText: "旭川 太郎" });
      await callerRow.getByRole("button", { name: "連絡先・職名を修正" }).click();
      const correct = page.getByRole("dialog", { name: "旭川 太郎さんの連絡先・職名を修正" });
      await expect(correct.getByLabel("資格・職名")).toHaveValue("ケアマネジャー");
      await correct.getByLabel("資格・職名").fill("主任介護支援専門員\u3000");
      await correct.getByRole("button", { name: "修正を保存" }).click();
      await expect(correct).toBeHidden();
      await expect(callerRow.locator(".cell-title")).toHaveText("主任介護支援専門員");
      await page.getByRole("link", { name: "検索を解除" }).click();

      // Cancel the seated applicant with a reason: the caller moves up and is mailed.
      const seatedRow = page.locator("tbody tr", { hasText: "札幌 花子" });
      await seatedRow.getByRole("button", { name: "キャンセル" }).click();
      const dialog = page.getByRole("dialog", { name: "札幌 花子さんの申込をキャンセルしますか？" });
      await expect(dialog).toContainText("最初の方が繰り上がり");
      await checkPage(page, `72-office-cancel-dialog-${label}`);
      await dialog.getByRole("button", { name: "キャンセルする" }).click();
      await expect(dialog.getByText("キャンセルの理由を入力してください")).toBeVisible();
      await dialog.getByLabel("キャンセルの理由").fill("ご本人から電話で取り消しの連絡あり");
      await dialog.getByRole("button", { name: "キャンセルする" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.locator("tbody tr", { hasText: "旭川 太郎" })).toContainText("申込済み");
      await expect(seatedRow).toContainText("理由：ご本人から電話で取り消しの連絡あり");
      await waitForMail(request, MAILDEV!, caller, /繰り上げ/);
      await waitForMail(request, MAILDEV!, seated, /キャンセルを承りました/);
      await expect(dashboard).toContainText("キャンセル1");

      // A public file, shown on the training's public page.
      const files = page.getByRole("region", { name: "関連ファイル" });
      await files.locator("#file-input").setInputFiles({ name: "研修案内.pdf", mimeType: "application/pdf", buffer: PDF });
      await files.getByLabel("表示名").fill(`研修案内 ${label}`);
      await files.getByLabel("公開（研修の詳細ページ）").check();
      await files.getByRole("button", { name: "アップロード" }).click();
      await expect(files.getByRole("link", { name: `研修案内 ${label}` })).toBeVisible();
      await page.goto(`/trainings/${id}`);
      await expect(page.getByRole("link", { name: new RegExp(`研修案内 ${label}`) })).toBeVisible();

      // The outbox lists the mails, failures first, with 再送 for any not delivered.
      await page.goto("/staff/outbox");
      const mails = page.getByRole("list", { name: "送信メール" });
      await expect(mails.getByRole("article").filter({ hasText: caller }).first()).toBeVisible();
      await checkPage(page, `73-office-outbox-${label}`);
    });
  });
}

test.describe("destructive buttons ask first", () => {
  test.skip(!PASSWORD || !MAILDEV, "KENSHU_E2E_ADMIN_PASSWORD or KENSHU_E2E_MAILDEV is not set");
  test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });

  test("clearing the new-training form and cancelling a training are confirmed; only fitting steps are offered", async ({
    page,
    request,
  }) => {
    const id = await fullTraining(request, `ask-${Date.now()}@example.jp`);
    const headers = { authorization: `Bearer ${await staffToken(request)}` };
    expect((await request.post(`/api/v1/admin/trainings/${id}/close`, { headers })).ok()).toBe(true);
    await logIn(page);

    // 入力内容を消去: 戻る keeps what was typed, 消去する empties it.
    await page.goto("/staff/trainings/new");
    await page.getByLabel("研修名").fill("消さないでほしい研修名");
    await page.getByRole("button", { name: "入力内容を消去" }).click();
    const clear = page.getByRole("dialog", { name: "入力内容を消去しますか？" });
    await expect(clear).toContainText("元に戻せません");
    await clear.getByRole("button", { name: "戻る" }).click();
    await expect(page.getByLabel("研修名")).toHaveValue("消さないでほしい研修名");
    await page.getByRole("button", { name: "入力内容を消去" }).click();
    await clear.getByRole("button", { name: "消去する" }).click();
    await expect(page.getByLabel("研修名")).toHaveValue("");

    // A closed training before its start: 受付再開 and 中止, no 終了; 中止 asks first.
    await page.goto(`/staff/trainings/${id}/applications`);
    const steps = page.getByRole("group", { name: /の状態を変更$/ });
    await expect(steps.getByRole("button", { name: "受付再開" })).toBeVisible();
    await expect(steps.getByRole("button", { name: "終了" })).toHaveCount(0);
    await steps.getByRole("button", { name: "中止" }).click();
    const cancel = page.getByRole("dialog", { name: "この研修を中止しますか？" });
    await expect(cancel).toContainText("中止は元に戻せません");
    await checkPage(page, "74-office-cancel-training-dialog");
    await cancel.getByRole("button", { name: "戻る" }).click();
    await steps.getByRole("button", { name: "受付再開" }).click();
    await page.getByRole("dialog", { name: "申込の受付を再開しますか？" }).getByRole("button", { name: "受付再開する" }).click();
    await expect(steps.getByRole("button", { name: "締切" })).toBeVisible();
  });
});
