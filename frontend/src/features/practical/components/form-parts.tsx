import type { ComponentProps, ReactNode } from "react";
import { ChoiceGroup, type RequiredMark } from "@/components/ui/field";
import { CheckField, RadioChoices, TextField, useFieldError } from "@/components/ui/form-fields";
import { fieldNameOf, practicalFieldId } from "../form-values";

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
    <section className="card form-card practical-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 className="form-card-title" id={`${id}-title`} tabIndex={-1}>
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

/** A text entry of this form, named and identified by the API's field path. */
export function TextEntry({
  path,
  ...props
}: { path: string } & Omit<ComponentProps<typeof TextField>, "name" | "id">) {
  return <TextField name={fieldNameOf(path)} id={practicalFieldId(path)} {...props} />;
}

/** A checkbox of this form, named and identified by the API's field path. */
export function CheckEntry({
  path,
  ...props
}: { path: string } & Omit<ComponentProps<typeof CheckField>, "name" | "id">) {
  return <CheckField name={fieldNameOf(path)} id={practicalFieldId(path)} {...props} />;
}

/** A question answered with radio buttons (研修種別, 性別 …), named and identified by the API's field path. */
export function ChoiceEntry({
  path,
  legend,
  required,
  hint,
  options,
  stacked,
}: {
  path: string;
  legend: ReactNode;
  required?: RequiredMark;
  hint?: ReactNode;
  options: { value: string; label: ReactNode }[];
  stacked?: boolean;
}) {
  const name = fieldNameOf(path);
  return (
    <ChoiceGroup
      id={practicalFieldId(path)}
      legend={legend}
      required={required}
      hint={hint}
      error={useFieldError(name)}
    >
      <RadioChoices name={name} options={options} stacked={stacked} />
    </ChoiceGroup>
  );
}
