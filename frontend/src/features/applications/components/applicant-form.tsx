import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef } from "react";
import { useForm } from "react-hook-form";
import { ProblemAlert } from "@/components/apply/problem-alert";
import { MailNotice } from "@/components/training/mail-notice";
import { CheckboxField, ChoiceGroup, Field, type ControlProps } from "@/components/ui/field";
import { SubmitBar } from "@/components/ui/submit-bar";
import { MEMBER_LABELS, type Member } from "@/lib/format/labels";
import { applicantSchema, JOB_TITLE_MAX } from "../applicant-schema";
import { emptyApplicant, type ApplicantValues } from "../draft";
import { fieldsOfStep, INPUT_FIELDS, type InputField, type StepProblem } from "../problem-steps";
import { PrivacyPolicy } from "./privacy-policy";

export const applicantFieldId = (name: string) => `apply-${name.replace(/_/g, "-")}`;

interface ApplicantFormProps {
  initialValues: ApplicantValues;
  organiser: string;
  online: boolean;
  /** The server's refusal, whose messages for these fields are shown next to them. */
  problem: StepProblem | null;
  backTo: string;
  onChange: (values: ApplicantValues) => void;
  onSubmit: (values: ApplicantValues) => void;
}

/** 申込 入力: 会員/非会員, 氏名, 資格・職名 (optional), 勤務先, 個人電話番号, メールアドレス (twice) and consent. */
export function ApplicantForm({ initialValues, organiser, online, problem, backTo, onChange, onSubmit }: ApplicantFormProps) {
  const form = useForm<ApplicantValues>({
    resolver: zodResolver(applicantSchema),
    defaultValues: initialValues,
  });
  const { register, formState, setError, watch } = form;
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  // Keep every keystroke in the draft, so a reload loses nothing.
  useEffect(() => {
    const sub = watch((values) => onChange({ ...emptyApplicant, ...values } as ApplicantValues));
    return () => sub.unsubscribe();
  }, [watch, onChange]);

  // The server's messages go next to their fields.
  const serverFields = fieldsOfStep(problem, "input", true);
  useEffect(() => {
    if (!problem) return;
    for (const [field, message] of fieldsOfStep(problem, "input", true)) {
      setError(field as InputField, { type: "server", message });
    }
    focusSummary();
  }, [problem, setError]);

  const err = (name: InputField) => formState.errors[name]?.message;
  const listed: [string, string, string][] = INPUT_FIELDS.flatMap((name) => {
    const message = err(name);
    return message ? [[name, message, applicantFieldId(name)] as [string, string, string]] : [];
  });
  // Before the form re-renders with setError, show the server's list anyway.
  const fields = listed.length > 0 ? listed : serverFields.map(([f, m]) => [f, m, applicantFieldId(f)] as [string, string, string]);

  const submit = form.handleSubmit(onSubmit, focusSummary);
  const emailInput = (name: "email" | "email_confirmation") => (c: ControlProps) => (
    <input
      {...c}
      {...register(name)}
      type="email"
      inputMode="email"
      autoComplete="email"
      autoCapitalize="none"
      spellCheck={false}
    />
  );
  const memberError = err("member");
  const memberId = applicantFieldId("member");

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert ref={summaryRef} problem={problem} fields={fields} fallbackTitle="入力内容を確認してください。" />
      <p>以下の項目をご入力の上、「次へ」ボタンを押してください。</p>

      <div className="card form-card">
        <ChoiceGroup
          id={memberId}
          legend="会員/非会員"
          required
          hint="会員の方は【会員】を、非会員の方は【非会員】を選択してください。"
          error={memberError}
        >
          <div className="radio-row">
            {(Object.entries(MEMBER_LABELS) as [Member, string][]).map(([value, label]) => (
              <label key={value} className="radio radio-boxed">
                <input type="radio" value={value} {...register("member")} />
                {label}
              </label>
            ))}
          </div>
        </ChoiceGroup>

        <Field
          id={applicantFieldId("full_name")}
          label="氏名"
          required
          hint={
            online
              ? "フルネームで入力してください（例：田中 太郎）。Zoomの参加者名も、この氏名にしてください。"
              : "フルネームで入力してください（例：田中 太郎）。"
          }
          error={err("full_name")}
        >
          {(c) => <input {...c} {...register("full_name")} type="text" autoComplete="name" />}
        </Field>

        <Field
          id={applicantFieldId("job_title")}
          label="資格・職名"
          hint={`任意です。受講証明書の氏名の前に印字されます（例：主任介護支援専門員）。${JOB_TITLE_MAX}文字以内。`}
          error={err("job_title")}
        >
          {(c) => <input {...c} {...register("job_title")} type="text" autoComplete="organization-title" />}
        </Field>

        <Field id={applicantFieldId("workplace")} label="勤務先" required hint="例：株式会社〇〇" error={err("workplace")}>
          {(c) => <input {...c} {...register("workplace")} type="text" autoComplete="organization" />}
        </Field>

        <Field
          id={applicantFieldId("phone")}
          label="個人電話番号"
          required
          hint="例：0123-45-6789（ハイフンはあってもなくても構いません）"
          error={err("phone")}
          className="field-medium"
        >
          {(c) => <input {...c} {...register("phone")} type="tel" inputMode="tel" autoComplete="tel" />}
        </Field>

        <Field
          id={applicantFieldId("email")}
          label="メールアドレス"
          required
          hint="※研修当日お持ちになる携帯電話のメールアドレスをご入力ください。お申込み完了後、ご入力メールアドレス宛に「研修参加用のURL」（マイページURL）をお送りします。研修当日この「研修参加用のURL」が必要になります。"
          error={err("email")}
        >
          {emailInput("email")}
        </Field>

        <Field
          id={applicantFieldId("email_confirmation")}
          label="メールアドレス確認"
          required
          hint="確認のため、同じメールアドレスをもう一度入力してください。"
          error={err("email_confirmation")}
        >
          {emailInput("email_confirmation")}
        </Field>
      </div>

      <div className="card form-card">
        <h2 className="form-card-title">個人情報保護方針への同意</h2>
        <PrivacyPolicy organiser={organiser} />
        <CheckboxField
          id={applicantFieldId("privacy_consent")}
          label={
            <>
              個人情報保護方針に同意する<span className="required">必須</span>
            </>
          }
          error={err("privacy_consent")}
        >
          {(c) => <input {...c} {...register("privacy_consent")} type="checkbox" />}
        </CheckboxField>
        <p className="field-hint">
          必ず個人情報保護方針に同意のうえ、「次へ」ボタンをクリックして下さい。
          {window.location.protocol === "https:" && "入力されたデータはSSLにより保護されます。"}
        </p>
      </div>

      <MailNotice />

      <SubmitBar backTo={backTo} label="次へ ›" />
    </form>
  );
}
