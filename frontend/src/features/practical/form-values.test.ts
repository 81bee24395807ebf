import { describe, expect, it } from "vitest";
import { fitValues, loadPracticalDraft, newPracticalDraft, savePracticalDraft } from "./draft";
import {
  controlPath,
  controlPathOf,
  eligibilityCheckOf,
  emptyPracticalForm,
  errorsOf,
  fieldNameOf,
  practicalEligibilityIds,
  practicalFieldId,
  quickCheck,
  toPracticalForm,
  type PracticalFormValues,
} from "./form-values";
import { seedA } from "./test-fixtures";

describe("the form as the 受講要件 check reads it", () => {
  it("maps the seed's example ア with the training's first day", () => {
    expect(eligibilityCheckOf(seedA, "2027-06-07")).toEqual({
      pending: [],
      request: {
        lecture_start: "2027-06-07",
        applicant: {
          target: "a",
          consultation: { category: "e", completed_on: "2024-12-15" },
          basic: { category: "g", completed_on: "2024-11-02" },
          ojt_start: "2024-12-16",
          ojt_end: "2027-05-31",
          working_days: 541,
          plan_creation: false,
          consultation_work: false,
          direct_support: true,
          leave_periods: [{ start: "2025-12-01", end: "2026-03-31" }],
        },
      },
    });
  });

  it("leaves out ③④ not added, and the OJT of ウ", () => {
    const u: PracticalFormValues = {
      ...seedA,
      target: "u",
      transitional: true,
      practical: { category: "h", completed_on: "", certificate_number: "" },
    };
    const { request } = eligibilityCheckOf(u, "2027-06-07");
    expect(request?.applicant).toEqual({
      target: "u",
      consultation: { category: "e", completed_on: "2024-12-15" },
      basic: { category: "g", completed_on: "2024-11-02" },
      transitional: true,
    });
  });

  it("names what is missing by this form's controls", () => {
    const half = { ...seedA, consultation: { ...seedA.consultation, completed_on: "" } };
    expect(eligibilityCheckOf(half, "2027-06-07")).toEqual({
      request: null,
      pending: [{ id: "pf-history-consultation-completed-on", message: "①の修了年月日を入力してください" }],
    });
  });
});

describe("the request body", () => {
  it("groups the entries as the API does, trimmed, with numbers and nulls", () => {
    const body = toPracticalForm(seedA);
    expect(body.preferred_schedule_id).toBe(7);
    expect(body.any_schedule).toBe(false);
    expect(body.applicant).toEqual({
      furigana: "たかはし はなこ",
      full_name: "髙橋 花子",
      job_title: "",
      birth_date: "1985-04-01",
      sex: "female",
    });
    expect(body.notification).toBeNull();
    expect(body.history.consultation).toEqual({ category: "e", completed_on: "2024-12-15", certificate_number: "第１２３４５６号" });
    expect(body.history.practical).toBeNull();
    expect(body.ojt).toMatchObject({ total_years: 2, total_months: 1, working_days: 541, six_month_requirements: false });
    expect(body.placement_need).toMatchObject({ required_count: 2, completed_count: 1, office_priority: null, plan_detail: "" });
  });

  it("drops what another answer hid", () => {
    const body = toPracticalForm({
      ...seedA,
      schedule: "any",
      schedule_reason: "行事のため",
      target: "u",
      six_month_requirements: true,
      send_by_fax: true,
      extra_slots: { practical: false, renewal: true },
      renewal: { category: "i", completed_on: "2020-03-01", certificate_number: "R1" },
    });
    expect(body).toMatchObject({ preferred_schedule_id: null, any_schedule: true, schedule_reason: "" });
    expect(body.ojt).toMatchObject({ start: null, working_days: null, direct_support: false, leave_periods: [] });
    expect(body.ojt.six_month_requirements).toBe(false);
    expect(body.history.send_by_fax).toBe(false);
    expect(body.history.renewal).toEqual({ category: "i", completed_on: "2020-03-01", certificate_number: "R1" });
  });

  it("sends the notification address when applying via another corporation", () => {
    const body = toPracticalForm({
      ...seedA,
      affiliation: { ...seedA.affiliation, via_other_corporation: true },
      notification: { postal_code: "060-0001", address: "札幌市", addressee: "髙橋 花子", phone: "011-000-0000" },
    });
    expect(body.notification).toEqual({ postal_code: "060-0001", address: "札幌市", addressee: "髙橋 花子", phone: "011-000-0000" });
  });
});

