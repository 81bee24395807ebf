import type { Ref } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import type { ClientProblemCode, ProblemCode } from "@/lib/api/problem";

/** A word more for the refusals that end the attempt (the server's title comes first). */
const NEXT_STEP: Partial<Record<ProblemCode | ClientProblemCode, string>> = {
  training_full: "満員のため申し込めません。",
  applications_closed: "申込の受付期間が終了したため申し込めません。",
  applications_not_open: "申込の受付期間前のため、まだ申し込めません。",
  training_not_found: "この研修は公開が終了したか、削除されました。",
};

interface ProblemAlertProps {
  /** A refusal of the server: its title, code and the messages no field on the page holds. */
  problem: { code: ProblemCode | ClientProblemCode; title: string; other: string[] } | null;
  /** Messages of this page's fields, each linking to its field: [field, message, id]. */
  fields?: [string, string, string][];
  /** When there is no server problem, the client's own check failed with these fields. */
  fallbackTitle?: string;
  ref?: Ref<HTMLDivElement>;
}

/** The server's Japanese title, and each message linking to its field on this page. */
export function ProblemAlert({ problem, fields = [], fallbackTitle, ref }: ProblemAlertProps) {
  const title = problem?.title ?? (fields.length > 0 ? fallbackTitle : undefined);
  const extra = problem ? NEXT_STEP[problem.code] : undefined;
  return (
    <div ref={ref} tabIndex={-1} className="error-summary-anchor">
      {title && (
        <Alert>
          <p className="alert-title">{title}</p>
          {extra && <p>{extra}</p>}
          {(fields.length > 0 || (problem?.other.length ?? 0) > 0) && (
            <ul>
              {fields.map(([field, message, id]) => (
                <li key={field}>
                  <a href={`#${id}`}>{message}</a>
                </li>
              ))}
              {problem?.other.map((message, i) => <li key={`other-${i}`}>{message}</li>)}
            </ul>
          )}
          {extra && (
            <p>
              <Link to="/">研修一覧へ戻る</Link>
            </p>
          )}
        </Alert>
      )}
    </div>
  );
}
