import { useOutletContext } from "react-router";
import type { PracticalReference, TrainingDetail } from "@/lib/api/types";
import type { PracticalDraft } from "./draft";
import type { FormProblem, PracticalFormValues } from "./form-values";

export type PracticalStep = "input" | "confirm" | "complete";

/** What the practical apply layout hands to its steps (react-router outlet context). */
export interface PracticalFlow {
  training: TrainingDetail;
  /** The services of each kind and the FAX number for copies of certificates (the API's). */
  reference: PracticalReference;
  /** The training's first day in Japan: the 受講要件 are counted up to the month before. */
  lectureStart: string;
  /** Whether the training takes applications now (the server still decides). */
  open: boolean;
  draft: PracticalDraft;
  /** Replaces the entries and stores them at once. */
  setValues: (values: PracticalFormValues) => void;
  /** The copy of certificates: held in memory only, a reload forgets it. */
  attachment: File | null;
  setAttachment: (file: File | null) => void;
  /** The last refusal (the server's or the quick check's), shown on the input page. */
  problem: FormProblem | null;
  setProblem: (problem: FormProblem | null | ((p: FormProblem | null) => FormProblem | null)) => void;
  /** A refused attempt stored nothing: the next one gets a fresh Idempotency-Key. */
  renewKey: () => void;
  /** Forgets the draft after the server has accepted it. */
  finish: () => void;
  /** 下書きを削除: forgets the draft and the attachment; the form starts again from empty. */
  discard: () => void;
  /** Changes with each discard, so that the form is built again from the empty draft. */
  generation: number;
  pathOf: (step: PracticalStep) => string;
}

export function usePracticalFlow(): PracticalFlow {
  return useOutletContext<PracticalFlow>();
}

export function practicalApplyPath(trainingId: number, step: PracticalStep): string {
  const base = `/trainings/${trainingId}/practical-apply`;
  return step === "input" ? base : `${base}/${step}`;
}
