import { expect, test } from "./fixtures";
import { checkPage, ERA_DATE } from "./helpers";

const DEMO_TITLES = [/ケアマネ資質向上研修会/, /サービス管理責任者/];

test("the list shows the demo trainings with an era date and 受付中", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "研修一覧" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByText(/受信できるように設定後、ご登録ください/)).toBeVisible();

  for (const title of DEMO_TITLES) {
    const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name: title }) }).first();
    await expect(card).toBeVisible();
    await expect(card.getByText(ERA_DATE).first()).toBeVisible();
    await expect(card.getByText("受付中", { exact: true })).toBeVisible();
    await expect(card.getByText(/残り\d+席 \/ 定員\d+名/)).toBeVisible();
    await expect(card.getByRole("link", { name: /詳細/ })).toBeVisible();
  }
  await checkPage(page, "01-list");
});

test("a training's detail page shows its facts and files", async ({ page }) => {
  await page.goto("/");
  const firstCard = page.getByRole("article").first();
  const title = (await firstCard.getByRole("heading").textContent())!.trim();
  await firstCard.getByRole("link", { name: /詳細/ }).click();

  await expect(page).toHaveURL(/\/trainings\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  for (const row of ["目的", "主催", "日時", "会場", "テーマ", "講師", "対象者", "参加費", "定員", "開催形式", "受付期間", "受講証明書の発行"]) {
    await expect(page.getByRole("rowheader", { name: row, exact: true })).toBeVisible();
  }
  const when = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "日時", exact: true }) });
  await expect(when).toContainText(ERA_DATE);
  await expect(when).toContainText(/\d{2}:\d{2}〜/);
  await expect(page.getByRole("heading", { name: "関連ファイル" })).toBeVisible();
  await expect(page.getByRole("link", { name: /戻る/ })).toBeVisible();
  await checkPage(page, "02-detail");

  await page.getByRole("link", { name: /申し込む/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "申込 入力" })).toBeVisible();
  await expect(page.getByLabel("氏名")).toBeVisible();
  await checkPage(page, "03-apply-input");
});

test("the practical training lists its two exercise schedules", async ({ page }) => {
  await page.goto("/");
  const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name: DEMO_TITLES[1] }) }).first();
  await card.getByRole("link", { name: /詳細/ }).click();
  const schedules = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "演習日程" }) });
  await expect(schedules.getByRole("listitem")).toHaveCount(2);
  await expect(schedules).toContainText(/定員\d+名/);
  await checkPage(page, "04-detail-practical");
});

test("an unknown training answers with a Japanese not-found page", async ({ page }) => {
  await page.goto("/trainings/987654321");
  await expect(page.getByRole("heading", { level: 1, name: "研修が見つかりません" })).toBeVisible();
  await checkPage(page, "05-not-found");
});
