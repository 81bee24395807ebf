import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { useWithholdZoomCertificate } from "../api/withhold-zoom-certificate";

const schema = z.object({
  reason: z.string().trim().min(1, "発行を見送る理由を入力してください").max(200, "理由は200文字以内で入力してください"),
});

/** 発行見送り: the reason is required and shown to the participant on My Page. */
export function WithholdForm({
  trainingId,
  applicationId,
  fullName,
  onDone,
}: {
  trainingId: number;
  applicationId: number;
  fullName: string;
  onDone: () => void;
}) {
  const withhold = useWithholdZoomCertificate(trainingId);
  const { register, handleSubmit, formState, setError } = useForm({
    resolver: zodResolver(schema),
    defaultValues: { reason: "" },
  });
  const id = `withhold-${applicationId}`;
  const error = formState.errors.reason?.message;
  return (
    <form
      className="zoom-withhold"
      noValidate
      onSubmit={handleSubmit((values) =>
        withhold.mutate(
          { applicationId, reason: values.reason },
          {
            onSuccess: onDone,
            onError: (e) => {
              const server = e instanceof ApiError ? e.problem.errors?.find((f) => f.field === "reason")?.message : undefined;
              setError("reason", { message: server ?? errorMessage(e) });
            },
          },
        ),
      )}
    >
      <label htmlFor={id}>{fullName}さんの受講証明書の発行を見送る理由（マイページに表示されます）</label>
      <textarea
        id={id}
        rows={2}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...register("reason")}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-danger-outline button-small" disabled={withhold.isPending}>
          発行を見送る
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onDone}>
          やめる
        </button>
      </div>
    </form>
  );
}
