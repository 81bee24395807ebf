import { readFile } from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { checkPage } from "./helpers";
import { ADMIN_PASSWORD, adminToken, logIn } from "./practical";

/** A published simple training a month from now; returns its id. */
async function training(request: APIRequestContext, title: string): Promise<number> {
  const headers = { Authorization: `Bearer ${await adminToken(request)}` };
  const starts = new Date(Date.now() + 30 * 86_400_000);
  const created = await request.post("/api/v1/admin/trainings", {
    headers,
    data: {
      title,
      purpose: "介護支援専門員の資質向上を目的とする。",
      organiser: "一般社団法人札幌市介護支援専門員連絡協議会",
      starts_at: starts.toISOString(),
      ends_at: new Date(starts.getTime() + 2 * 3600_000).toISOString(),
      venue: "札幌市社会福祉総合センター",
      theme: "名簿の出力",
      lecturer: "研修委員長",
      target_audience: "介護支援専門員",
      fee_yen: 0,
      capacity: 50,
      format: "in_person",
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

async function apply(request: APIRequestContext, trainingId: number, email: string, fullName: string, workplace: string) {
  const res = await request.post(`/api/v1/trainings/${trainingId}/applications`, {
    data: {
      member: "member",
      full_name: fullName,
      workplace,
      phone: "011-123-4567",
      email,
      email_confirmation: email,
      privacy_consent: true,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test.describe("rosters", () => {
  test.skip(!ADMIN_PASSWORD, "KENSHU_E2E_ADMIN_PASSWORD is not set");

  test("staff pick and order the columns of a roster on a phone and download it", async ({ page, request }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const stamp = Date.now();
    const id = await training(request, `名簿出力テスト ${stamp}`);
    await apply(request, id, `roster-${stamp}-1@example.jp`, "髙﨑 𠮷", "居宅介護支援事業所きたのもり");
    await apply(request, id, `roster-${stamp}-2@example.jp`, "札幌 花子", "=HYPERLINK(\"x\")");

    await logIn(page);
    await page.goto(`/staff/trainings/${id}/applications`);
    const panel = page.getByRole("region", { name: "名簿の出力" });
    await expect(panel.getByLabel("名簿の種類")).toHaveValue("participants");
    await expect(panel.getByRole("checkbox", { name: "氏名" })).toBeChecked();
    await expect(panel.getByRole("checkbox", { name: "入室日時" })).not.toBeChecked();

    // Keep No., 氏名 and 所属; put 氏名 first.
    for (const label of ["申込ID", "ふりがな", "電話番号", "メールアドレス", "状態", "申込日時"]) {
      await panel.getByRole("checkbox", { name: label, exact: true }).uncheck();
    }
    await panel.getByRole("button", { name: "「氏名」を上へ" }).click();
    await panel.getByRole("button", { name: "「氏名」を上へ" }).click();
    await panel.getByRole("radio", { name: /CSV（UTF-8）/ }).check();
    await checkPage(page, "exports-panel-phone");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("button", { name: "受講者名簿をダウンロード" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`受講者名簿_${id}.csv`);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text).toBe(
      "氏名,No.,所属\r\n髙﨑 𠮷,1,居宅介護支援事業所きたのもり\r\n札幌 花子,2,\"'=HYPERLINK(\"\"x\"\")\"\r\n",
    );

    // CP932: the page says beforehand what will be replaced, and the file lists it at the end.
    await panel.getByRole("radio", { name: /CSV（Shift_JIS）/ }).check();
    await expect(panel.getByRole("note")).toContainText("Shift_JISで表せない文字が1件あります");
    await expect(panel.getByRole("note")).toContainText("2行目「氏名」: 𠮷 → 吉");
    await checkPage(page, "exports-cp932-notice-phone");
    const [cp932] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("button", { name: "受講者名簿をダウンロード" }).click(),
    ]);
    const sjis = new TextDecoder("shift_jis").decode(await readFile((await cp932.path())!));
    expect(sjis.startsWith("氏名,No.,所属\r\n髙﨑 吉,1,居宅介護支援事業所きたのもり\r\n")).toBe(true);
    expect(sjis.endsWith("行,列,元の文字,置き換え後\r\n2,氏名,U+20BB7,吉\r\n")).toBe(true);

    // An Excel file of the same roster.
    await panel.getByRole("radio", { name: /^Excel（\.xlsx）/ }).check();
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("button", { name: "受講者名簿をダウンロード" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`受講者名簿_${id}.xlsx`);
    const zip = await readFile((await xlsx.path())!);
    expect(zip.subarray(0, 2).toString()).toBe("PK");

    // The fiscal year's rosters, on a desktop too.
    await page.getByRole("navigation", { name: "事務局メニュー" }).getByRole("link", { name: "名簿" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "年度ごとの名簿" })).toBeVisible();
    await expect(page.getByLabel("名簿の種類")).toHaveValue("completers");
    await checkPage(page, "exports-fiscal-year-phone");
    await page.setViewportSize({ width: 1280, height: 900 });
    await checkPage(page, "exports-fiscal-year-desktop");
  });
});
