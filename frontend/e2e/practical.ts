import { expect, type APIRequestContext, type Page } from "@playwright/test";

/**
 * A practical training (seed 003) made through the staff API, and the seed's example ア as the
 * applicant would send it. The seed's example lecture (2022-06-06) is in the past, and a past
 * training takes no applications, so everything here is moved five years later: the lecture
 * starts 2027-06-07 (a Monday) and the example's completions, OJT and leave move by five
 * years too. Five keeps the completion dates in the past and leaves the Civil Code art. 143
 * periods as in the seed (0年11ヶ月15日 + 1年2ヶ月0日 = 2年1ヶ月15日).
 */

export const ADMIN_EMAIL = process.env.KENSHU_E2E_ADMIN_EMAIL ?? "admin@kenshu.example";
export const ADMIN_PASSWORD = process.env.KENSHU_E2E_ADMIN_PASSWORD;

/** Signs in as the demo admin through the login page and waits for the trainings list. */
export async function logIn(page: Page) {
  await page.goto("/staff/login");
  await page.getByLabel("メールアドレス").fill(ADMIN_EMAIL);
  await page.getByLabel("パスワード").fill(ADMIN_PASSWORD!);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/staff\/trainings$/);
}

export const LECTURE_START = "2027-06-07";

/** The seed's example ア, five years later. */
export const SEED_A = {
  consultation: { category: "e", completed_on: "2024-12-15", certificate_number: "123456" },
  basic: { category: "g", completed_on: "2024-11-02", certificate_number: "A123456" },
  ojt: { start: "2024-12-16", end: "2027-05-31" },
  leave: { start: "2025-12-01", end: "2026-03-31" },
  workingDays: 541,
  total: { years: 2, months: 1 },
} as const;

export interface PracticalTraining {
  id: number;
  title: string;
  scheduleIds: number[];
}

export async function adminToken(request: APIRequestContext): Promise<string> {
  const res = await request.post("/api/v1/auth/login", { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A published practical training starting 2027-06-07 09:30 JST, taking applications from now. */
export async function createPracticalTraining(request: APIRequestContext, title: string): Promise<PracticalTraining> {
  const token = await adminToken(request);
  const headers = { Authorization: `Bearer ${token}` };
  const opens = new Date(Date.now() - 60_000).toISOString();
  const created = await request.post("/api/v1/admin/trainings", {
    headers,
    data: {
      title,
      purpose: "サービス管理責任者・児童発達支援管理責任者として、実践的な支援の質の向上と人材育成に必要な知識・技術を習得する。",
      organiser: "北海道（研修事業者：北海道ケアマネジメントネットワーク）",
      starts_at: `${LECTURE_START}T09:30:00+09:00`,
      ends_at: "2027-06-15T16:30:00+09:00",
      venue: "講義：eラーニング／演習：Zoom（オンライン）",
      theme: "障害福祉サービスの質の向上と、サービス提供プロセスの管理・人材育成",
      lecturer: "北海道サービス管理責任者等研修 講師団",
      target_audience: "基礎研修修了後、OJT期間を満たす方、又は更新研修の受講期限を過ぎた方",
      fee_yen: 0,
      capacity: 120,
      format: "online",
      zoom_url: "https://zoom.example/j/81234567890",
      zoom_meeting_id: "812 3456 7890",
      zoom_passcode: "203415",
      application_opens_at: opens,
      application_closes_at: "2027-05-17T17:00:00+09:00",
      issues_certificate: false,
      checklist_required: false,
      form_kind: "practical",
      waiting_list: true,
      contact: "北海道サービス管理責任者等実践研修 事務局\nFAX：011-521-8551（修了証書の写しの送付先）",
      exercise_schedules: [
        { label: "第1日程", starts_at: "2027-06-10T09:30:00+09:00", ends_at: "2027-06-11T16:30:00+09:00", capacity: 60 },
        { label: "第2日程", starts_at: "2027-06-13T09:30:00+09:00", ends_at: "2027-06-14T16:30:00+09:00", capacity: 60 },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const training = (await created.json()) as { id: number; exercise_schedules: { id: number }[] };
  const published = await request.post(`/api/v1/admin/trainings/${training.id}/publish`, { headers });
  expect(published.status(), await published.text()).toBe(200);
  return { id: training.id, title, scheduleIds: training.exercise_schedules.map((s) => s.id) };
}

/** The seed's example ア as the API takes it, for applications made without the browser. */
export function seedABody(email: string, fullName: string, scheduleId: number) {
  return {
    kind: "sabikan",
    preferred_schedule_id: scheduleId,
    any_schedule: false,
    schedule_reason: "",
    applicant: { furigana: "たかはし はなこ", full_name: fullName, job_title: "生活支援員", birth_date: "1985-04-01", sex: "female" },
    affiliation: {
      via_other_corporation: false,
      corporation: "社会福祉法人 北の杜",
      office: "就労支援センターきたのもり",
      postal_code: "060-0001",
      address: "札幌市中央区北1条西1丁目",
      phone: "011-123-4567",
      fax: "",
      email,
      email_confirmation: email,
    },
    notification: null,
    placement: {
      setting: "existing",
      corporation: "社会福祉法人 北の杜",
      office: "就労支援センターきたのもり",
      office_number: "0123456789",
      address: "札幌市中央区",
      services: ["就労継続支援B型"],
    },
    target: "a",
    history: {
      consultation: SEED_A.consultation,
      basic: SEED_A.basic,
      practical: null,
      renewal: null,
      completed_elsewhere: false,
      send_by_fax: false,
      transitional: false,
    },
    ojt: {
      six_month_requirements: false,
      start: SEED_A.ojt.start,
      end: SEED_A.ojt.end,
      total_years: SEED_A.total.years,
      total_months: SEED_A.total.months,
      working_days: SEED_A.workingDays,
      plan_creation: false,
      consultation_work: false,
      direct_support: true,
      leave_periods: [SEED_A.leave],
      remarks: "2025年12月1日～2026年3月31日(4ヶ月間)病気療養のため休職",
    },
    accommodations: { wheelchair: false, sign_language: false, large_print: false, other: "" },
    placement_need: {
      required_count: 2,
      completed_count: 1,
      plan_category: "retirement",
      plan_detail: "",
      reason: "現サビ管が定年退職するため、後任のサビ管が必要",
      office_priority: 1,
      wants_waitlist: true,
    },
    recommended: true,
    confirmed: true,
  };
}

export async function submitPractical(request: APIRequestContext, trainingId: number, body: object): Promise<number> {
  const res = await request.post(`/api/v1/trainings/${trainingId}/practical-applications`, { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}
