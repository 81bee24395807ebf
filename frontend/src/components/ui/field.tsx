import type { ReactNode } from "react";

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/**
 * How a required entry is marked: `true` shows the 必須 badge, `"star"` the seed 003 form's
 * ★ (read out as 必須).
 */
export type RequiredMark = boolean | "star";

/** The label's text with its required mark. */
export function LabelText({ children, required }: { children: ReactNode; required?: RequiredMark }) {
  if (required === "star") {
    return (
      <>
        <span className="star" aria-hidden="true">
          ★
        </span>
        {children}
        <span className="visually-hidden">（必須）</span>
      </>
    );
  }
  return (
    <>
      {children}
      {required && <span className="required">必須</span>}
    </>
  );
}

const joinIds = (...ids: (string | undefined | false)[]) => ids.filter(Boolean).join(" ") || undefined;

/** The ids of a control's hint and error, and its `aria-describedby` (the error first). */
function messageIds(id: string, hint: ReactNode, error: string | undefined) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { hintId, errorId, describedBy: joinIds(errorId, hintId) };
}

/** The hint, then the error, of a field; a hint that holds a list is a div. */
function Messages({
  hint,
  hintId,
  error,
  errorId,
  hintIsBlock = false,
}: {
  hint: ReactNode;
  hintId?: string;
  error?: string;
  errorId?: string;
  hintIsBlock?: boolean;
}) {
  const Hint = hintIsBlock ? "div" : "p";
  return (
    <>
      {hint && (
        <Hint className="field-hint" id={hintId}>
          {hint}
        </Hint>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
}

interface FieldProps {
  id: string;
  label: ReactNode;
  required?: RequiredMark;
  hint?: ReactNode;
  error?: string;
  className?: string;
  /** Renders the control with the id and ARIA links to the hint and the error. */
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and its error message right below it. */
export function Field({ id, label, required, hint, error, className, children }: FieldProps) {
  const { hintId, errorId, describedBy } = messageIds(id, hint, error);
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label className="field-label" htmlFor={id}>
        <LabelText required={required}>{label}</LabelText>
      </label>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
    </div>
  );
}

/** A single checkbox with its label on the right, its error below, and an optional hint. */
export function CheckboxField({
  id,
  label,
  required,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  required?: RequiredMark;
  hint?: ReactNode;
  error?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const { hintId, errorId, describedBy } = messageIds(id, hint, error);
  return (
    <div className={`field field-checkbox${error ? " field-invalid" : ""}`}>
      <div className="checkbox-row">
        {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
        <label htmlFor={id}>
          <LabelText required={required}>{label}</LabelText>
        </label>
      </div>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} hintIsBlock />
    </div>
  );
}

/**
 * A group of radio buttons or checkboxes: a fieldset whose legend names the question, with
 * its hint and error tied to it. It takes focus (tabIndex -1) when an error links to it.
 */
export function ChoiceGroup({
  id,
  legend,
  required,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  legend: ReactNode;
  required?: RequiredMark;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  const { hintId, errorId, describedBy } = messageIds(id, hint, error);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`field radio-group${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}
      aria-describedby={describedBy}
    >
      <legend className="field-label">
        <LabelText required={required}>{legend}</LabelText>
      </legend>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} hintIsBlock />
      {children}
    </fieldset>
  );
}
