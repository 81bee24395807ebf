import { describe, expect, it } from "vitest";
import { bandFor, countAnswered, countYes, fitAnswers, isComplete, unansweredNumbers, withAnswer } from "./checklist-answers";

const BANDS = [
  { band: "band1", label: "①（30%未満）", min_yes: 0, max_yes: 10 },
  { band: "band2", label: "②（30%以上50%未満）", min_yes: 11, max_yes: 16 },
  { band: "band3", label: "③（50%以上80%未満）", min_yes: 17, max_yes: 27 },
  { band: "band4", label: "④（80%以上）", min_yes: 28, max_yes: 34 },
];

describe("checklist answers", () => {
  it("fits the stored answers to the questions", () => {
    expect(fitAnswers([true], 3)).toEqual([true, null, null]);
    expect(fitAnswers([true, false, true, true], 2)).toEqual([true, false]);
  });

  it("counts answered questions, いいえ included", () => {
    const answers = [true, false, null, false];
    expect(countAnswered(answers, 34)).toBe(3);
    expect(unansweredNumbers(answers, 5)).toEqual([3, 5]);
    expect(countYes(answers)).toBe(1);
    expect(isComplete(answers, 4)).toBe(false);
    expect(isComplete([true, false, false, true], 4)).toBe(true);
    expect(isComplete([], 0)).toBe(false);
  });

  it("answers one question without touching the others", () => {
    const before = [null, true];
    const after = withAnswer(before, 34, 1, false);
    expect(after.slice(0, 3)).toEqual([false, true, null]);
    expect(after).toHaveLength(34);
    expect(before).toEqual([null, true]);
  });

  it.each([
    [0, "band1"],
    [10, "band1"],
    [11, "band2"],
    [16, "band2"],
    [17, "band3"],
    [27, "band3"],
    [28, "band4"],
    [34, "band4"],
  ])("%d はい is %s", (yes, band) => {
    expect(bandFor(yes, BANDS)?.band).toBe(band);
  });
});
