import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { AdminApplication } from "@/lib/api/types";
import { fromTokyoInputValue, toTokyoInputValue } from "@/lib/format/tokyo-time";
import { formatWarekiRange } from "@/lib/format/wareki";
import { useRecordAttendance, type AttendanceRecord } from "../api/record-attendance";

/** The longest reason the server takes. */
const REASON_MAX = 200;

interface Times {
  checkedIn: string;
  checkedOut: string;
}

function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find((e) => e.field === field)?.message;
}

/**
 * The body: only the times that changed; an emptied time is cleared (`null`), which the
 * server allows for a time staff recorded.
 */
function bodyOf(times: Times, reason: string, current: AdminApplication["attendance"]): AttendanceRecord {
  const body: AttendanceRecord = { reason };
  const one = (value: string, stored: string | null | undefined) => {
    if (value === toTokyoInputValue(stored)) return undefined;
    return value === "" ? null : fromTokyoInputValue(value);
  };
  const checkedIn = one(times.checkedIn, current.checked_in_at);
  const checkedOut = one(times.checkedOut, current.checked_out_at);
  if (checkedIn !== undefined) body.checked_in_at = checkedIn;
  if (checkedOut !== undefined) body.checked_out_at = checkedOut;
  return body;
}

/**
 * 出席・受講を記録: staff record 出席確認時間 and 受講確認時間 for a participant who could not
 * enter the codes, with a reason kept for the office.
 */
export function AttendanceDialog({
  application,
  trainingId,
  training,
  open,
  onClose,
  onDone,
}: {
  application: AdminApplication;
  trainingId: number;
  training?: { starts_at: string; ends_at: string };
  open: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const record = useRecordAttendance(trainingId);
  const current = application.attendance;
  const initial = () => ({
    checkedIn: toTokyoInputValue(current.checked_in_at),
    checkedOut: toTokyoInputValue(current.checked_out_at),
  });
  const [times, setTimes] = useState<Times>(initial);
  const [reason, setReason] = useState("");
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    // Each opening starts from what is stored now.
    setWasOpen(open);
    if (open) {
      setTimes(initial());
      setReason("");
      record.reset();
    }
  }
  const id = `attendance-${application.id}`;
  const bounds = training
    ? { min: `${toTokyoInputValue(training.starts_at).slice(0, 10)}T00:00`, max: `${toTokyoInputValue(training.ends_at).slice(0, 10)}T23:59` }
    : {};
  const fieldNames = ["checked_in_at", "checked_out_at", "reason"];
  const otherError =
    record.isError &&
    !(record.error instanceof ApiError && record.error.problem.errors?.some((e) => fieldNames.includes(e.field)))
      ? errorMessage(record.error)
      : undefined;

  const timeField = (
    key: keyof Times,
    field: "checked_in_at" | "checked_out_at",
    label: string,
    byStaff: { reason: string } | null | undefined,
    stored: string | null | undefined,
  ) => (
    <Field
      id={`${id}-${field}`}
      label={label}
      hint={
        stored
          ? byStaff
            ? "事務局が記録した時刻です。訂正するか、消去できます。"
            : "ご本人が番号で記録した時刻です。誤りがあれば訂正できます（消去はできません）。"
          : undefined
      }
      error={fieldError(record.error, field)}
    >
      {(c) => (
        <span className="attendance-time">
          <input
            {...c}
            type="datetime-local"
            step={60}
            {...bounds}
            value={times[key]}
            onChange={(e) => setTimes({ ...times, [key]: e.target.value })}
          />
          {times[key] === "" ? (
            <button
              type="button"
              className="button button-small button-secondary"
              aria-label={`${label}に今の時刻を入れる`}
              onClick={() => setTimes({ ...times, [key]: toTokyoInputValue(new Date()) })}
            >
              今の時刻
            </button>
          ) : (
            byStaff && (
              <button
                type="button"
                className="button button-small button-secondary"
                aria-label={`${label}を消去`}
                onClick={() => setTimes({ ...times, [key]: "" })}
              >
                消去
              </button>
            )
          )}
        </span>
      )}
    </Field>
  );

  return (
    <ConfirmDialog
      open={open}
      title={`${application.full_name}さんの出席・受講を記録`}
      confirmLabel="記録する"
      busy={record.isPending}
      error={otherError}
      onCancel={onClose}
      onConfirm={() =>
        record.mutate(
          { id: application.id, body: bodyOf(times, reason, current) },
          { onSuccess: () => onDone("出席・受講確認時間を記録しました。") },
        )
      }
    >
      <p>
        開始番号・終了番号を入力できなかった方（スマートフォンの電池切れ・お持ちでない、通信障害、入力時間を過ぎてから受付に来られたなど）の時刻を、事務局が記録します。
      </p>
      <p>両方がそろうと受講完了となり、ご本人のマイページに反映されます。</p>
      {training && <p className="muted">研修の日時：{formatWarekiRange(training.starts_at, training.ends_at)}（日本時間）</p>}
      {timeField("checkedIn", "checked_in_at", "出席確認時間", current.checked_in_by_staff, current.checked_in_at)}
      {timeField("checkedOut", "checked_out_at", "受講確認時間", current.checked_out_by_staff, current.checked_out_at)}
      <Field
        id={`${id}-reason`}
        label="記録の理由"
        required
        hint={`事務局の記録用です（${REASON_MAX}文字まで）。ご本人のマイページには表示されません。`}
        error={fieldError(record.error, "reason")}
      >
        {(c) => (
          <input
            {...c}
            type="text"
            maxLength={REASON_MAX}
            value={reason}
            placeholder="例：電池切れのため受付で確認"
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
    </ConfirmDialog>
  );
}
