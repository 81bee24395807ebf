import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { ApiError, errorMessage, toFormFieldName } from "@/lib/api/problem";
import { useLogin } from "../api/login";

const loginSchema = z.object({
  email: z.string().trim().min(1, "メールアドレスを入力してください"),
  password: z.string().min(1, "パスワードを入力してください"),
});

type LoginValues = z.infer<typeof loginSchema>;

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const login = useLogin();
  const form = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: "", password: "" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await login.mutateAsync(values);
      onSuccess();
    } catch (error) {
      if (error instanceof ApiError) {
        for (const e of error.problem.errors ?? []) {
          const name = toFormFieldName(e.field);
          if (name === "email" || name === "password") form.setError(name, { message: e.message });
        }
      }
      form.setError("root.server", { message: errorMessage(error) });
    }
  });

  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      {errors.root?.server && <Alert>{errors.root.server.message}</Alert>}
      <Field id="login-email" label="メールアドレス" error={errors.email?.message}>
        {(control) => (
          <input
            {...control}
            {...form.register("email")}
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
          />
        )}
      </Field>
      <Field id="login-password" label="パスワード" error={errors.password?.message}>
        {(control) => (
          <input {...control} {...form.register("password")} type="password" autoComplete="current-password" />
        )}
      </Field>
      <div className="actions">
        <button className="button button-primary" type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "ログイン中…" : "ログイン"}
        </button>
      </div>
    </form>
  );
}
