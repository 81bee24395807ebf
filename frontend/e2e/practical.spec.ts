import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkPage, expectFieldError } from "./helpers";
import { waitForMail } from "./mail";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  adminToken,
  createPracticalTraining,
  SEED_A,
  seedABody,
  submitPractical,
} from "./practical";

/*
 * The Hokkaido practical training's form (seed 003). The seed's example lecture starts
 * 2022-06-06, and applications to past trainings are closed, so each test makes its own
 * practical training starting 2027-06-07 and enters the seed's example ア moved five years
 * later: ① e 2024-12-15, ② g 2024-11-02, OJT 2024-12-16 … 2027-05-31 with leave
 * 2025-12-01 … 2026-03-31, 541 working days, 直接支援業務. Five years keep the completion
 * dates in the past and the art. 143 periods as in the seed, so the total is still
 * 2年1ヶ月15日 (the seed's own parts add up to that, not to the 2年1ヶ月17日 it prints).
 */

const MAILDEV = process.env.KENSHU_E2E_MAILDEV;
const NAME = "髙橋 花子";

/** The live region that announces the verdict. */
const verdictBar = (page: Page) => page.getByRole("status").filter({ hasText: "判定：" });
const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function fillSeedExampleA(page: Page, email: string) {
  const kind = section(page, "研修種別・演習日程");
  await kind.getByRole("radio", { name: "サービス管理責任者実践研修" }).check();
  await kind.getByRole("radio", { name: /第1日程/ }).check();

  const applicant = section(page, "受講者情報");
  await applicant.getByLabel("ふりがな").fill("たかはし はなこ");
  await applicant.getByLabel("氏名").fill(NAME);
  await applicant.getByLabel("生年月日").fill("1985-04-01");
  await applicant.getByRole("radio", { name: "女性" }).check();

  const affiliation = section(page, "所属情報");
  await affiliation.getByLabel("法人名").fill("社会福祉法人 北の杜");
  await affiliation.getByLabel("事業所名").fill("就労支援センターきたのもり");
  await affiliation.getByLabel("郵便番号").fill("０６０－０００１"); // full-width: the server normalises it
  await affiliation.getByLabel("住所").fill("札幌市中央区北1条西1丁目");
  await affiliation.getByRole("textbox", { name: /^メールアドレス\s?（必須）/ }).fill(email);
  await affiliation.getByRole("textbox", { name: /^メールアドレス（確認）/ }).fill(email);

  const placement = section(page, "配置する事業所");
  await placement.getByRole("radio", { name: "既存" }).check();
  await placement.getByLabel("事業所", { exact: true }).fill("就労支援センターきたのもり");
  // One digit short: only the server checks this, and the test reads its answer.
  await placement.getByLabel("事業所番号").fill("012345678");
  await placement.getByRole("checkbox", { name: "就労継続支援B型" }).check();

  await section(page, "受講対象").getByRole("radio", { name: /対象ア/ }).check();

  const history = section(page, "研修の受講（修了歴）");
  const consultation = history.getByRole("group", { name: /① 相談支援/ });
  // Each slot offers only its own 区分 (※12): ① a–e.
  await expect(consultation.getByLabel("区分").locator("option")).toHaveCount(6);
  await consultation.getByLabel("区分").selectOption(SEED_A.consultation.category);
  await consultation.getByLabel("修了年月日").fill(SEED_A.consultation.completed_on);
  await consultation.getByLabel("証書番号（半角）").fill(SEED_A.consultation.certificate_number);
  const basic = history.getByRole("group", { name: /② サビ管・児発管/ });
  await basic.getByLabel("区分").selectOption(SEED_A.basic.category);
  await basic.getByLabel("修了年月日").fill(SEED_A.basic.completed_on);
  await basic.getByLabel("証書番号（半角）").fill(SEED_A.basic.certificate_number);

  const ojt = section(page, "OJT期間（基礎研修修了後の実務経験）");
  // The six-month box belongs to イ only.
  await expect(ojt.getByLabel(/OJT6ヶ月要件/)).toHaveCount(0);
  const period = ojt.getByRole("group", { name: /^OJT期間\s?（必須）$/ });
  await period.getByLabel("始期").fill(SEED_A.ojt.start);
  await period.getByLabel("終期").fill(SEED_A.ojt.end);
  await ojt.getByRole("button", { name: "＋ 休職期間を追加" }).click();
  const leave = ojt.getByRole("group", { name: "休職期間 1" });
  await expect(leave.getByLabel("開始日")).toBeFocused();
  await leave.getByLabel("開始日").fill(SEED_A.leave.start);
  await leave.getByLabel("終了日").fill(SEED_A.leave.end);
  await ojt.getByLabel("年数").fill(String(SEED_A.total.years));
  await ojt.getByLabel("月数").fill(String(SEED_A.total.months));
  await ojt.getByLabel(/トータルの勤務日数/).fill(String(SEED_A.workingDays));
  await ojt.getByRole("checkbox", { name: "直接支援業務" }).check();
}

