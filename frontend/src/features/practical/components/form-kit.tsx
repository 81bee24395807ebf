import { createContext, useContext, type HTMLInputTypeAttribute, type ReactNode } from "react";
import { CheckboxField, Field, type RequiredMark } from "@/components/ui/field";
import { practicalFieldId, type PracticalFormValues } from "../form-values";

/**
 * What every section of the practical form needs: the values, a way to change them (which
 * also clears the messages of the changed fields) and the message for a field path.
 */
export interface FormKit {
  v: PracticalFormValues;
  /** Applies `change`, forgetting the messages of `paths`. */
  edit: (paths: string | string[], change: (v: PracticalFormValues) => PracticalFormValues) => void;
  err: (path: string) => string | undefined;
}

const KitContext = createContext<FormKit | null>(null);

export const FormKitProvider = KitContext.Provider;

export function useFormKit(): FormKit {
  const kit = useContext(KitContext);
  if (!kit) throw new Error("useFormKit outside the practical form");
  return kit;
}

type Group = "applicant" | "affiliation" | "notification" | "placement" | "accommodations" | "placement_need";

/** Sets one entry of a group (`applicant.furigana` …). */
export function useSetIn() {
  const { edit } = useFormKit();
  return <G extends Group, K extends keyof PracticalFormValues[G]>(group: G, name: K, value: PracticalFormValues[G][K]) =>
    edit(`${group}.${String(name)}`, (v) => ({ ...v, [group]: { ...v[group], [name]: value } }));
}

/** One section of the form, in the seed's order, with its h2. */
export function FormSection({
  id,
  title,
  required,
  lead,
  children,
}: {
  id: string;
  title: string;
  required?: boolean;
  lead?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card form-card practical-section" aria-labelledby={`${id}-title`}>
      <h2 className="form-card-title" id={`${id}-title`}>
        {required && (
          <span className="star" aria-hidden="true">
            ★
          </span>
        )}
        {title}
      </h2>
      {lead && <div className="section-lead">{lead}</div>}
      {children}
    </section>
  );
}

/** A text entry (or a textarea) bound to a field path. */
export function TextEntry({
  path,
  label,
  value,
  onChange,
  required,
  hint,
  type = "text",
  autoComplete = "off",
  inputMode,
  multiline = false,
  className,
}: {
  path: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  required?: RequiredMark;
  hint?: ReactNode;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "tel" | "email";
  multiline?: boolean;
  className?: string;
}) {
  const { err } = useFormKit();
  return (
    <Field id={practicalFieldId(path)} label={label} required={required} hint={hint} error={err(path)} className={className}>
      {(c) =>
        multiline ? (
          <textarea {...c} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...c}
            type={type}
            autoComplete={autoComplete}
            inputMode={inputMode}
            spellCheck={type === "email" ? false : undefined}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

/** A single checkbox bound to a field path. */
export function CheckEntry({
  path,
  label,
  checked,
  onChange,
  required,
  hint,
}: {
  path: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  required?: RequiredMark;
  hint?: ReactNode;
}) {
  const { err } = useFormKit();
  return (
    <CheckboxField id={practicalFieldId(path)} label={label} required={required} hint={hint} error={err(path)}>
      {(c) => <input {...c} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />}
    </CheckboxField>
  );
}

/** Radio buttons, one per option, each in a box wide enough for a thumb. */
export function RadioOptions<T extends string>({
  name,
  options,
  value,
  onChange,
  stacked = true,
}: {
  name: string;
  options: { value: T; label: ReactNode }[];
  value: string;
  onChange: (value: T) => void;
  stacked?: boolean;
}) {
  return (
    <div className={stacked ? "radio-stack" : "radio-row"}>
      {options.map((o) => (
        <label key={o.value} className="radio radio-boxed">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}

/** The seed's bullet notes under a field. */
export function Notes({ items }: { items: ReactNode[] }) {
  return (
    <ul className="note-list">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}
