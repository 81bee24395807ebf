import { execFileSync } from "node:child_process";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkPage } from "./helpers";
import { linksOf, waitForMail } from "./mail";
import { ADMIN_PASSWORD, adminToken, logIn } from "./practical";

const MAILDEV = process.env.KENSHU_E2E_MAILDEV;
/** `sqlite://path?mode=rwc`: the codes are entered through another feature's pages, so the survey test writes them. */
const SQLITE = /^sqlite:\/\/([^?]+)/.exec(process.env.KENSHU_DATABASE_URL ?? "")?.[1];

/** A published online training with a Zoom room, two weeks from now; returns its id. */
async function onlineTraining(request: APIRequestContext, title: string): Promise<number> {
  const headers = { Authorization: `Bearer ${await adminToken(request)}` };
  const starts = new Date(Date.now() + 14 * 86_400_000);
  const created = await request.post("/api/v1/admin/trainings", {
    headers,
    data: {
      title,
      purpose: "介護支援専門員の資質向上を目的とする。",
      organiser: "一般社団法人札幌市介護支援専門員連絡協議会",
      starts_at: starts.toISOString(),
      ends_at: new Date(starts.getTime() + 2 * 3600_000).toISOString(),
      venue: "WEB研修（Zoom）",
      theme: "「自立をどのように考えるか」",
      lecturer: "研修委員長",
      target_audience: "介護支援専門員",
      fee_yen: 0,
      capacity: 150,
      format: "online",
      zoom_url: "https://us02web.zoom.us/j/87320701848",
      zoom_meeting_id: "873 2070 1848",
      zoom_passcode: "548733",
      application_opens_at: new Date(Date.now() - 60_000).toISOString(),
      application_closes_at: new Date(starts.getTime() - 86_400_000).toISOString(),
      issues_certificate: true,
      checklist_required: false,
      form_kind: "simple",
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: number }).id;
  expect((await request.post(`/api/v1/admin/trainings/${id}/publish`, { headers })).status()).toBe(200);
  return id;
}

async function apply(request: APIRequestContext, trainingId: number, email: string, fullName: string) {
  const res = await request.post(`/api/v1/trainings/${trainingId}/applications`, {
    data: {
      member: "member",
      full_name: fullName,
      workplace: "居宅介護支援事業所きたのもり",
      phone: "011-123-4567",
      email,
      email_confirmation: email,
      privacy_consent: true,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test.describe("Zoom checks and the survey", () => {
  test.skip(!ADMIN_PASSWORD, "KENSHU_E2E_ADMIN_PASSWORD is not set");

  test("staff tick the grid with the keyboard and approve in bulk", async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const stamp = Date.now();
    const id = await onlineTraining(request, `Zoom確認テスト ${stamp}`);
    const names = ["札幌 花子", "髙橋 一郎", "𠮷田 次郎"];
    for (const [i, name] of names.entries()) await apply(request, id, `zoom-${stamp}-${i}@example.jp`, name);

    await logIn(page);
    await page.goto(`/staff/trainings/${id}/zoom-checks`);
    await expect(page.getByRole("heading", { level: 1, name: "Zoom受講確認" })).toBeVisible();
    await expect(page.getByText("確認中 3")).toBeVisible();

    // Tick ①–④ for everyone with the column buttons…
    for (const mark of ["①", "②", "③", "④"]) {
      await page.getByRole("button", { name: new RegExp(`^全員\\s*（${mark}`) }).click();
    }
    // …then untick ④ of the second with the keyboard: arrows move, Space ticks.
    await page.getByRole("checkbox", { name: `${names[0]} ④開始・中間・終了時に①②を確認` }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("checkbox", { name: `${names[1]} ④開始・中間・終了時に①②を確認` })).toBeFocused();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: /チェックを保存/ }).click();
    await expect(page.getByRole("button", { name: "チェックを保存" })).toBeDisabled();

    // Selecting the second among others is refused with their name.
    await page.getByRole("checkbox", { name: `${names[1]}を選択` }).check();
    await page.getByRole("button", { name: "選択した1名を承認" }).click();
    await expect(page.getByRole("alert")).toContainText("髙橋 一郎さんは④の確認が済んでいないため承認できません");

    await page.getByRole("button", { name: "①〜④がそろった人をすべて承認" }).click();
    await expect(page.getByText("承認しました（承認済み 2名）")).toBeVisible();
    await expect(page.getByText("確認中 1")).toBeVisible();

    // Withhold the second with a reason (required).
    await page.getByRole("button", { name: new RegExp(`^見送り\\s*（${names[1]}）`) }).click();
    await page.getByRole("button", { name: "発行を見送る" }).click();
    await expect(page.getByText("発行を見送る理由を入力してください")).toBeVisible();
    await page.getByLabel(/発行を見送る理由/).fill("研修中、カメラがオフの時間が長く確認できませんでした");
    await page.getByRole("button", { name: "発行を見送る" }).click();
    await expect(page.getByText("発行見送り 1")).toBeVisible();

    // Filters: name search and the decision.
    await page.getByLabel("氏名で検索").fill("𠮷田");
    await expect(page.getByRole("row")).toHaveCount(2);
    await page.getByLabel("氏名で検索").fill("");
    await page.getByLabel("判定").selectOption("approved");
    await expect(page.getByRole("row")).toHaveCount(3);
    await page.getByLabel("判定").selectOption("all");
    await checkPage(page, "zoom-01-staff-grid");
  });

  test("a participant answers the survey once on a phone", async ({ page, request }) => {
    test.skip(!MAILDEV || !SQLITE, "needs maildev and the SQLite database of the server");
    const stamp = Date.now();
    const id = await onlineTraining(request, `アンケートテスト ${stamp}`);
    const headers = { Authorization: `Bearer ${await adminToken(request)}` };
    const defined = await request.put(`/api/v1/admin/trainings/${id}/survey`, {
      headers,
      data: {
        certificate_needs_survey: true,
        questions: [
          { kind: "single_choice", text: "本日の研修の内容はいかがでしたか", required: true, options: ["役に立った", "役に立たなかった"] },
          { kind: "multiple_choice", text: "良かった点", options: ["講義", "グループワーク", "資料"] },
          { kind: "scale", text: "満足度", required: true, options: ["不満", "やや不満", "普通", "やや満足", "満足"] },
          { kind: "free_text", text: "ご意見・ご感想" },
        ],
      },
    });
    expect(defined.status(), await defined.text()).toBe(200);
    const email = `survey-${stamp}@example.jp`;
    await apply(request, id, email, "髙﨑 𠮷");
    const { myPage } = linksOf(await waitForMail(request, MAILDEV!, email));
    const key = myPage.split("/me/")[1];
    const sql = `UPDATE applications SET checked_in_at = created_at, checked_out_at = created_at WHERE email = '${email}'`;
    execFileSync("sqlite3", [SQLITE!, sql]);

    await page.goto(`/me/${key}/survey`);
    await expect(page.getByText("髙﨑 𠮷 様、本日はご受講ありがとうございました", { exact: false })).toBeVisible();
    await page.getByRole("button", { name: "回答を送信する" }).click();
    await expect(page.getByText("介護支援専門員番号を入力してください")).toBeVisible();
    await expect(page.getByText("この質問は回答必須です")).toHaveCount(2);
    await checkPage(page, "zoom-02-survey-errors");

    await page.getByLabel("介護支援専門員番号").fill("１２３４５６７８");
    await page.getByRole("radio", { name: "役に立った" }).check();
    await page.getByRole("checkbox", { name: "講義" }).check();
    await page.getByRole("checkbox", { name: "資料" }).check();
    await page.getByRole("radio", { name: /4\s*やや満足/ }).check();
    await page.getByLabel(/ご意見・ご感想/).fill("分かりやすかったです。");
    await page.getByRole("button", { name: "回答を送信する" }).click();
    await expect(page.getByText("アンケートにご回答いただき、ありがとうございました")).toBeVisible();
    await checkPage(page, "zoom-03-survey-answered");

    // Staff see it counted.
    await logIn(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/staff/trainings/${id}/survey`);
    await expect(page.getByRole("heading", { name: "集計（回答 1名）" })).toBeVisible();
    await expect(page.getByText("分かりやすかったです。")).toBeVisible();
    await expect(page.getByText("回答が1件届いているため、質問は変更できません。")).toBeVisible();
    await checkPage(page, "zoom-04-staff-survey");
  });
});
