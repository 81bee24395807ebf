import { z } from "zod";
import type { AdminTraining, TrainingInput } from "@/lib/api/types";
import { fromTokyoInputValue, toTokyoInputValue } from "@/lib/format/tokyo-time";

/**
 * The staff training form as the inputs hold it: text for numbers, Tokyo wall time for
 * datetime-local. zod gives quick feedback (empty or clearly wrong values, with the
 * server's wording); the server checks everything again, including the rules between
 * fields (受付締切 before the end, Zoom details for online trainings …), and its field
 * errors are shown the same way.
 */
const required = (message: string) => z.string().trim().min(1, message);

/** Integer text within [min, max]; the messages match the server's. */
const intText = (label: string, min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}を入力してください`)
    .refine((v) => v === "" || (/^-?\d+$/.test(v) && Number(v) >= min && Number(v) <= max), message);

const dateTimeText = (label: string) => z.string().min(1, `${label}を入力してください`);

const scheduleSchema = z.object({
  id: z.number().nullable(),
  label: required("日程名を入力してください").max(100, "日程名は1〜100文字で入力してください"),
  starts_at: dateTimeText("演習の開始日時"),
  ends_at: dateTimeText("演習の終了日時"),
  capacity: intText("演習の定員", 1, 10_000, "演習の定員は1〜10000の範囲で入力してください"),
});

export const trainingFormSchema = z
  .object({
    title: required("研修名を入力してください").max(200, "研修名は1〜200文字で入力してください"),
    purpose: z.string().max(2000, "目的は2000文字以内で入力してください"),
    organiser: required("主催を入力してください").max(200, "主催は1〜200文字で入力してください"),
    starts_at: dateTimeText("開始日時"),
    ends_at: dateTimeText("終了日時"),
    venue: required("会場を入力してください").max(200, "会場は1〜200文字で入力してください"),
    theme: z.string().max(2000, "テーマは2000文字以内で入力してください"),
    lecturer: z.string().max(200, "講師は200文字以内で入力してください"),
    target_audience: z.string().max(2000, "対象者は2000文字以内で入力してください"),
    contact: z.string().max(1000, "お問い合わせ先は1000文字以内で入力してください"),
    fee_yen: intText("参加費", 0, 1_000_000, "参加費は0〜1,000,000円で入力してください"),
    capacity: intText("定員", 1, 10_000, "定員は1〜10000の範囲で入力してください"),
    format: z.enum(["in_person", "online", "hybrid"]),
    zoom_url: z
      .string()
      .trim()
      .refine((v) => v === "" || /^https:\/\/\S+$/.test(v), "ZoomのURLは https:// で始まるURLを入力してください"),
    zoom_meeting_id: z.string(),
    zoom_passcode: z.string(),
    room_opens_minutes_before: intText("入室開始", 0, 180, "入室開始は0〜180分前で入力してください"),
    application_opens_at: dateTimeText("受付開始"),
    application_closes_at: dateTimeText("受付締切"),
    check_in_opens_minutes_before: intText(
      "開始番号の入力開始",
      0,
      180,
      "開始番号の入力開始は0〜180分前で入力してください",
    ),
    check_in_grace_minutes: intText("猶予", 0, 60, "猶予は0〜60分で入力してください"),
    check_out_window_minutes: intText("終了番号の入力時間", 1, 180, "終了番号の入力時間は1〜180分で入力してください"),
    issues_certificate: z.boolean(),
    checklist_required: z.boolean(),
    form_kind: z.enum(["simple", "practical"]),
    waiting_list: z.boolean(),
    exercise_schedules: z.array(scheduleSchema),
  })
  .superRefine((v, ctx) => {
    // The inputs hold "YYYY-MM-DDTHH:MM", so text order is time order.
    if (v.starts_at && v.ends_at && v.ends_at <= v.starts_at) {
      ctx.addIssue({ code: "custom", path: ["ends_at"], message: "終了日時は開始日時より後にしてください" });
    }
    if (v.application_opens_at && v.application_closes_at && v.application_closes_at <= v.application_opens_at) {
      ctx.addIssue({
        code: "custom",
        path: ["application_closes_at"],
        message: "受付締切は受付開始より後にしてください",
      });
    }
    if (v.form_kind === "practical") {
      v.exercise_schedules.forEach((s, i) => {
        if (s.starts_at && s.ends_at && s.ends_at <= s.starts_at) {
          ctx.addIssue({
            code: "custom",
            path: ["exercise_schedules", i, "ends_at"],
            message: "演習の終了日時は開始日時より後にしてください",
          });
        }
      });
    }
  });

export type TrainingFormValues = z.infer<typeof trainingFormSchema>;
export type ScheduleFormValues = TrainingFormValues["exercise_schedules"][number];

export const emptySchedule: ScheduleFormValues = { id: null, label: "", starts_at: "", ends_at: "", capacity: "" };

/** A new training: SPEC defaults for the minutes, free, in person, simple form. */
export const defaultTrainingFormValues: TrainingFormValues = {
  title: "",
  purpose: "",
  organiser: "",
  starts_at: "",
  ends_at: "",
  venue: "",
  theme: "",
  lecturer: "",
  target_audience: "",
  contact: "",
  fee_yen: "0",
  capacity: "",
  format: "in_person",
  zoom_url: "",
  zoom_meeting_id: "",
  zoom_passcode: "",
  room_opens_minutes_before: "30",
  application_opens_at: "",
  application_closes_at: "",
  check_in_opens_minutes_before: "30",
  check_in_grace_minutes: "5",
  check_out_window_minutes: "30",
  issues_certificate: false,
  checklist_required: false,
  form_kind: "simple",
  waiting_list: false,
  exercise_schedules: [],
};

/** An existing training as form values, times shown in Tokyo. */
export function toFormValues(t: AdminTraining): TrainingFormValues {
  return {
    title: t.title,
    purpose: t.purpose,
    organiser: t.organiser,
    starts_at: toTokyoInputValue(t.starts_at),
    ends_at: toTokyoInputValue(t.ends_at),
    venue: t.venue,
    theme: t.theme,
    lecturer: t.lecturer,
    target_audience: t.target_audience,
    contact: t.contact,
    fee_yen: String(t.fee_yen),
    capacity: String(t.capacity),
    format: t.format,
    zoom_url: t.zoom_url ?? "",
    zoom_meeting_id: t.zoom_meeting_id ?? "",
    zoom_passcode: t.zoom_passcode ?? "",
    room_opens_minutes_before: String(t.room_opens_minutes_before),
    application_opens_at: toTokyoInputValue(t.application_opens_at),
    application_closes_at: toTokyoInputValue(t.application_closes_at),
    check_in_opens_minutes_before: String(t.check_in_opens_minutes_before),
    check_in_grace_minutes: String(t.check_in_grace_minutes),
    check_out_window_minutes: String(t.check_out_window_minutes),
    issues_certificate: t.issues_certificate,
    checklist_required: t.checklist_required,
    form_kind: t.form_kind,
    waiting_list: t.waiting_list,
    exercise_schedules: t.exercise_schedules.map((s) => ({
      id: s.id,
      label: s.label,
      starts_at: toTokyoInputValue(s.starts_at),
      ends_at: toTokyoInputValue(s.ends_at),
      capacity: String(s.capacity),
    })),
  };
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/**
 * The request body of checked form values: Tokyo wall time as `…+09:00`, trimmed text,
 * Zoom details only for online and hybrid trainings, 演習日程 only for the practical form.
 */
export function toTrainingInput(v: TrainingFormValues): TrainingInput {
  const zoom = v.format !== "in_person";
  return {
    title: v.title.trim(),
    purpose: v.purpose.trim(),
    organiser: v.organiser.trim(),
    starts_at: fromTokyoInputValue(v.starts_at),
    ends_at: fromTokyoInputValue(v.ends_at),
    venue: v.venue.trim(),
    theme: v.theme.trim(),
    lecturer: v.lecturer.trim(),
    target_audience: v.target_audience.trim(),
    contact: v.contact.trim(),
    fee_yen: Number(v.fee_yen),
    capacity: Number(v.capacity),
    format: v.format,
    zoom_url: zoom ? orNull(v.zoom_url) : null,
    zoom_meeting_id: zoom ? orNull(v.zoom_meeting_id) : null,
    zoom_passcode: zoom ? orNull(v.zoom_passcode) : null,
    room_opens_minutes_before: Number(v.room_opens_minutes_before),
    application_opens_at: fromTokyoInputValue(v.application_opens_at),
    application_closes_at: fromTokyoInputValue(v.application_closes_at),
    check_in_opens_minutes_before: Number(v.check_in_opens_minutes_before),
    check_in_grace_minutes: Number(v.check_in_grace_minutes),
    check_out_window_minutes: Number(v.check_out_window_minutes),
    issues_certificate: v.issues_certificate,
    checklist_required: v.checklist_required,
    form_kind: v.form_kind,
    waiting_list: v.waiting_list,
    exercise_schedules:
      v.form_kind === "practical"
        ? v.exercise_schedules.map((s) => ({
            id: s.id,
            label: s.label.trim(),
            starts_at: fromTokyoInputValue(s.starts_at),
            ends_at: fromTokyoInputValue(s.ends_at),
            capacity: Number(s.capacity),
          }))
        : [],
  };
}
