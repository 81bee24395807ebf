import type { ComponentProps, ReactNode } from "react";
import { CheckField, TextField } from "@/components/ui/form-fields";
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
export function TextEntry({ path, ...props }: { path: string } & Omit<ComponentProps<typeof TextField>, "name" | "id">) {
  return <TextField name={fieldNameOf(path)} id={practicalFieldId(path)} {...props} />;
}

/** A checkbox of this form, named and identified by the API's field path. */
export function CheckEntry({ path, ...props }: { path: string } & Omit<ComponentProps<typeof CheckField>, "name" | "id">) {
  return <CheckField name={fieldNameOf(path)} id={practicalFieldId(path)} {...props} />;
}
