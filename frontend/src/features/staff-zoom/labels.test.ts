import { describe, expect, it } from "vitest";
import { filterRows } from "./labels";

const row = (full_name: string, decision: "pending" | "approved", all: boolean) => ({
  full_name,
  workplace: "札幌市",
  decision,
  checks: { face: true, display_name: true, breakout_room: true, throughout: all },
});

describe("filterRows", () => {
  const rows = [row("札幌 花子", "pending", false), row("髙橋 一郎", "approved", true), row("𠮷田 次郎", "pending", true)];
  it("finds a name typed without its space", () => {
    expect(filterRows(rows, { query: "札幌花子", uncheckedOnly: false, decision: "all" })).toHaveLength(1);
  });
  it("keeps only rows with a check missing, or of one decision", () => {
    expect(filterRows(rows, { query: "", uncheckedOnly: true, decision: "all" }).map((r) => r.full_name)).toEqual([
      "札幌 花子",
    ]);
    expect(filterRows(rows, { query: "", uncheckedOnly: false, decision: "pending" })).toHaveLength(2);
  });
});
