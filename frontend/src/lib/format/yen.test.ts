import { describe, expect, it } from "vitest";
import { formatBytes, formatFee, groupDigits } from "./yen";

describe("formatFee", () => {
  it.each([
    [0, "無料"],
    [500, "¥500"],
    [3000, "¥3,000"],
    [1234567, "¥1,234,567"],
  ])("%d → %s", (yen, expected) => {
    expect(formatFee(yen)).toBe(expected);
  });

  it("groups negative numbers too", () => {
    expect(groupDigits(-1000)).toBe("-1,000");
  });
});

describe("formatBytes", () => {
  it.each([
    [850, "850 B"],
    [12 * 1024, "12 KB"],
    [1.4 * 1024 * 1024, "1.4 MB"],
  ])("%d → %s", (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});
