import { describe, expect, it } from "vitest";
import type { AdminTraining } from "@/lib/api/types";
import {
  defaultTrainingFormValues,
  toFormValues,
  toTrainingInput,
  trainingFormSchema,
  type TrainingFormValues,
} from "./form-values";

const filled: TrainingFormValues = {
  ...defaultTrainingFormValues,
  title: " 令和8年度 ケアマネ研修 ",
  organiser: "札幌市介護支援専門員連絡協議会",
  venue: "オンライン（Zoom）",
  starts_at: "2026-12-17T18:30",
  ends_at: "2026-12-17T20:00",
  application_opens_at: "2026-11-01T09:00",
  application_closes_at: "2026-12-10T17:00",
  fee_yen: "3000",
  capacity: "100",
  format: "online",
  zoom_url: "https://zoom.us/j/123",
  form_kind: "practical",
  exercise_schedules: [
    { id: null, label: "A日程", starts_at: "2027-01-20T10:00", ends_at: "2027-01-20T16:00", capacity: "30" },
  ],
};

const messagesOf = (values: unknown) => {
  const result = trainingFormSchema.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("toTrainingInput", () => {
  it("sends Tokyo wall time with +09:00, numbers as integers and trimmed text", () => {
    const body = toTrainingInput(filled);
    expect(body.title).toBe("令和8年度 ケアマネ研修");
    expect(body.starts_at).toBe("2026-12-17T18:30:00+09:00");
    expect(body.application_closes_at).toBe("2026-12-10T17:00:00+09:00");
    expect(body.fee_yen).toBe(3000);
    expect(body.capacity).toBe(100);
    expect(body.room_opens_minutes_before).toBe(30);
    expect(body.zoom_url).toBe("https://zoom.us/j/123");
    expect(body.zoom_meeting_id).toBeNull();
    expect(body.exercise_schedules).toEqual([
      { id: null, label: "A日程", starts_at: "2027-01-20T10:00:00+09:00", ends_at: "2027-01-20T16:00:00+09:00", capacity: 30 },
    ]);
  });

  it("drops Zoom details of an in-person training and schedules of the simple form", () => {
    const body = toTrainingInput({ ...filled, format: "in_person", form_kind: "simple" });
    expect(body.zoom_url).toBeNull();
    expect(body.exercise_schedules).toEqual([]);
  });
});

describe("toFormValues", () => {
  it("shows server instants in Tokyo and keeps schedule ids", () => {
    const training = {
      ...toTrainingInput(filled),
      starts_at: "2026-12-17T09:30:00Z",
      ends_at: "2026-12-17T11:00:00Z",
      application_opens_at: "2026-10-31T15:00:00.123456789Z",
      application_closes_at: "2026-12-10T08:00:00Z",
      exercise_schedules: [
        { id: 7, label: "A日程", starts_at: "2027-01-20T01:00:00Z", ends_at: "2027-01-20T07:00:00Z", capacity: 30 },
      ],
    } as unknown as AdminTraining;
    const values = toFormValues(training);
    expect(values.starts_at).toBe("2026-12-17T18:30");
    expect(values.application_opens_at).toBe("2026-11-01T00:00");
    expect(values.exercise_schedules[0]).toEqual({
      id: 7,
      label: "A日程",
      starts_at: "2027-01-20T10:00",
      ends_at: "2027-01-20T16:00",
      capacity: "30",
    });
    expect(values.fee_yen).toBe("3000");
    expect(toTrainingInput(values).exercise_schedules?.[0]?.id).toBe(7);
  });
});

describe("trainingFormSchema", () => {
  it("accepts a filled form", () => {
    expect(messagesOf(filled)).toEqual({});
  });

  it("names every empty required field at once, in Japanese", () => {
    expect(messagesOf(defaultTrainingFormValues)).toMatchObject({
      title: "研修名を入力してください",
      organiser: "主催を入力してください",
      venue: "会場を入力してください",
      starts_at: "開始日時を入力してください",
      ends_at: "終了日時を入力してください",
      capacity: "定員を入力してください",
      application_opens_at: "受付開始を入力してください",
      application_closes_at: "受付締切を入力してください",
    });
  });

  it("flags clearly wrong values with the server's wording", () => {
    expect(
      messagesOf({ ...filled, fee_yen: "-1", capacity: "0", ends_at: "2026-12-17T18:00", zoom_url: "zoom.us/j/1" }),
    ).toMatchObject({
      fee_yen: "参加費は0〜1,000,000円で入力してください",
      capacity: "定員は1〜10000の範囲で入力してください",
      ends_at: "終了日時は開始日時より後にしてください",
      zoom_url: "ZoomのURLは https:// で始まるURLを入力してください",
    });
  });

  it("leaves rules between fields that need the server to the server", () => {
    // 受付締切 after the training's end: only the server knows this rule.
    expect(messagesOf({ ...filled, application_closes_at: "2026-12-31T17:00" })).toEqual({});
  });
});
