import { describe, expect, it } from "vitest";
import { applicationStatusLabel, MEMBER_LABELS } from "./labels";

describe("application labels", () => {
  it("names each status as My Page shows it", () => {
    expect(applicationStatusLabel("confirmed")).toBe("申込済み");
    expect(applicationStatusLabel("waitlisted", 3)).toBe("キャンセル待ち（3番目）");
    expect(applicationStatusLabel("waitlisted", null)).toBe("キャンセル待ち");
    expect(applicationStatusLabel("cancelled", null)).toBe("キャンセル済み");
    expect(MEMBER_LABELS.non_member).toBe("非会員");
  });
});
