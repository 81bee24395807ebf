import type { components } from "./schema";

/** A code of the server's error catalogue (`docs/errors.md`), as the generated client types it. */
export type ProblemCode = components["schemas"]["ErrorCode"];

/** Codes the SPA gives failures that are not the server's: an unreadable answer, no answer, its own check. */
export type ClientProblemCode = "unexpected_response" | "network" | "incomplete";

/** A bad field of a 422: its path in the request, a machine code and a Japanese message. */
export type FieldProblem = components["schemas"]["FieldError"];

/** RFC 9457 problem details, as every API error is sent (`application/problem+json`). */
export interface Problem extends Omit<components["schemas"]["Problem"], "type" | "code"> {
  type?: string;
  code: ProblemCode | ClientProblemCode;
}

const GENERIC_TITLE = "通信に失敗しました。時間をおいて再度お試しください。";

/** Thrown by the request functions so that TanStack Query sees a failure with the problem. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = "ApiError";
    this.problem = problem;
  }

  get status() {
    return this.problem.status;
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Problem).title === "string" &&
    typeof (value as Problem).status === "number"
  );
}

/** Turns an openapi-fetch error body into an `ApiError`, whatever shape it came in. */
export function toApiError(error: unknown, response: Response): ApiError {
  if (isProblem(error)) return new ApiError(error);
  return new ApiError({
    title: response.status === 429 ? "しばらく時間をおいてから再度お試しください。" : GENERIC_TITLE,
    status: response.status,
    code: "unexpected_response",
  });
}

/** Unwraps an openapi-fetch result: the data, or throws the problem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    throw toApiError(result.error, result.response);
  }
  return result.data;
}

/** The message to show for any failure. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.title;
  return GENERIC_TITLE;
}

/**
 * A server field path as a react-hook-form name: `exercise_schedules[0].label` and
 * `exercise_schedules.0.label` both become `exercise_schedules.0.label`.
 */
export function toFormFieldName(field: string): string {
  return field.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
}
