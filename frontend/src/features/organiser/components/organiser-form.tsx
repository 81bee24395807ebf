import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { ApiError, errorMessage, toFormFieldName } from "@/lib/api/problem";
import type { OrganiserSettings } from "@/lib/api/types";
import { useSaveOrganiser } from "../api/save-organiser";

const SEAL_MAX_BYTES = 1024 * 1024;

const schema = z.object({
  issuer: z.string().trim().min(1, "発行者を入力してください").max(100, "発行者は100文字以内で入力してください"),
  representative: z
    .string()
    .trim()
    .min(1, "代表者を入力してください")
    .max(60, "代表者は60文字以内で入力してください"),
  removeSeal: z.boolean(),
});

type Values = z.infer<typeof schema>;

/** The issuer, representative and seal, saved together (admin only). */
export function OrganiserForm({ current, canEdit }: { current: OrganiserSettings; canEdit: boolean }) {
  const save = useSaveOrganiser();
  const [seal, setSeal] = useState<File | null>(null);
  const [sealError, setSealError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { issuer: current.issuer, representative: current.representative, removeSeal: false },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    if (seal && seal.size > SEAL_MAX_BYTES) {
      setSealError("印影の画像は1MB以下にしてください");
      return;
    }
    try {
      await save.mutateAsync({ ...values, seal });
      setSaved(true);
      setSeal(null);
    } catch (error) {
      if (error instanceof ApiError) {
        for (const e of error.problem.errors ?? []) {
          const name = toFormFieldName(e.field);
          if (name === "issuer" || name === "representative") form.setError(name, { message: e.message });
        }
        if (error.status === 413 || error.status === 415) setSealError(errorMessage(error));
      }
      form.setError("root.server", { message: errorMessage(error) });
    }
  });

  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      {errors.root?.server && <Alert>{errors.root.server.message}</Alert>}
      {saved && (
        <p className="notice" role="status">
          保存しました。これから発行する受講証明書に使われます（発行済みの証明書は変わりません）。
        </p>
      )}
      <Field id="organiser-issuer" label="発行者" error={errors.issuer?.message}>
        {(control) => <input type="text" {...control} {...form.register("issuer")} disabled={!canEdit} />}
      </Field>
      <Field id="organiser-representative" label="代表者（役職と氏名）" error={errors.representative?.message}>
        {(control) => <input type="text" {...control} {...form.register("representative")} disabled={!canEdit} />}
      </Field>
      <Field id="organiser-seal" label="印影（PNGまたはJPEG、1MBまで）" error={sealError ?? undefined}>
        {(control) => (
          <input
            {...control}
            type="file"
            accept="image/png,image/jpeg"
            disabled={!canEdit}
            onChange={(event) => {
              setSealError(null);
              setSeal(event.target.files?.[0] ?? null);
            }}
          />
        )}
      </Field>
      <p className="muted">
        {current.seal
          ? `登録済みの印影：${current.seal.content_type === "image/png" ? "PNG" : "JPEG"}（${Math.ceil(current.seal.size_bytes / 1024)}KB）`
          : "印影は登録されていません。"}
      </p>
      {current.seal && (
        <label className="checkbox-row">
          <input type="checkbox" {...form.register("removeSeal")} disabled={!canEdit} /> 印影を削除する
        </label>
      )}
      {canEdit ? (
        <div className="actions">
          <button className="button button-primary" type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "保存中…" : "保存する"}
          </button>
        </div>
      ) : (
        <p className="muted">設定を変更できるのは管理者だけです。</p>
      )}
    </form>
  );
}
