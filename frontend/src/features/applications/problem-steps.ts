import type { ClientProblemCode, Problem, ProblemCode } from "@/lib/api/problem";
import { toFormFieldName } from "@/lib/api/problem";

/** The steps of the simple application: 入力 → (チェック表) → 確認 → 完了. */
export type ApplyStep = "input" | "checklist" | "confirm";

export const INPUT_FIELDS = [
  "member",
  "full_name",
  "job_title",
  "workplace",
  "phone",
  "email",
  "email_confirmation",
  "privacy_consent",
] as const;

export type InputField = (typeof INPUT_FIELDS)[number];

export const CHECKLIST_FIELD = "checklist_answers";

/** The step whose page holds a field of the request, or null for a field no page shows. */
export function stepOfField(field: string, checklistRequired: boolean): ApplyStep | null {
  const name = toFormFieldName(field).split(".")[0];
  if ((INPUT_FIELDS as readonly string[]).includes(name)) return "input";
  if (name === CHECKLIST_FIELD) return checklistRequired ? "checklist" : null;
  return null;
}

/** A refused application, sorted for the pages: where to go, and what to show where. */
export interface StepProblem {
  code: ProblemCode | ClientProblemCode;
  title: string;
  /** The earliest step that holds a field error, else the confirm page. */
  step: ApplyStep;
  /** Messages by request field (`email`, `checklist_answers` …), first message per field. */
  fields: Record<string, string>;
  /** Field errors that no page can place next to a field. */
  other: string[];
}

const ORDER: ApplyStep[] = ["input", "checklist", "confirm"];

export function routeProblem(problem: Problem, checklistRequired: boolean): StepProblem {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  let step: ApplyStep = "confirm";
  for (const error of problem.errors ?? []) {
    const at = stepOfField(error.field, checklistRequired);
    if (!at) {
      other.push(error.message);
      continue;
    }
    const name = toFormFieldName(error.field).split(".")[0];
    fields[name] ??= error.message;
    if (ORDER.indexOf(at) < ORDER.indexOf(step)) step = at;
  }
  return { code: problem.code, title: problem.title, step, fields, other };
}

/** The problem once the fields of one step have been corrected and sent on; null when nothing is left. */
export function withoutStepFields(problem: StepProblem | null, step: ApplyStep, checklistRequired: boolean): StepProblem | null {
  if (!problem) return null;
  const fields = Object.fromEntries(
    Object.entries(problem.fields).filter(([field]) => stepOfField(field, checklistRequired) !== step),
  );
  if (Object.keys(fields).length === 0) return null;
  const left = Object.keys(fields).map((field) => stepOfField(field, checklistRequired) ?? "confirm");
  return { ...problem, fields, step: ORDER.find((s) => left.includes(s)) ?? "confirm" };
}

/** The problem if it belongs on this step's page. */
export function problemFor(problem: StepProblem | null, step: ApplyStep): StepProblem | null {
  return problem?.step === step ? problem : null;
}

/** Field messages of one step, as [field, message] in the page's order. */
export function fieldsOfStep(problem: StepProblem | null, step: ApplyStep, checklistRequired: boolean): [string, string][] {
  if (!problem) return [];
  const entries = Object.entries(problem.fields).filter(([field]) => stepOfField(field, checklistRequired) === step);
  const rank = (field: string) => {
    const i = (INPUT_FIELDS as readonly string[]).indexOf(field);
    return i === -1 ? INPUT_FIELDS.length : i;
  };
  return entries.sort(([a], [b]) => rank(a) - rank(b));
}
