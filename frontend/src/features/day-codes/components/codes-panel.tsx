import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { ApiError, errorMessage, toFormFieldName } from "@/lib/api/problem";
import type { components } from "@/lib/api/schema";
import { formatTime } from "@/lib/format/tokyo-time";
import { usePutCodes } from "../api/put-codes";
import "./day-codes.css";

type TrainingCodes = components["schemas"]["TrainingCodes"];

const toHalfWidth = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
const code = z
  .string()
  .transform(toHalfWidth)
  .refine((c) => c === "" || /^\d{4}$/.test(c), "4ケタの数字で入力してください");
const schema = z.object({ start_code: code, end_code: code });
type Values = z.input<typeof schema>;

const KINDS = [
  { kind: "start", field: "start_code", label: "開始番号", window: "start_window" },
  { kind: "end", field: "end_code", label: "終了番号", window: "end_window" },
] as const;

/** 開始番号・終了番号: set, generate, project. */
export function CodesPanel({ codes }: { codes: TrainingCodes }) {
  const put = usePutCodes(codes.training_id);
  const { dialog, ask } = useConfirm();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { start_code: codes.start_code ?? "", end_code: codes.end_code ?? "" },
  });
  const { errors } = form.formState;

  const send = async (body: Parameters<typeof put.mutateAsync>[0]) => {
    try {
      const saved = await put.mutateAsync(body);
      form.reset({ start_code: saved.start_code ?? "", end_code: saved.end_code ?? "" });
    } catch (error) {
      if (error instanceof ApiError) {
        for (const e of error.problem.errors ?? []) {
          const name = toFormFieldName(e.field);
          if (name === "start_code" || name === "end_code") form.setError(name, { message: e.message });
        }
      }
      form.setError("root.server", { message: errorMessage(error) });
    }
  };

  const onSubmit = form.handleSubmit(async (values) => {
    await send({
      start_code: toHalfWidth(values.start_code) || undefined,
      end_code: toHalfWidth(values.end_code) || undefined,
    });
  });

  return (
    <form className="codes-form" onSubmit={onSubmit} noValidate>
      {errors.root?.server && <Alert>{errors.root.server.message}</Alert>}
      {put.isSuccess && !form.formState.isDirty && <Alert tone="success">番号を保存しました。</Alert>}
      <div className="codes-grid">
        {KINDS.map(({ kind, field, label, window: span }) => (
          <section key={kind} className="card codes-card" aria-labelledby={`codes-${kind}-heading`}>
            <h2 id={`codes-${kind}-heading`}>{label}</h2>
            <p className="codes-current" aria-live="polite">
              {codes[field] ?? "未設定"}
            </p>
            <p className="field-hint">
              入力できる時間：{formatTime(codes[span].opens_at)}〜{formatTime(codes[span].closes_at)}
            </p>
            <label className="field-label" htmlFor={`codes-${kind}`}>
              {label}を入力して設定
            </label>
            <input
              id={`codes-${kind}`}
              {...form.register(field)}
              className="codes-input"
              type="text"
              inputMode="numeric"
              maxLength={8}
              placeholder="例）1234"
              aria-invalid={errors[field] ? true : undefined}
              aria-describedby={errors[field] ? `codes-${kind}-error` : undefined}
            />
            {errors[field] && (
              <p className="field-error" id={`codes-${kind}-error`}>
                {errors[field]?.message}
              </p>
            )}
            <div className="card-actions card-actions-wrap">
              <button
                type="button"
                className="button button-secondary"
                disabled={put.isPending}
                onClick={async () => {
                  // Codes may already be posted in the hall: replacing one is a deliberate act.
                  const yes =
                    !codes[field] ||
                    (await ask({
                      title: `${label}を新しい番号に置き換えますか？`,
                      body: (
                        <p>
                          いまの{label}（{codes[field]}）は使えなくなります。会場に掲示した番号や投影中の画面も差し替えてください。
                        </p>
                      ),
                      confirmLabel: "置き換える",
                      danger: true,
                    }));
                  if (yes) void send({ generate: [kind] });
                }}
              >
                自動生成する
              </button>
              {codes[field] && (
                <Link className="button button-primary" to={`/staff/trainings/${codes.training_id}/codes/${kind}`}>
                  全画面で投影する
                </Link>
              )}
            </div>
          </section>
        ))}
      </div>
      <div className="actions">
        <button className="button button-primary" type="submit" disabled={put.isPending}>
          入力した番号を保存する
        </button>
      </div>
      {dialog}
    </form>
  );
}
