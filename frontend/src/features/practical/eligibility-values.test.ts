import { describe, expect, it } from "vitest";
import { memoryStorage } from "@/lib/session-store";
import {
  checkForm,
  eligibilityDraftKey,
  emptyEligibilityForm,
  fieldIdOfProblem,
  fiscalYearsText,
  isDateText,
  loadEligibilityDraft,
  newLeaveRow,
  parseDays,
  saveEligibilityDraft,
  toEligibilityRequest,
  valuePathOfProblem,
  type EligibilityFormValues,
} from "./eligibility-values";

/** Seed 003's worked example 対象ア. */
const seedA: EligibilityFormValues = {
  ...emptyEligibilityForm,
  lecture_start: "2022-06-06",
  target: "a",
  consultation: { category: "e", completed_on: "2019-12-15" },
  basic: { category: "g", completed_on: "2019-11-02" },
  ojt_start: "2019-12-16",
  ojt_end: "2022-05-31",
  working_days: "541",
  direct_support: true,
  leave_periods: [{ ...newLeaveRow(), start: "2020-12-01", end: "2021-03-31" }],
};

describe("the eligibility request", () => {
  it("maps the seed's example ア, leaving out the empty slots ③ and ④", () => {
    expect(toEligibilityRequest(seedA)).toEqual({
      lecture_start: "2022-06-06",
      applicant: {
        target: "a",
        consultation: { category: "e", completed_on: "2019-12-15" },
        basic: { category: "g", completed_on: "2019-11-02" },
        ojt_start: "2019-12-16",
        ojt_end: "2022-05-31",
        working_days: 541,
        plan_creation: false,
        consultation_work: false,
        direct_support: true,
        leave_periods: [{ start: "2020-12-01", end: "2021-03-31" }],
      },
    });
  });

  it("is null until the lecture start and the target are given", () => {
    const empty = checkForm(emptyEligibilityForm);
    expect(empty.request).toBeNull();
    expect(empty.pending.map((p) => p.id)).toEqual(["elig-lecture-start", "elig-target"]);
    expect(toEligibilityRequest({ ...seedA, lecture_start: "" })).toBeNull();
    expect(toEligibilityRequest({ ...seedA, target: "" })).toBeNull();
  });

  it("is null while a date is half typed or not a calendar date", () => {
    expect(toEligibilityRequest({ ...seedA, lecture_start: "0002-06-06" })).toBeNull();
    expect(toEligibilityRequest({ ...seedA, lecture_start: "2022-02-30" })).toBeNull();
    expect(toEligibilityRequest({ ...seedA, ojt_end: "2022-5-31" })).toBeNull();
    expect(isDateText("2024-02-29")).toBe(true);
    expect(isDateText("2023-02-29")).toBe(false);
  });

  it("is null while a slot has only its 区分 or only its date", () => {
    const onlyCategory = checkForm({ ...seedA, practical: { category: "h", completed_on: "" } });
    expect(onlyCategory.request).toBeNull();
    expect(onlyCategory.pending).toEqual([{ id: "elig-practical-date", message: "③の修了年月日を入力してください" }]);
    const onlyDate = checkForm({ ...seedA, renewal: { category: "", completed_on: "2023-01-10" } });
    expect(onlyDate.pending).toEqual([{ id: "elig-renewal-category", message: "④の区分を選んでください" }]);
  });

  it("skips empty leave rows and waits for half-filled ones", () => {
    const withEmptyRow = { ...seedA, leave_periods: [...seedA.leave_periods, newLeaveRow()] };
    expect(toEligibilityRequest(withEmptyRow)?.applicant.leave_periods).toEqual([{ start: "2020-12-01", end: "2021-03-31" }]);

    const half = checkForm({ ...seedA, leave_periods: [...seedA.leave_periods, { ...newLeaveRow(), start: "2021-06-01" }] });
    expect(half.request).toBeNull();
    expect(half.pending).toEqual([{ id: "elig-leave-1-end", message: "休職期間2の終わりを入力してください" }]);

    expect(toEligibilityRequest({ ...seedA, leave_periods: [] })?.applicant.leave_periods).toEqual([]);
  });

  it("leaves out an empty 勤務日数 and reads full-width digits, but waits on other text", () => {
    expect(toEligibilityRequest({ ...seedA, working_days: "" })?.applicant).not.toHaveProperty("working_days");
    expect(toEligibilityRequest({ ...seedA, working_days: "５４１" })?.applicant.working_days).toBe(541);
    expect(toEligibilityRequest({ ...seedA, working_days: "54a" })).toBeNull();
    expect(parseDays(" 100 ")).toBe(100);
    expect(parseDays("-1")).toBeNull();
  });

  it("sends the six-month requirements only for イ", () => {
    const i = toEligibilityRequest({ ...seedA, target: "i", plan_creation: true, six_month_requirements: true });
    expect(i?.applicant).toMatchObject({ target: "i", plan_creation: true, six_month_requirements: true });
    expect(toEligibilityRequest({ ...seedA, six_month_requirements: true })?.applicant).not.toHaveProperty(
      "six_month_requirements",
    );
  });

  it("sends no OJT for ウ, but the completions and the transitional status", () => {
    const u = toEligibilityRequest({
      ...seedA,
      target: "u",
      consultation: { category: "a", completed_on: "2000-10-30" },
      basic: { category: "f", completed_on: "2006-12-20" },
      transitional: true,
      working_days: "not a number", // hidden for ウ: not a reason to wait
    });
    expect(u).toEqual({
      lecture_start: "2022-06-06",
      applicant: {
        target: "u",
        consultation: { category: "a", completed_on: "2000-10-30" },
        basic: { category: "f", completed_on: "2006-12-20" },
        transitional: true,
      },
    });
  });

  it("points server field paths at the form's controls", () => {
    expect(fieldIdOfProblem("lecture_start")).toBe("elig-lecture-start");
    expect(fieldIdOfProblem("applicant.leave_periods[0].end")).toBe("elig-leave-0-end");
    expect(fieldIdOfProblem("applicant.consultation.completed_on")).toBe("elig-consultation-date");
    expect(fieldIdOfProblem("applicant.basic.category")).toBe("elig-basic-category");
    expect(fieldIdOfProblem("applicant.working_days")).toBe("elig-working-days");
    expect(fieldIdOfProblem("something_else")).toBeUndefined();
  });

  it("names the form's entry a server field holds", () => {
    expect(valuePathOfProblem("lecture_start")).toBe("lecture_start");
    expect(valuePathOfProblem("applicant.leave_periods[0].end")).toBe("leave_periods.0.end");
    expect(valuePathOfProblem("applicant.consultation.completed_on")).toBe("consultation.completed_on");
    expect(valuePathOfProblem("applicant.direct_support")).toBe("activities");
    expect(valuePathOfProblem("something_else")).toBeUndefined();
  });
});

