import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in plain words (the old link stops working, the mail is sent …). */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  error?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question before a destructive step (native `<dialog>`: focus stays inside, Esc
 * closes it). The confirm button says what it does; 戻る leaves everything as it was.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "戻る",
  danger = false,
  busy = false,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="ask-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {/* No <form> here: the dialog may sit inside the form whose contents it is about. */}
      {open && (
        <div>
          <h2 id={titleId} className="ask-dialog-title">
            {title}
          </h2>
          <div className="ask-dialog-body">{children}</div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="ask-dialog-actions">
            <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
              {cancelLabel}
            </button>
            <button
              type="button"
              className={`button ${danger ? "button-danger" : "button-primary"}`}
              disabled={busy}
              onClick={onConfirm}
            >
              {busy ? "処理中…" : confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

interface Question {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
}

/** A yes/no question as a promise: `if (await ask({...})) doIt()`. Render `dialog` once. */
export function useConfirm(): { dialog: ReactNode; ask: (q: Question) => Promise<boolean> } {
  const [question, setQuestion] = useState<Question | null>(null);
  const resolver = useRef<((yes: boolean) => void) | null>(null);
  const ask = useCallback((q: Question) => {
    setQuestion(q);
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  const answer = (yes: boolean) => {
    resolver.current?.(yes);
    resolver.current = null;
    setQuestion(null);
  };
  const dialog = (
    <ConfirmDialog
      open={question !== null}
      title={question?.title ?? ""}
      confirmLabel={question?.confirmLabel ?? "OK"}
      danger={question?.danger}
      onConfirm={() => answer(true)}
      onCancel={() => answer(false)}
    >
      {question?.body}
    </ConfirmDialog>
  );
  return { dialog, ask };
}
