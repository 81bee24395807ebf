import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { screenshot } from "./helpers";
import { createPracticalTraining, SEED_A } from "./practical";

/*
 * The long practical form on a phone (issue 10, items 2 and 8): the OJT figures computed
 * from the completions and confirmed by the applicant, hand changes flagged; the section
 * index with each section's state; the draft kept on the device across a new page.
 */

const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function fillCompletions(page: Page) {
  await section(page, "受講対象").getByRole("radio", { name: /対象ア/ }).check();
  const history = section(page, "研修の受講（修了歴）");
  const consultation = history.getByRole("group", { name: /① 相談支援/ });
  await consultation.getByLabel("区分").selectOption(SEED_A.consultation.category);
  await consultation.getByLabel("修了年月日").fill(SEED_A.consultation.completed_on);
  const basic = history.getByRole("group", { name: /② サビ管・児発管/ });
  await basic.getByLabel("区分").selectOption(SEED_A.basic.category);
  await basic.getByLabel("修了年月日").fill(SEED_A.basic.completed_on);
}

test.describe("the practical form on a phone", () => {
  test("computes the OJT figures, flags a hand change, shows 未入力 until filled", async ({ page, request }) => {
    const training = await createPracticalTraining(request, `実践研修（OJT計算）${Date.now()}`);
    await page.goto(`/trainings/${training.id}/practical-apply`);
    await fillCompletions(page);
    const ojt = section(page, "OJT期間（基礎研修修了後の実務経験）");
    await ojt.getByRole("button", { name: "＋ 休職期間を追加" }).click();
    const leave = ojt.getByRole("group", { name: "休職期間 1" });
    await leave.getByLabel("開始日").fill(SEED_A.leave.start);
    await leave.getByLabel("終了日").fill(SEED_A.leave.end);

    // Computed, not typed: the dates and the total are filled in, with their working.
    const period = ojt.getByRole("group", { name: /^OJT期間\s?（必須）$/ });
    await expect(period.getByLabel("始期")).toHaveValue(SEED_A.ojt.start);
    await expect(period.getByLabel("終期")).toHaveValue(SEED_A.ojt.end);
    await expect(ojt.getByLabel("年数")).toHaveValue("2");
    await expect(ojt.getByLabel("月数")).toHaveValue("1");
    const working = ojt.getByRole("heading", { name: "OJT期間の計算（自動）" }).locator("..");
    await expect(working).toContainText("2年1ヶ月15日");
    await expect(working).toContainText("0年11ヶ月15日");
    await expect(working).toContainText("383日以上");
    // Working days and activities are still to come: 未入力, not a red ✕.
    const bar = page.getByRole("status").filter({ hasText: "判定：" });
    await expect(bar).toContainText("判定：未入力の項目があります");

    // A total changed by hand is the applicant's statement, set beside the computed one.
    await ojt.getByLabel("年数").fill("3");
    const flag = ojt.getByText("入力値 3年1ヶ月 ／ 計算値 2年1ヶ月15日：計算値と異なります");
    await expect(flag).toBeVisible();
    await flag.evaluate((e) => e.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: "e2e/screenshots/practical-ojt-statement.png" });
    // A later change of the completions does not overwrite it.
    await ojt.getByRole("button", { name: "計算値に戻す" }).click();
    await expect(ojt.getByLabel("年数")).toHaveValue("2");

    await ojt.getByLabel(/トータルの勤務日数/).fill(String(SEED_A.workingDays));
    await ojt.getByRole("checkbox", { name: "直接支援業務" }).check();
    await expect(bar).toContainText("判定：受講要件を満たしています");
  });

  test("the section index jumps to a section and the draft survives a new page", async ({ page, context, request }) => {
    const training = await createPracticalTraining(request, `実践研修（目次）${Date.now()}`);
    await page.goto(`/trainings/${training.id}/practical-apply`);
    const index = page.getByRole("navigation", { name: "入力項目の目次" });
    await expect(index).toContainText("11項目中");
    await section(page, "受講者情報").getByLabel("ふりがな").fill("たかはし はなこ");
    await fillCompletions(page);

    await index.getByText("目次").click();
    const need = index.getByRole("link", { name: /配置が必要な事業所の状況/ });
    await expect(need).toContainText("未入力 4件");
    await expect(index.getByRole("link", { name: /研修の受講（修了歴）/ })).toContainText("未入力 2件");
    await screenshot(page, "practical-form-index");
    await page.screenshot({ path: "../docs/screens/practical-form-index.png" });
    await need.click();
    await expect(page.getByRole("heading", { name: "配置が必要な事業所の状況" })).toBeFocused();
    await expect(page.getByRole("heading", { name: "配置が必要な事業所の状況" })).toBeInViewport();

    // Closing the tab keeps the draft on this device.
    await page.close();
    const again = await context.newPage();
    await again.goto(`/trainings/${training.id}/practical-apply`);
    await expect(section(again, "受講者情報").getByLabel("ふりがな")).toHaveValue("たかはし はなこ");
    await expect(again.getByText(/添付ファイルは下書きに保存されません|添付ファイルは保存されません/).first()).toBeVisible();

    // 下書きを削除, confirmed, starts again from empty.
    await again.getByRole("button", { name: "下書きを削除" }).click();
    await again.getByRole("dialog", { name: "下書きを削除しますか？" }).getByRole("button", { name: "削除する" }).click();
    await expect(section(again, "受講者情報").getByLabel("ふりがな")).toHaveValue("");
    await again.reload();
    await expect(section(again, "受講者情報").getByLabel("ふりがな")).toHaveValue("");
  });
});
