import { useOutletContext } from "react-router";
import type { TrainingDetail } from "@/lib/api/types";
import type { ApplyDraft } from "./draft";
import type { ApplyStep, StepProblem } from "./problem-steps";

/** What the apply layout hands to its steps (react-router outlet context). */
export interface ApplyFlow {
  training: TrainingDetail;
  /** The steps this training uses, in order (チェック表 only where required). */
  steps: ApplyStep[];
  /** Whether the training takes applications now (the server still decides). */
  open: boolean;
  draft: ApplyDraft;
  /** Changes the draft and stores it at once. */
  updateDraft: (change: (draft: ApplyDraft) => ApplyDraft) => void;
  /** Forgets the draft after the server has accepted it. */
  finish: () => void;
  /** The last refusal of the server, shown on the step that holds its fields. */
  problem: StepProblem | null;
  setProblem: (problem: StepProblem | null) => void;
  pathOf: (step: ApplyStep | "complete") => string;
}

export function useApplyFlow(): ApplyFlow {
  return useOutletContext<ApplyFlow>();
}

export function applyPath(trainingId: number, step: ApplyStep | "complete"): string {
  const base = `/trainings/${trainingId}/apply`;
  return step === "input" ? base : `${base}/${step}`;
}
