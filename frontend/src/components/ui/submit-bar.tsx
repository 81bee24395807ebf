import type { ReactNode } from "react";
import { Link } from "react-router";

/**
 * The end of a form or a step: ‹ 戻る on the left, the main action on the right. Without
 * `onClick` the button submits the form; while `busy` it says `busyLabel` and takes no click.
 */
export function SubmitBar({
  backTo,
  label,
  busy = false,
  busyLabel,
  disabled = false,
  onClick,
  describedBy,
}: {
  backTo: string;
  label: ReactNode;
  busy?: boolean;
  busyLabel?: ReactNode;
  disabled?: boolean;
  onClick?: () => void;
  describedBy?: string;
}) {
  return (
    <div className="actions">
      <Link className="button button-secondary" to={backTo}>
        ‹ 戻る
      </Link>
      <button
        className="button button-primary"
        type={onClick ? "button" : "submit"}
        onClick={onClick}
        disabled={busy || disabled}
        aria-busy={busy || undefined}
        aria-describedby={describedBy}
      >
        {busy && busyLabel ? busyLabel : label}
      </button>
    </div>
  );
}
