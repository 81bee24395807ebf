/** Counting the checklist's はい/いいえ answers (SPEC §6). */
export type Answer = boolean | null;

/** The answers fitted to the number of questions: missing ones are null, extra ones dropped. */
export function fitAnswers(answers: readonly Answer[], count: number): Answer[] {
  return Array.from({ length: count }, (_, i) => answers[i] ?? null);
}

export function countAnswered(answers: readonly Answer[], count: number): number {
  return fitAnswers(answers, count).filter((a) => a !== null).length;
}

/** Question numbers (1-based) still without an answer. */
export function unansweredNumbers(answers: readonly Answer[], count: number): number[] {
  return fitAnswers(answers, count).flatMap((a, i) => (a === null ? [i + 1] : []));
}

export function countYes(answers: readonly Answer[]): number {
  return answers.filter((a) => a === true).length;
}

export function isComplete(answers: readonly Answer[], count: number): boolean {
  return count > 0 && countAnswered(answers, count) === count;
}

/** The band (①〜④) whose range holds this number of はい. */
export function bandFor<B extends { min_yes: number; max_yes: number }>(yes: number, bands: readonly B[]): B | undefined {
  return bands.find((b) => yes >= b.min_yes && yes <= b.max_yes);
}

/** A copy with question `number` (1-based) answered. */
export function withAnswer(answers: readonly Answer[], count: number, number: number, yes: boolean): Answer[] {
  const next = fitAnswers(answers, count);
  next[number - 1] = yes;
  return next;
}
