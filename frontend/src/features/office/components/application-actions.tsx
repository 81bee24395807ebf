import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { AdminApplication } from "@/lib/api/types";
import { useCancelApplication } from "../api/cancel-application";
import { useReissueLink } from "../api/reissue-link";
import { useResetCodeAttempts } from "../api/reset-code-attempts";
import { useUpdateContact } from "../api/update-contact";
import { AttendanceDialog } from "./attendance-dialog";

type Open = "reissue" | "contact" | "cancel" | "unlock" | "attendance" | null;

/** The problem of a field, from a 422. */
function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find((e) => e.field === field)?.message;
}

/**
 * 出席・受講の記録, マイページURL再発行, 連絡先の修正, 番号の入力制限の解除 and キャンセル for one
 * application (staff and admins only).
 */
export function ApplicationActions({
  application,
  trainingId,
  training,
}: {
  application: AdminApplication;
  trainingId: number;
  /** The training's times, to bound and explain the attendance times. */
  training?: { starts_at: string; ends_at: string };
}) {
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reissue = useReissueLink();
  const update = useUpdateContact(trainingId);
  const cancel = useCancelApplication(trainingId);
  const unlock = useResetCodeAttempts();
  const [contact, setContact] = useState({ email: "", phone: "", address: "", job_title: "" });
  const [reason, setReason] = useState("");
  if (application.status === "cancelled") return null;
  const name = application.full_name;
  const close = () => {
    setOpen(null);
    reissue.reset();
    update.reset();
    cancel.reset();
    unlock.reset();
  };
  const id = `application-${application.id}`;

  return (
    <div className="row-actions" role="group" aria-label={`${name}さんの申込の操作`}>
      {application.status === "confirmed" && (
        <button type="button" className="button button-small button-secondary" onClick={() => setOpen("attendance")}>
          出席・受講を記録
        </button>
      )}
      <button
        type="button"
        className="button button-small button-secondary"
        onClick={() => {
          setContact({
            email: application.email,
            phone: application.phone,
            address: application.address ?? "",
            job_title: application.job_title ?? "",
          });
          setOpen("contact");
        }}
      >
        連絡先・職名を修正
      </button>
      <button type="button" className="button button-small button-secondary" onClick={() => setOpen("reissue")}>
        マイページURL再発行
      </button>
      {application.status === "confirmed" && (
        <button type="button" className="button button-small button-secondary" onClick={() => setOpen("unlock")}>
          番号の入力制限を解除
        </button>
      )}
      <button type="button" className="button button-small button-danger-outline" onClick={() => setOpen("cancel")}>
        キャンセル
      </button>
      {notice && (
        <p className="cell-note" role="status">
          {notice}
        </p>
      )}

      {application.status === "confirmed" && (
        <AttendanceDialog
          application={application}
          trainingId={trainingId}
          training={training}
          open={open === "attendance"}
          onClose={close}
          onDone={(message) => {
            close();
            setNotice(message);
          }}
        />
      )}

      <ConfirmDialog
        open={open === "reissue"}
        title={`${name}さんのマイページURLを再発行しますか？`}
        confirmLabel="再発行してメールを送る"
        busy={reissue.isPending}
        error={reissue.isError ? errorMessage(reissue.error) : undefined}
        onCancel={close}
        onConfirm={() =>
          reissue.mutate(application.id, {
            onSuccess: () => {
              close();
              setNotice("新しいマイページURLをメールで送りました。");
            },
          })
        }
      >
        <p>新しいマイページURLとキャンセル用URLを {application.email} あてにメールで送ります。</p>
        <p>
          <strong>これまでのURLは使えなくなります。</strong>
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={open === "contact"}
        title={`${name}さんの連絡先・職名を修正`}
        confirmLabel="修正を保存"
        busy={update.isPending}
        error={update.isError && !(update.error instanceof ApiError && update.error.status === 422) ? errorMessage(update.error) : undefined}
        onCancel={close}
        onConfirm={() =>
          update.mutate(
            { id: application.id, body: contact },
            {
              onSuccess: () => {
                close();
                setNotice("連絡先・職名を修正しました。");
              },
            },
          )
        }
      >
        <p>申込フォームと同じ規則で確認します。申込者へのメールは送られません。</p>
        <Field id={`${id}-email`} label="メールアドレス" required error={fieldError(update.error, "email")}>
          {(c) => (
            <input
              {...c}
              type="email"
              value={contact.email}
              onChange={(e) => setContact({ ...contact, email: e.target.value })}
            />
          )}
        </Field>
        <Field id={`${id}-phone`} label="電話番号" required error={fieldError(update.error, "phone")}>
          {(c) => (
            <input
              {...c}
              type="tel"
              value={contact.phone}
              onChange={(e) => setContact({ ...contact, phone: e.target.value })}
            />
          )}
        </Field>
        <Field id={`${id}-address`} label="住所" error={fieldError(update.error, "address")}>
          {(c) => (
            <input {...c} type="text" value={contact.address} onChange={(e) => setContact({ ...contact, address: e.target.value })} />
          )}
        </Field>
        <Field
          id={`${id}-job-title`}
          label="資格・職名"
          hint="受講証明書の氏名の前に印字されます。発行済みの証明書は変わりません。"
          error={fieldError(update.error, "job_title")}
        >
          {(c) => (
            <input
              {...c}
              type="text"
              value={contact.job_title}
              onChange={(e) => setContact({ ...contact, job_title: e.target.value })}
            />
          )}
        </Field>
      </ConfirmDialog>

      <ConfirmDialog
        open={open === "unlock"}
        title={`${name}さんの番号の入力制限を解除しますか？`}
        confirmLabel="解除する"
        busy={unlock.isPending}
        error={unlock.isError ? errorMessage(unlock.error) : undefined}
        onCancel={close}
        onConfirm={() =>
          unlock.mutate(application.id, {
            onSuccess: ({ cleared }) => {
              close();
              setNotice(
                cleared > 0
                  ? `番号の入力ミス${cleared}回分を取り消しました。開始番号・終了番号をもう一度入力できます。`
                  : "取り消す入力ミスはありませんでした。",
              );
            },
          })
        }
      >
        <p>
          開始番号・終了番号を5回続けて間違えると、正しい番号も入力できなくなります。ご本人であることを受付で確認したうえで解除してください。
        </p>
        <p>これまでの入力ミスを取り消します。出席確認時間・受講確認時間は変わりません。操作は監査ログに記録されます。</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={open === "cancel"}
        title={`${name}さんの申込をキャンセルしますか？`}
        confirmLabel="キャンセルする"
        danger
        busy={cancel.isPending}
        error={cancel.isError && !(cancel.error instanceof ApiError && cancel.error.status === 422) ? errorMessage(cancel.error) : undefined}
        onCancel={close}
        onConfirm={() =>
          cancel.mutate(
            { id: application.id, reason },
            {
              onSuccess: () => {
                close();
                setReason("");
              },
            },
          )
        }
      >
        <p>申込者にキャンセルのご確認メールが送られます。キャンセルは元に戻せません。</p>
        {application.status === "confirmed" && (
          <p>キャンセル待ちの方がいる場合は、最初の方が繰り上がり、その方にもメールが送られます。</p>
        )}
        <Field
          id={`${id}-reason`}
          label="キャンセルの理由"
          required
          hint="事務局の記録用です。申込者へのメールには記載されません。"
          error={fieldError(cancel.error, "reason")}
        >
          {(c) => <textarea {...c} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </ConfirmDialog>
    </div>
  );
}
