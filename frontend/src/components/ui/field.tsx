import type { ReactNode } from "react";

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  error?: string;
  className?: string;
  /** Renders the control with the id and ARIA links to the hint and the error. */
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and its error message right below it. */
export function Field({ id, label, required, hint, error, className, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label className="field-label" htmlFor={id}>
        {label}
        {required && <span className="required">必須</span>}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
    </div>
  );
}

/** A single checkbox with its label on the right, and its error below. */
export function CheckboxField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field field-checkbox${error ? " field-invalid" : ""}`}>
      <div className="checkbox-row">
        {children({ id, "aria-describedby": errorId, "aria-invalid": error ? true : undefined })}
        <label htmlFor={id}>{label}</label>
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
