import type { ReactNode } from "react";

/** A table of facts, a row header and its value per row (研修の内容, 申込内容 …). */
export function FactsTable({ caption, wide = false, children }: { caption: string; wide?: boolean; children: ReactNode }) {
  return (
    <table className={wide ? "facts-table facts-table-wide" : "facts-table"}>
      <caption className="visually-hidden">{caption}</caption>
      <tbody>{children}</tbody>
    </table>
  );
}

/** One row of a `FactsTable`; an empty value shows `placeholder` where one is given. */
export function FactRow({ label, children, placeholder }: { label: string; children?: ReactNode; placeholder?: ReactNode }) {
  const empty = children === "" || children === null || children === undefined;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{empty && placeholder !== undefined ? placeholder : children}</td>
    </tr>
  );
}

/** Facts as a description list, for cards and short summaries. */
export function FactList({ className, children }: { className?: string; children: ReactNode }) {
  return <dl className={className ? `facts ${className}` : "facts"}>{children}</dl>;
}

/** One fact of a `FactList`. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
