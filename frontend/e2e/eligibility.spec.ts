import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkPage } from "./helpers";

/** The live region that announces the verdict. */
const verdict = (page: Page) => page.getByRole("status").filter({ hasText: "判定：" });

test("the 受講要件チェック answers while typing: seed 003's example ア, then too few working days", async ({ page }) => {
  await page.goto("/eligibility");
  await expect(page.getByRole("heading", { level: 1, name: "実践研修 受講要件チェック" })).toBeVisible();
  await expect(page.getByText(/ここで入力した内容は保存されません/)).toBeVisible();
  await expect(verdict(page)).toContainText("判定：入力待ち");
  await checkPage(page, "40-eligibility-empty");

  await page.getByLabel("実践研修の講義開始日").fill("2022-06-06");
  await page.getByRole("radio", { name: /対象ア/ }).check();

  const consultation = page.getByRole("group", { name: "① 相談支援" });
  // Each slot offers only its own 区分 (※12): ① a–e.
  await expect(consultation.getByLabel("区分").locator("option")).toHaveCount(6);
  await consultation.getByLabel("区分").selectOption("e");
  await consultation.getByLabel("修了年月日").fill("2019-12-15");
  const basic = page.getByRole("group", { name: /② サビ管・児発管/ });
  await basic.getByLabel("区分").selectOption("g");
  await basic.getByLabel("修了年月日").fill("2019-11-02");

  const ojt = page.getByRole("group", { name: "OJT期間", exact: true });
  await ojt.getByLabel("始期").fill("2019-12-16");
  await ojt.getByLabel("終期").fill("2022-05-31");
  await page.getByRole("button", { name: "＋ 休職期間を追加" }).click();
  const leave = page.getByRole("group", { name: "休職期間 1" });
  await expect(leave.getByLabel("開始日")).toBeFocused();
  await leave.getByLabel("開始日").fill("2020-12-01");
  await leave.getByLabel("終了日").fill("2021-03-31");
  await page.getByLabel("勤務日数（概算）").fill("541");
  await page.getByRole("checkbox", { name: "直接支援業務" }).check();

  await expect(verdict(page)).toContainText("判定：受講要件を満たしています");
  const result = page.locator("#eligibility-result");
  await expect(result.getByText(/^.?受講要件を満たしています$/)).toBeVisible();
  await expect(result.getByText("2年1ヶ月15日", { exact: true })).toBeVisible();
  await expect(result.getByText(/0年11ヶ月15日/)).toBeVisible();
  await expect(result.getByText(/1年2ヶ月0日/)).toBeVisible();
  await expect(result.getByText("2019年12月15日", { exact: true })).toBeVisible(); // 基礎研修修了日
  await checkPage(page, "41-eligibility-eligible");

  // The draft survives a reload.
  await page.reload();
  await expect(page.getByLabel("勤務日数（概算）")).toHaveValue("541");
  await expect(verdict(page)).toContainText("判定：受講要件を満たしています");

  await page.getByLabel("勤務日数（概算）").fill("100");
  await expect(verdict(page)).toContainText("判定：受講要件を満たしていません");
  await expect(result.getByText(/^.?受講要件を満たしていません$/)).toBeVisible();
  const workingDays = result.getByRole("listitem").filter({ hasText: "参照：※7" });
  await expect(workingDays).toContainText("満たしていません");
  await expect(workingDays).toContainText("勤務日数100日");
  await checkPage(page, "42-eligibility-not-eligible");
});

test("a half-typed entry keeps the last verdict and says what is missing", async ({ page }) => {
  await page.goto("/eligibility");
  await page.getByLabel("実践研修の講義開始日").fill("2024-06-03");
  await page.getByRole("radio", { name: /対象ウ/ }).check();
  await expect(page.getByText("受講対象ウの場合、OJT期間の入力は必要ありません。")).toBeVisible();
  await expect(page.getByLabel("勤務日数（概算）")).toHaveCount(0);
  const basic = page.getByRole("group", { name: /② サビ管・児発管/ });
  await basic.getByLabel("区分").selectOption("f");
  await basic.getByLabel("修了年月日").fill("2010-12-20");
  await page.getByLabel(/更新研修の経過措置の対象者/).check();
  await expect(verdict(page)).toContainText("判定：受講要件を満たしています");
  await expect(page.locator("#eligibility-result").getByText("2024年3月31日", { exact: true })).toBeVisible();

  // ③ with a 区分 but no date yet: no request, the last verdict stays, the gap is named.
  await page.getByRole("group", { name: /③ サビ管・児発管/ }).getByLabel("区分").selectOption("h");
  await expect(page.getByText("入力が途中のため、前回の判定結果を表示しています。")).toBeVisible();
  await expect(page.getByRole("link", { name: "③の修了年月日を入力してください" })).toBeVisible();
  await expect(verdict(page)).toContainText("判定：受講要件を満たしています");
  await checkPage(page, "43-eligibility-incomplete");
});

test("the practical training's page links to the check with its first day filled in", async ({ page }) => {
  await page.goto("/");
  const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name: /サービス管理責任者/ }) }).first();
  await card.getByRole("link", { name: /詳細/ }).click();
  await page.getByRole("link", { name: /受講要件を確認する/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "実践研修 受講要件チェック" })).toBeVisible();
  await expect(page).toHaveURL(/\/eligibility$/);
  await expect(page.getByLabel("実践研修の講義開始日")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
});
