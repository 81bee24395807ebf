import { z } from "zod";
import type { ApplyRequest, Member } from "@/lib/api/types";
import { normaliseEmail, phoneDigits } from "@/lib/format/contact";
import { charCount, storedText } from "@/lib/format/text";
import type { Answer } from "./checklist-answers";
import type { ApplicantValues } from "./draft";

/**
 * Quick feedback on the input step, in the server's wording. The server checks everything
 * again (and normalises full-width digits), and its field errors are shown the same way.
 */
const required = (message: string) => z.string().trim().min(1, message);

/** The longest 資格・職名 (crates/domain/src/application.rs, `JOB_TITLE_MAX_CHARS`). */
export const JOB_TITLE_MAX = 40;

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normaliseEmail(value));

export const applicantSchema = z
  .object({
    member: z.string().refine((v) => v === "member" || v === "non_member", "会員/非会員を選択してください"),
    full_name: required("氏名を入力してください").max(100, "氏名は100文字以内で入力してください"),
    job_title: z
      .string()
      .refine((v) => charCount(storedText(v)) <= JOB_TITLE_MAX, `資格・職名は${JOB_TITLE_MAX}文字以内で入力してください`),
    workplace: required("勤務先を入力してください").max(200, "勤務先は200文字以内で入力してください"),
    phone: required("個人電話番号を入力してください").refine((v) => {
      const digits = phoneDigits(v);
      return digits.startsWith("0") && digits.length >= 10 && digits.length <= 11;
    }, "電話番号は0から始まる10桁または11桁で入力してください（例: 0123-45-6789）"),
    email: required("メールアドレスを入力してください").refine(looksLikeEmail, "メールアドレスの形式が正しくありません"),
    email_confirmation: required("確認のため、メールアドレスをもう一度入力してください"),
    privacy_consent: z.boolean().refine((v) => v, "個人情報保護方針に同意してください"),
  })
  .superRefine((v, ctx) => {
    if (v.email_confirmation.trim() && normaliseEmail(v.email) !== normaliseEmail(v.email_confirmation)) {
      ctx.addIssue({ code: "custom", path: ["email_confirmation"], message: "メールアドレスが一致しません" });
    }
  });

export function isApplicantComplete(values: ApplicantValues): boolean {
  return applicantSchema.safeParse(values).success;
}

/** The request body: trimmed entries, and the answers only where the training asks for them. */
export function toApplyRequest(values: ApplicantValues, answers: Answer[] | null): ApplyRequest {
  return {
    member: values.member === "member" || values.member === "non_member" ? (values.member as Member) : null,
    full_name: values.full_name.trim(),
    job_title: storedText(values.job_title) || null,
    workplace: values.workplace.trim(),
    phone: values.phone.trim(),
    email: values.email.trim(),
    email_confirmation: values.email_confirmation.trim(),
    privacy_consent: values.privacy_consent,
    ...(answers ? { checklist_answers: answers } : {}),
  };
}
