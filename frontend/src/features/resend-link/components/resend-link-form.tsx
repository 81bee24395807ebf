import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { ApiError, errorMessage, toFormFieldName } from "@/lib/api/problem";
import { useResendLink } from "../api/resend-link";

const schema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "メールアドレスを入力してください")
    .regex(/^[^\s@]+@[^\s@]+$/, "メールアドレスの形式が正しくありません"),
});
type Values = z.infer<typeof schema>;

/** マイページURLの再送 on the training's page, for an applicant who lost the mail. */
export function ResendLinkForm({ trainingId }: { trainingId: number }) {
  const resend = useResendLink(trainingId);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: "" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await resend.mutateAsync(values.email);
    } catch (error) {
      if (error instanceof ApiError) {
        for (const e of error.problem.errors ?? []) {
          if (toFormFieldName(e.field) === "email") form.setError("email", { message: e.message });
        }
      }
      form.setError("root.server", { message: errorMessage(error) });
    }
  });

  return (
    <section className="section" aria-labelledby="resend-heading">
      <h2 id="resend-heading">マイページURLの再送</h2>
      <p>
        お申し込み後のメールが見つからない場合は、お申し込みに使ったメールアドレスを入力してください。新しいマイページURLをお送りします（以前のURLは使えなくなります）。
      </p>
      {resend.isSuccess ? (
        <Alert tone="success">{resend.data.message}</Alert>
      ) : (
        <form className="form card" onSubmit={onSubmit} noValidate>
          {errors.root?.server && <Alert>{errors.root.server.message}</Alert>}
          <Field id="resend-email" label="メールアドレス" error={errors.email?.message}>
            {(control) => (
              <input
                {...control}
                {...form.register("email")}
                type="email"
                autoComplete="email"
                inputMode="email"
                spellCheck={false}
              />
            )}
          </Field>
          <div className="actions">
            <button className="button button-secondary" type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "送信中…" : "マイページURLを再送する"}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
