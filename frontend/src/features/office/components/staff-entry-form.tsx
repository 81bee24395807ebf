import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { CheckField, RadioChoices, TextField, useFieldError } from "@/components/ui/form-fields";
import { makeIdempotencyKey, isSettledRefusal } from "@/lib/api/idempotency";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { AdminTraining, Checklist } from "@/lib/api/types";
import {
  useCreateStaffApplication,
  type EntryChannel,
  type StaffApplicationRequest,
} from "../api/create-staff-application";

interface EntryValues {
  channel: EntryChannel;
  member: "member" | "non_member" | "";
  full_name: string;
  job_title: string;
  furigana: string;
  workplace: string;
  phone: string;
  address: string;
  email: string;
  email_confirmation: string;
  privacy_consent: boolean;
}

const EMPTY: EntryValues = {
  channel: "phone",
  member: "",
  full_name: "",
  job_title: "",
  furigana: "",
  workplace: "",
  phone: "",
  address: "",
  email: "",
  email_confirmation: "",
  privacy_consent: false,
};

const CHANNELS: { value: EntryChannel; label: string }[] = [
  { value: "phone", label: "電話" },
  { value: "fax", label: "FAX" },
  { value: "counter", label: "窓口" },
  { value: "other", label: "その他" },
];

const STATUS_TEXT: Record<string, string> = {
  confirmed: "受講確定（申込済み）",
  waitlisted: "キャンセル待ち",
};

type Answer = boolean | null;

/** The answers fitted to the number of questions (missing ones null). */
const fitAnswers = (answers: readonly Answer[], count: number): Answer[] =>
  Array.from({ length: count }, (_, i) => answers[i] ?? null);

function ChoiceError({ name }: { name: keyof EntryValues }) {
  const error = useFieldError(name);
  return error ? <p className="field-error">{error}</p> : null;
}

/**
 * 代理入力 (the checklist, where the training requires it, is passed in by the page): staff type an application taken by phone, FAX or at the counter. The server runs
 * the public form's rules and sends the applicant the same mail; only its answer decides.
 */
export function StaffEntryForm({ training, checklist }: { training: AdminTraining; checklist?: Checklist }) {
  const form = useForm<EntryValues>({ defaultValues: EMPTY });
  const create = useCreateStaffApplication(training.id);
  const [key, setKey] = useState(makeIdempotencyKey);
  const [done, setDone] = useState<string | null>(null);
  const total = checklist?.sections.reduce((n, sec) => n + sec.questions.length, 0) ?? 0;
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [checklistError, setChecklistError] = useState<string | null>(null);

  const submit = form.handleSubmit((values) => {
    setDone(null);
    const body: StaffApplicationRequest = {
      ...values,
      member: values.member === "" ? null : values.member,
      checklist_answers: training.checklist_required ? fitAnswers(answers, total) : null,
    };
    setChecklistError(null);
    create.mutate(
      { body, key },
      {
        onSuccess: (created) => {
          setDone(
            `${created.full_name}さんの申込を登録しました（${STATUS_TEXT[created.status] ?? created.status}${
              created.waitlist_position ? `・${created.waitlist_position}番目` : ""
            }）。申込内容のご確認メールを ${created.email} に送ります。`,
          );
          form.reset(EMPTY);
          setAnswers([]);
          setKey(makeIdempotencyKey());
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          if (isSettledRefusal(error.status)) setKey(makeIdempotencyKey());
          for (const issue of error.problem.errors ?? []) {
            if (issue.field === "checklist_answers") setChecklistError(issue.message);
            else form.setError(issue.field as keyof EntryValues, { type: "server", message: issue.message });
          }
        },
      },
    );
  });

  const problem = create.isError ? create.error : null;
  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate aria-labelledby="staff-entry-title">
        <h3 id="staff-entry-title">電話・FAXなどの申込を代理入力</h3>
        <p className="muted">
          公開ページの申込フォームと同じ規則で確認し、申込者に同じ確認メールを送ります。受付締切後でも研修の開始前までは入力できます（定員・キャンセル待ちの扱いは同じです）。
        </p>

        {done && <Alert tone="success">{done}</Alert>}
        {problem && <Alert>{errorMessage(problem)}</Alert>}
        <fieldset className="field">
          <legend className="field-label">受付方法</legend>
          <RadioChoices name="channel" options={CHANNELS} stacked={false} />
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">
            会員/非会員<span className="required">必須</span>
          </legend>
          <RadioChoices
            name="member"
            options={[
              { value: "member", label: "会員" },
              { value: "non_member", label: "非会員" },
            ]}
            stacked={false}
          />
          <ChoiceError name="member" />
        </fieldset>
        <TextField name="full_name" id="entry-full-name" label="氏名" required />
        <TextField
          name="job_title"
          id="entry-job-title"
          label="資格・職名"
          hint="任意。受講証明書の氏名の前に印字されます（例：主任介護支援専門員）"
        />
        <TextField name="furigana" id="entry-furigana" label="ふりがな" hint="ひらがなで入力してください（任意）" />
        <TextField name="workplace" id="entry-workplace" label="勤務先" required />
        <TextField name="phone" id="entry-phone" label="電話番号" required type="tel" inputMode="tel" />
        <TextField name="address" id="entry-address" label="住所" hint="任意" />
        <TextField name="email" id="entry-email" label="メールアドレス" required type="email" inputMode="email" />
        <TextField
          name="email_confirmation"
          id="entry-email-confirmation"
          label="メールアドレス（確認）"
          required
          type="email"
          inputMode="email"
        />
        {training.checklist_required && checklist && (
          <fieldset className="field">
            <legend className="field-label">
              {checklist.title}
              <span className="required">必須</span>
            </legend>
            <p className="field-hint">
              申込書のチェック表の回答を転記してください（回答済み {fitAnswers(answers, total).filter((a) => a !== null).length} / {total}問）。
            </p>
            {checklistError && <p className="field-error">{checklistError}</p>}
            {checklist.sections.flatMap((sec) =>
              sec.questions.map((q) => {
                const value = fitAnswers(answers, total)[q.number - 1];
                const set = (yes: boolean) =>
                  setAnswers((prev) => fitAnswers(prev, total).map((a, i) => (i === q.number - 1 ? yes : a)));
                return (
                  <fieldset key={q.number} className="entry-question">
                    <legend>
                      {q.number}. {q.text}
                    </legend>
                    <label className="radio">
                      <input type="radio" name={`entry-q${q.number}`} checked={value === true} onChange={() => set(true)} />
                      はい
                    </label>
                    <label className="radio">
                      <input type="radio" name={`entry-q${q.number}`} checked={value === false} onChange={() => set(false)} />
                      いいえ
                    </label>
                  </fieldset>
                );
              }),
            )}
          </fieldset>
        )}
        <CheckField
          name="privacy_consent"
          id="entry-privacy-consent"
          label="個人情報保護方針への同意を申込者に確認しました"
          required
        />
        <div className="actions">
          <button className="button button-primary" type="submit" disabled={create.isPending}>
            {create.isPending ? "登録中…" : "申込を登録してメールを送る"}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