describe("server field paths and the controls that show them", () => {
  it.each([
    ["applicant.furigana", "applicant.furigana", "pf-applicant-furigana"],
    ["affiliation.email", "affiliation.email", "pf-affiliation-email"],
    ["history.consultation.completed_on", "history.consultation.completed_on", "pf-history-consultation-completed-on"],
    ["history.basic", "history.basic.category", "pf-history-basic-category"],
    ["ojt.leave_periods[1].start", "ojt.leave_periods[1].start", "pf-ojt-leave-periods-1-start"],
    ["ojt.leave_periods.1.end", "ojt.leave_periods[1].end", "pf-ojt-leave-periods-1-end"],
    ["placement_need.reason", "placement_need.reason", "pf-placement-need-reason"],
    ["attachment", "attachment", "pf-attachment"],
    ["notification", "notification.address", "pf-notification-address"],
    ["preferred_schedule_id", "preferred_schedule_id", "pf-preferred-schedule-id"],
    ["ojt.activities", "ojt.activities", "pf-ojt-activities"],
  ])("%s → %s (#%s)", (field, path, id) => {
    expect(controlPath(field)).toBe(path);
    expect(practicalFieldId(path)).toBe(id);
  });

  it("keeps messages of unknown fields for the summary, and the first message per field", () => {
    const errors = errorsOf([
      { field: "application", message: "申込内容を送信してください" },
      { field: "affiliation.email", message: "既に申し込まれています" },
      { field: "affiliation.email", message: "二つ目" },
    ]);
    expect(errors).toEqual({ fields: { "affiliation.email": "既に申し込まれています" }, other: ["申込内容を送信してください"] });
  });

  it.each([
    ["applicant.furigana", "applicant.furigana"],
    ["preferred_schedule_id", "schedule"],
    ["history.basic.category", "basic.category"],
    ["history.send_by_fax", "send_by_fax"],
    ["ojt.start", "ojt_start"],
    ["ojt.activities", "activities"],
    ["ojt.leave_periods[1].start", "leave_periods.1.start"],
  ])("the control %s is the form's entry %s, and back", (path, name) => {
    expect(fieldNameOf(path)).toBe(name);
    expect(controlPathOf(name)).toBe(path);
  });

  it("uses the ids of the shared 受講要件 controls", () => {
    expect(practicalEligibilityIds.sixMonth).toBe("pf-ojt-six-month-requirements");
    expect(practicalEligibilityIds.activity("direct_support")).toBe("pf-ojt-direct-support");
    expect(practicalEligibilityIds.slotDate("basic")).toBe(practicalFieldId("history.basic.completed_on"));
  });
});

describe("the quick check before the confirm step", () => {
  it("lets the seed's example through", () => {
    expect(quickCheck(seedA, { hasAttachment: false })).toEqual([]);
  });

  it("names every missing ★ entry, in the page's order, by the server's paths", () => {
    const fields = quickCheck(emptyPracticalForm, { hasAttachment: false }).map((e) => e.field);
    expect(fields).toEqual([
      "kind",
      "preferred_schedule_id",
      "applicant.furigana",
      "applicant.full_name",
      "applicant.birth_date",
      "applicant.sex",
      "affiliation.address",
      "affiliation.email",
      "affiliation.email_confirmation",
      "placement.setting",
      "target",
      "history.consultation.category",
      "history.basic.category",
      "placement_need.required_count",
      "placement_need.completed_count",
      "placement_need.plan_category",
      "placement_need.reason",
      "recommended",
      "confirmed",
    ]);
  });

  it("asks for the copy of certificates, the notification address and readable numbers", () => {
    const messages = quickCheck(
      {
        ...seedA,
        completed_elsewhere: true,
        affiliation: { ...seedA.affiliation, via_other_corporation: true, email_confirmation: "other@example.jp" },
        working_days: "約500",
      },
      { hasAttachment: false },
    );
    expect(Object.fromEntries(messages.map((m) => [m.field, m.message]))).toEqual({
      "affiliation.email_confirmation": "メールアドレスが一致しません",
      "notification.address": "通知先の住所を入力してください",
      "notification.addressee": "通知先の宛て名を入力してください",
      "notification.phone": "通知先の電話番号を入力してください",
      attachment: "当法人以外で修了した研修の修了証書の写しを添付するか、「FAXで送信する」を選んでください",
      "ojt.working_days": "トータルの勤務日数は半角数字で入力してください",
    });
    expect(quickCheck({ ...seedA, completed_elsewhere: true }, { hasAttachment: true })).toEqual([]);
  });
});

describe("the draft", () => {
  it("survives a reload with every value, and drops what does not fit", () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    savePracticalDraft(3, { ...newPracticalDraft(() => "key-1"), values: seedA }, storage);
    const loaded = loadPracticalDraft(3, ["生活介護", "就労継続支援B型"], storage)!;
    expect(loaded.idempotencyKey).toBe("key-1");
    expect({ ...loaded.values, leave_periods: [] }).toEqual({ ...seedA, leave_periods: [] });
    expect(loaded.values.leave_periods.map((r) => [r.start, r.end])).toEqual([["2025-12-01", "2026-03-31"]]);

    const odd = fitValues({ kind: "nurse", target: "x", placement: { services: ["宇宙開発", "生活介護", 3] }, recommended: "yes" }, ["生活介護"]);
    expect(odd.kind).toBe("");
    expect(odd.target).toBe("");
    expect(odd.placement.services).toEqual(["生活介護"]);
    expect(odd.recommended).toBe(false);
  });
});
