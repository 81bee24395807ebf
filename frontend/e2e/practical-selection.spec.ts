import { expect, test } from "./fixtures";
import { screenshot } from "./helpers";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createPracticalTraining, seedABody, submitPractical } from "./practical";

/*
 * Selection at scale (issue 10, item 9): 120+ practical applications in a table at desktop
 * width, searched and filtered, and a selection decided as proposed in one confirmed step.
 */

test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

const CATEGORIES = ["reduction", "new_office", "development", "retirement"] as const;
const FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"];
const KANA = ["さとう", "すずき", "たかはし", "たなか", "いとう", "わたなべ", "やまもと", "なかむら", "こばやし", "かとう"];

test("staff filter 120+ applications and decide a selection as proposed in bulk", async ({ page, request }) => {
  test.setTimeout(180_000);
  const training = await createPracticalTraining(request, `E2E 実践研修 一括 ${Date.now()}`);
  const stamp = Date.now();
  for (let i = 0; i < 124; i++) {
    const body = seedABody(`bulk-${stamp}-${i}@example.jp`, `${FAMILY[i % 10]} 花子${i + 1}`, training.scheduleIds[i % 2]) as {
      applicant: { furigana: string };
      placement: { office: string; office_number: string };
      placement_need: { plan_category: string };
    };
    body.applicant.furigana = `${KANA[i % 10]} はなこ`;
    body.placement.office = i % 3 === 0 ? `札幌第${i}事業所` : `旭川第${i}事業所`;
    body.placement.office_number = `01${String(i).padStart(8, "0")}`;
    body.placement_need.plan_category = CATEGORIES[i % 4];
    await submitPractical(request, training.id, body);
  }

  await page.goto("/staff/login");
  await page.getByLabel("メールアドレス").fill(ADMIN_EMAIL);
  await page.getByLabel("パスワード").fill(ADMIN_PASSWORD!);
  await page.getByRole("button", { name: "ログイン" }).click();
  // The staff token lives in memory: the screen is reached by links, as staff reach it.
  const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name: training.title }) });
  await card.getByRole("link", { name: /選考・受講決定/ }).click();

  const table = page.getByRole("table", { name: /申込一覧（提案順）/ });
  await expect(table.getByRole("row")).toHaveCount(125);
  await expect(page.getByText("124件を表示（全124件）")).toBeVisible();

  // Search by ふりがな and by office; filter by decision.
  await page.getByLabel("氏名・ふりがな・事業所で検索").fill("タカハシ");
  await expect(page.getByText(/^13件を表示/)).toBeVisible();
  await page.getByLabel("氏名・ふりがな・事業所で検索").fill("札幌");
  await expect(page.getByText(/^42件を表示/)).toBeVisible();
  await page.getByLabel("決定", { exact: true }).selectOption("undecided");
  await expect(page.getByText(/^42件を表示/)).toBeVisible();
  await screenshot(page, "selection-table");

  // Select what is shown and decide it as proposed, after saying what will happen.
  await table.getByRole("checkbox", { name: /表示中の42件をすべて選択/ }).check();
  await expect(page.getByText("42件を選択中")).toBeVisible();
  await page.locator("#selection-list").evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8));
  await page.screenshot({ path: "../docs/screens/selection-table.png" });
  await page.getByRole("button", { name: "選択した申込を提案どおりに決定" }).click();
  const dialog = page.getByRole("dialog", { name: /提案どおりに決定（42件）/ });
  await expect(dialog).toContainText("選択した42件のうち42件を提案どおりに決定します。");
  await dialog.getByRole("button", { name: "42件を提案どおりに決定する" }).click();
  await expect(page.getByText("42件を提案どおりに決定しました。")).toBeVisible();
  // Decided rows leave the 未決定 filter; the others are untouched.
  await expect(page.getByText(/^0件を表示/)).toBeVisible();
  await page.getByRole("button", { name: "条件をクリア" }).click();
  await page.getByLabel("決定", { exact: true }).selectOption("undecided");
  await expect(page.getByText(/^82件を表示/)).toBeVisible();

  // A row opens the detail, whose history keeps the bulk decision.
  await page.getByLabel("決定", { exact: true }).selectOption("accepted");
  await table.getByRole("row").nth(1).getByRole("cell").nth(3).click();
  await expect(page.getByRole("heading", { level: 1, name: "申込の詳細" })).toBeVisible();
  await expect(page.getByRole("region", { name: "履歴" })).toContainText("提案どおり（一括操作）");
});
