import type { HTMLInputTypeAttribute, ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { CheckboxField, Field, type RequiredMark } from "./field";

/**
 * Controls bound to the react-hook-form of the nearest `FormProvider`, by field name. The
 * element id is separate from the name, so that a message can link to its control.
 */

/** The message for a field, or for a group that has no control of its own (`activities`). */
export function useFieldError(name: string): string | undefined {
  const { getFieldState, formState } = useFormContext();
  return getFieldState(name, formState).error?.message;
}

/** A text entry (or a textarea). */
export function TextField({
  name,
  id,
  label,
  required,
  hint,
  type = "text",
  autoComplete = "off",
  inputMode,
  multiline = false,
  className,
}: {
  name: string;
  id: string;
  label: ReactNode;
  required?: RequiredMark;
  hint?: ReactNode;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "tel" | "email";
  multiline?: boolean;
  className?: string;
}) {
  const { register } = useFormContext();
  return (
    <Field id={id} label={label} required={required} hint={hint} error={useFieldError(name)} className={className}>
      {(c) =>
        multiline ? (
          <textarea {...c} rows={4} {...register(name)} />
        ) : (
          <input
            {...c}
            type={type}
            autoComplete={autoComplete}
            inputMode={inputMode}
            spellCheck={type === "email" ? false : undefined}
            {...register(name)}
          />
        )
      }
    </Field>
  );
}

/** A single checkbox. */
export function CheckField({
  name,
  id,
  label,
  required,
  hint,
  error,
}: {
  name: string;
  id: string;
  label: ReactNode;
  required?: RequiredMark;
  hint?: ReactNode;
  /** Another message than the field's own. */
  error?: string;
}) {
  const { register } = useFormContext();
  const own = useFieldError(name);
  return (
    <CheckboxField id={id} label={label} required={required} hint={hint} error={error ?? own}>
      {(c) => <input {...c} type="checkbox" {...register(name)} />}
    </CheckboxField>
  );
}

/** Radio buttons, one per option, each in a box wide enough for a thumb. */
export function RadioChoices({
  name,
  options,
  stacked = true,
}: {
  name: string;
  options: { value: string; label: ReactNode }[];
  stacked?: boolean;
}) {
  const { register } = useFormContext();
  return (
    <div className={stacked ? "radio-stack" : "radio-row"}>
      {options.map((o) => (
        <label key={o.value} className="radio radio-boxed">
          <input type="radio" value={o.value} {...register(name)} />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