describe("the 区分's fiscal years", () => {
  it("are written in 和暦 with the months of 西暦 the completion must lie in", () => {
    expect(fiscalYearsText("e")).toBe("実施年度：平成24年度〜（2012年4月以降の修了）");
    expect(fiscalYearsText("a")).toBe("実施年度：〜平成19年度（2008年3月までの修了）");
    expect(fiscalYearsText("b")).toBe("実施年度：平成18年度（2006年4月〜2007年3月の修了）");
    expect(fiscalYearsText("d")).toBe("実施年度：平成19〜23年度（2007年4月〜2012年3月の修了）");
    expect(fiscalYearsText("g")).toBe("実施年度：令和元年度〜（2019年4月以降の修了）");
  });
});

describe("the eligibility draft", () => {
  it("survives a reload", () => {
    const storage = memoryStorage();
    saveEligibilityDraft(seedA, storage);
    const loaded = loadEligibilityDraft(storage)!;
    expect(toEligibilityRequest(loaded)).toEqual(toEligibilityRequest(seedA));
    expect(loaded.leave_periods[0].key).toEqual(expect.any(String));
  });

  it("drops what is not ours", () => {
    const storage = memoryStorage();
    expect(loadEligibilityDraft(storage)).toBeNull();
    storage.setItem(eligibilityDraftKey, "{not json");
    expect(loadEligibilityDraft(storage)).toBeNull();
    storage.setItem(
      eligibilityDraftKey,
      JSON.stringify({ target: "x", consultation: { category: "h", completed_on: 5 }, direct_support: "yes", leave_periods: [null] }),
    );
    const loaded = loadEligibilityDraft(storage)!;
    expect(loaded.target).toBe("");
    expect(loaded.consultation).toEqual({ category: "", completed_on: "" });
    expect(loaded.direct_support).toBe(false);
    expect(loaded.leave_periods).toHaveLength(1);
    expect(loaded.leave_periods[0]).toMatchObject({ start: "", end: "" });
  });
});