async function fillPlacementNeedAndConfirm(page: Page) {
  const need = section(page, "配置が必要な事業所の状況");
  await need.getByLabel("配置の必要数").fill("2");
  await need.getByLabel("修了数").fill("1");
  await need.getByRole("radio", { name: /【退職】/ }).check();
  await need.getByLabel(/配置が必要な具体的理由/).fill("現サビ管が定年退職するため、後任のサビ管が必要");
  await need.getByLabel(/優先順位/).fill("1");
  await need.getByLabel(/キャンセル待ちを希望する/).check();

  const last = section(page, "所属長の推薦・送信内容のチェック");
  await last.getByLabel(/法人（事業所）としての推薦によるものである/).check();
  await last.getByLabel(/上記の内容に相違ない/).check();
}

test.describe("applying to the practical training (seed 003)", () => {
  test.skip(!ADMIN_PASSWORD || !MAILDEV, "KENSHU_E2E_ADMIN_PASSWORD or KENSHU_E2E_MAILDEV is not set (the test makes its own training)");

  test("an applicant fills the ア example, sees 2年1ヶ月15日 and the eligible verdict, fixes what the server refuses, and is received", async ({
    page,
    request,
  }) => {
    // The longest form of the product, checked by axe three times: more than the default minute on a busy machine.
    test.slow();
    const training = await createPracticalTraining(request, `E2E 実践研修 申込 ${Date.now()}`);
    const email = `practical-${Date.now()}@example.jp`;

    // The detail page's 申し込む leads to the practical form.
    await page.goto(`/trainings/${training.id}`);
    await page.getByRole("link", { name: /申し込む/ }).click();
    await expect(page).toHaveURL(new RegExp(`/trainings/${training.id}/practical-apply$`));
    await expect(page.getByRole("heading", { level: 1, name: "申込 入力" })).toBeVisible();
    await expect(verdictBar(page)).toContainText("判定：入力待ち");
    await checkPage(page, "50-practical-input");

    // 確認画面へ with nothing entered: every ★ entry is named, next to its field and on top.
    await page.getByRole("button", { name: /確認画面へ/ }).click();
    const summary = page.getByRole("alert").first();
    await expect(summary).toContainText("入力内容を確認してください。");
    await expect(summary.getByRole("link", { name: "研修種別を選択してください" })).toBeVisible();
    await expectFieldError(page, page.getByLabel("ふりがな"), /ふりがなを入力してください/);
    // A radio group points at its message the same way (aria-invalid does not apply to a group).
    const kindGroup = page.getByRole("group", { name: /^研修種別/ });
    const kindError = (await kindGroup.getAttribute("aria-describedby"))!.split(" ")[0];
    await expect(page.locator(`[id="${kindError}"]`)).toHaveText(/研修種別を選択してください/);
    await expect(page).toHaveURL(/practical-apply$/);
    await checkPage(page, "51-practical-input-required");

    await fillSeedExampleA(page, email);
    // The error of a corrected field goes away.
    await expect(page.getByLabel("ふりがな")).not.toHaveAttribute("aria-invalid", "true");

    // The live verdict: eligible, with the seed's periods counted under art. 143.
    await expect(verdictBar(page)).toContainText("判定：受講要件を満たしています");
    const panel = section(page, "受講要件の判定（自動）");
    await expect(panel.getByText(/^.?受講要件を満たしています$/)).toBeVisible();
    await expect(panel.getByText("2年1ヶ月15日", { exact: true })).toBeVisible();
    await expect(panel.getByText(/0年11ヶ月15日/)).toBeVisible();
    await expect(panel.getByText(/1年2ヶ月0日/)).toBeVisible();
    await expect(panel.getByText("383日以上")).toBeVisible();
    await expect(panel.getByText(/入力した勤務日数：541日/)).toBeVisible();
    await expect(page.getByText("OJT期間 トータル2年1ヶ月15日")).toBeVisible();
    await checkPage(page, "52-practical-input-eligible");

    await fillPlacementNeedAndConfirm(page);

    // The draft survives a reload.
    await page.reload();
    await expect(page.getByLabel("ふりがな")).toHaveValue("たかはし はなこ");
    await expect(page.getByLabel(/トータルの勤務日数/)).toHaveValue("541");
    await expect(page.getByRole("radio", { name: /【退職】/ })).toBeChecked();
    await expect(verdictBar(page)).toContainText("判定：受講要件を満たしています");

    // A copy of a certificate issued elsewhere, attached (sent as multipart/form-data). The
    // form says a reload would forget it, so it is chosen after the reload.
    const history = section(page, "研修の受講（修了歴）");
    await history.getByLabel(/当法人以外で修了した研修がある/).check();
    await expect(history.getByText(/添付ファイルは下書きに保存されません/)).toBeVisible();
    await history.getByLabel("修了証書の写し（PDF又は画像）").setInputFiles({
      name: "修了証書.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
    });
    await expect(history.getByText(/添付するファイル：/)).toContainText("修了証書.pdf");

    await page.getByRole("button", { name: /確認画面へ/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "申込 確認" })).toBeVisible();
    const row = (label: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
    await expect(row("氏名")).toContainText(NAME);
    await expect(row("生年月日")).toContainText("1985年4月1日（昭和60年）");
    await expect(row("メールアドレス")).toContainText(email);
    await expect(row("トータルの勤務日数")).toContainText("541日");
    await expect(row("当法人以外で修了した研修")).toContainText("修了証書.pdf");
    await expect(page.getByText(/^.?受講要件を満たしています$/).first()).toBeVisible();
    await checkPage(page, "53-practical-confirm");

    // The server refuses the 9-digit office number: back on the input page, next to the field.
    await page.getByRole("button", { name: /送信/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "申込 入力" })).toBeVisible();
    const officeNumber = section(page, "配置する事業所").getByLabel("事業所番号");
    await expectFieldError(page, officeNumber, /10桁/);
    await expect(page.getByRole("alert").first()).toContainText("入力内容に誤りがあります");
    await expect(page.getByRole("alert").first().getByRole("link", { name: /10桁/ })).toBeVisible();
    // Nothing typed was lost.
    await expect(page.getByLabel("氏名")).toHaveValue(NAME);
    await expect(page.getByLabel(/トータルの勤務日数/)).toHaveValue("541");
    await checkPage(page, "54-practical-input-server-error");

    await officeNumber.fill("0123456789");
    await page.getByRole("button", { name: /確認画面へ/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "申込 確認" })).toBeVisible();
    await page.getByRole("button", { name: /送信/ }).dblclick();

    await expect(page.getByRole("heading", { level: 1, name: "申込 完了" })).toBeVisible();
    await expect(page.getByText("お申し込みを受け付けました。")).toBeVisible();
    await expect(page.locator(".receipt-number")).toHaveText(/^\d+$/);
    await expect(page.getByText(/申込内容の確認メール（自動返信）をお送りしました/)).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await expect(page.getByText(/^.?受講要件を満たしています$/)).toBeVisible();
    await expect(page.getByText("2年1ヶ月15日").first()).toBeVisible();
    await checkPage(page, "55-practical-complete");

    // Staff find the attachment with the application.
    const receipt = Number(await page.locator(".receipt-number").textContent());
    const token = await adminToken(request);
    const stored = await request.get(`/api/v1/admin/practical-applications/${receipt}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(((await stored.json()) as { attachment: { filename: string } | null }).attachment?.filename).toBe("修了証書.pdf");

    const mail = await waitForMail(request, MAILDEV!, email, /申込内容のご確認/);
    expect(mail.subject).toContain("申込内容のご確認");
    expect(mail.text).toContain(`${NAME} 様`);
    expect(mail.text).toContain(training.title);
    expect(mail.text).toContain("修了証書に記載されます");

    // The draft is gone once received.
    await page.goto(`/trainings/${training.id}/practical-apply`);
    await expect(page.getByLabel("ふりがな")).toHaveValue("");
  });
});

test.describe("selecting practical applicants", () => {
  test.skip(!ADMIN_PASSWORD || !MAILDEV, "KENSHU_E2E_ADMIN_PASSWORD or KENSHU_E2E_MAILDEV is not set");

  test("staff see the application ranked, decide as proposed, send the notices, and need a reason to depart", async ({
    page,
    request,
  }) => {
    const training = await createPracticalTraining(request, `E2E 実践研修 選考 ${Date.now()}`);
    const email = `selection-${Date.now()}@example.jp`;
    const applicationId = await submitPractical(request, training.id, seedABody(email, NAME, training.scheduleIds[0]));

    await page.goto("/staff/login");
    await page.getByLabel("メールアドレス").fill(ADMIN_EMAIL);
    await page.getByLabel("パスワード").fill(ADMIN_PASSWORD!);
    await page.getByRole("button", { name: "ログイン" }).click();
    const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name: training.title }) });
    await card.getByRole("link", { name: /選考・受講決定/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "選考・受講決定" })).toBeVisible();

    const schedules = page.getByRole("table", { name: "演習日程ごとの定員と人数" });
    await expect(schedules.getByRole("row", { name: /第1日程/ })).toContainText("60名");
    const entry = page.getByRole("article", { name: new RegExp(NAME) });
    await expect(entry).toContainText("1位");
    await expect(entry).toContainText("受付済み");
    await expect(entry).toContainText("退職・不足1名・事業所内順位1");
    await expect(entry).toContainText("受講決定・第1日程");
    await expect(entry).toContainText("申込時：✓ 満たしている");
    await checkPage(page, "60-staff-practical-selection");

    await page.getByRole("button", { name: "提案どおりに決定" }).click();
    await page
      .getByRole("dialog", { name: "未決定の1件を、提案どおりに決定しますか？" })
      .getByRole("button", { name: "1件を提案どおりに決定する" })
      .click();
    await expect(page.getByText("1件を提案どおりに決定しました。")).toBeVisible();
    await expect(entry).toContainText("受講決定（未通知）");

    await page.getByRole("button", { name: "受講可否通知を送信" }).click();
    const send = page.getByRole("dialog", { name: "1件に受講可否通知を送信しますか？" });
    await expect(send).toContainText("送信後は取り消せません。");
    await send.getByRole("button", { name: "1件に送信する" }).click();
    await expect(page.getByText("1件に受講可否通知を送信しました。")).toBeVisible();
    await expect(entry).toContainText("受講決定（通知済み）");
    await expect(page.getByRole("button", { name: "受講可否通知を送信" })).toBeDisabled();
    await checkPage(page, "61-staff-practical-notified");

    const notice = await waitForMail(request, MAILDEV!, email, /受講可否通知/);
    expect(notice.subject).toContain("受講可否通知（受講決定）");

    // The detail: both verdicts, the history with its reasons, the documents.
    await entry.getByRole("link", { name: /詳細・決定/ }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/trainings/${training.id}/practical/${applicationId}$`));
    await expect(page.getByRole("heading", { level: 1, name: "申込の詳細" })).toBeVisible();
    const history = page.getByRole("region", { name: "履歴" });
    await expect(history).toContainText("申込受付");
    await expect(history).toContainText("理由：提案どおり");
    await expect(history).toContainText("受講可否通知の送信");
    // The 受講可否通知 letter needs the staff token: fetched, then handed over as a file.
    const [letter] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /ダウンロード\s?（受講可否通知）/ }).click(),
    ]);
    expect(letter.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await readFile((await letter.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
    await expect(page.getByRole("region", { name: "申込内容" })).toContainText("就労継続支援B型");

    // Departing from the proposal without a reason: the server's message, next to the reason.
    const decision = page.getByRole("region", { name: "受講可否の決定" });
    await decision.getByRole("radio", { name: "受講不可" }).check();
    await decision.getByRole("button", { name: "この内容で決定する" }).click();
    await expectFieldError(page, decision.getByLabel("理由"), /理由を入力してください/);
    await checkPage(page, "62-staff-practical-detail");

    await decision.getByLabel("理由").fill("本人から辞退の申出（電話）");
    await decision.getByRole("button", { name: "この内容で決定する" }).click();
    await expect(decision.getByText(/受講不可に決定しました/)).toBeVisible();
    await expect(history.getByText("提案と異なる")).toBeVisible();
    await expect(history).toContainText("理由：本人から辞退の申出（電話）");
  });
});
