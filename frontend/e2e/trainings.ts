import type { APIRequestContext } from "@playwright/test";
import { expect } from "./fixtures";

const EMAIL = process.env.KENSHU_E2E_ADMIN_EMAIL ?? "admin@kenshu.example";
const PASSWORD = process.env.KENSHU_E2E_ADMIN_PASSWORD;

export const MIN = 60_000;

/** Now plus `msFromNow`, down to the whole minute, as the API takes it. */
export const iso = (msFromNow: number) => new Date(Math.floor((Date.now() + msFromNow) / MIN) * MIN).toISOString();

/** The demo admin's bearer header. */
export async function staffHeaders(request: APIRequestContext) {
  const res = await request.post("/api/v1/auth/login", { data: { email: EMAIL, password: PASSWORD } });
  expect(res.ok()).toBe(true);
  return { authorization: `Bearer ${((await res.json()) as { access_token: string }).access_token}` };
}

export interface Applicant {
  email: string;
  fullName: string;
  member?: "member" | "non_member";
  jobTitle?: string;
}

/** What a held training is moved to: its times and any other field of the training. */
export type Moved = Record<string, unknown> & { starts_at: string; ends_at: string; application_closes_at: string };

/**
 * A simple-form training with one applicant, then moved in time. One can apply only while
 * a training lies ahead, so it is created two days ahead, published, applied to through the
 * public form, and only then do staff move it (`moved`: the new times and any other fields).
 * Returns its id.
 */
export async function appliedThenMoved(
  request: APIRequestContext,
  { title, purpose, applicant, moved }: { title: string; purpose: string; applicant: Applicant; moved: Moved },
) {
  const headers = await staffHeaders(request);
  const base = {
    title: `${title} ${Date.now()}`,
    purpose,
    organiser: "札幌市介護支援専門員連絡協議会",
    starts_at: iso(2 * 1440 * MIN),
    ends_at: iso(2 * 1440 * MIN + 60 * MIN),
    venue: "札幌市社会福祉総合センター",
    theme: "テーマ",
    lecturer: "講師",
    target_audience: "介護支援専門員",
    fee_yen: 0,
    capacity: 10,
    format: "in_person",
    application_opens_at: iso(-1440 * MIN),
    application_closes_at: iso(1440 * MIN),
    issues_certificate: true,
    checklist_required: false,
    form_kind: "simple",
    contact: "札幌市介護支援専門員連絡協議会\nTel:011-792-1811",
  };
  let res = await request.post("/api/v1/admin/trainings", { headers, data: base });
  expect(res.status()).toBe(201);
  const id = ((await res.json()) as { id: number }).id;
  expect((await request.post(`/api/v1/admin/trainings/${id}/publish`, { headers })).ok()).toBe(true);
  res = await request.post(`/api/v1/trainings/${id}/applications`, {
    data: {
      member: applicant.member ?? "non_member",
      full_name: applicant.fullName,
      ...(applicant.jobTitle ? { job_title: applicant.jobTitle } : {}),
      workplace: "有限会社谷川企画",
      phone: "0123-45-6789",
      email: applicant.email,
      email_confirmation: applicant.email,
      privacy_consent: true,
    },
  });
  expect(res.status()).toBe(201);
  expect((await request.put(`/api/v1/admin/trainings/${id}`, { headers, data: { ...base, ...moved } })).ok()).toBe(
    true,
  );
  return { id, headers };
}
