import { makeIdempotencyKey } from "@/lib/api/idempotency";
import type { ApplyRequest } from "@/lib/api/types";
import { browserStorage, readStored, removeStored, writeStored, type DraftStorage } from "@/lib/session-store";

/** The entries as the input step holds them: the request's, with 会員/非会員 as the radio's text. */
export type ApplicantValues = Omit<ApplyRequest, "member" | "checklist_answers" | "job_title"> & {
  member: string;
  /** 資格・職名 as typed; empty when there is none. */
  job_title: string;
};

/**
 * The application in progress (entries, checklist answers and the Idempotency-Key), kept in
 * sessionStorage per training so that a reload or a step back loses nothing. It is removed
 * once the server has accepted the application.
 */
export interface ApplyDraft {
  /** Sent as `Idempotency-Key`: one per application attempt, so a retry creates one application. */
  idempotencyKey: string;
  applicant: ApplicantValues;
  /** Index 0 is question 1; `true` is はい, `null` not answered yet. */
  answers: (boolean | null)[];
}

export type { DraftStorage };

export const emptyApplicant: ApplicantValues = {
  member: "",
  full_name: "",
  job_title: "",
  workplace: "",
  phone: "",
  email: "",
  email_confirmation: "",
  privacy_consent: false,
};

export function newDraft(makeKey: () => string = makeIdempotencyKey): ApplyDraft {
  return { idempotencyKey: makeKey(), applicant: { ...emptyApplicant }, answers: [] };
}

export const draftStorageKey = (trainingId: number) => `kenshu.applyDraft.${trainingId}`;

const isAnswer = (v: unknown): v is boolean | null => v === null || typeof v === "boolean";

/** The stored draft, or null when there is none or it is not one of ours. */
export function loadDraft(trainingId: number, storage: DraftStorage | null = browserStorage()): ApplyDraft | null {
  const parsed = readStored(draftStorageKey(trainingId), storage) as Partial<ApplyDraft> | null;
  if (typeof parsed !== "object" || parsed === null) return null;
  if (typeof parsed.idempotencyKey !== "string" || parsed.idempotencyKey === "") return null;
  const applicant = { ...emptyApplicant };
  const stored = (parsed.applicant ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(emptyApplicant) as (keyof ApplicantValues)[]) {
    const value = stored[name];
    if (typeof value === typeof emptyApplicant[name]) (applicant as Record<string, unknown>)[name] = value;
  }
  const answers = Array.isArray(parsed.answers) ? parsed.answers.map((a) => (isAnswer(a) ? a : null)) : [];
  return { idempotencyKey: parsed.idempotencyKey, applicant, answers };
}

export function saveDraft(trainingId: number, draft: ApplyDraft, storage: DraftStorage | null = browserStorage()) {
  writeStored(draftStorageKey(trainingId), draft, storage);
}

export function clearDraft(trainingId: number, storage: DraftStorage | null = browserStorage()) {
  removeStored(draftStorageKey(trainingId), storage);
}
