import { describe, expect, it } from "vitest";
import { decisionText, stateText } from "./labels";

const schedules = [
  { id: 3, label: "第1日程" },
  { id: 4, label: "第2日程" },
];

describe("selection labels", () => {
  it("says whether the notice has gone", () => {
    expect(stateText({ state_label: "受講決定（未通知）", status: "decided" })).toBe("受講決定（未通知）");
    expect(stateText({ state_label: "受講決定", status: "notified" })).toBe("受講決定（通知済み）");
    expect(stateText({ state_label: "受付済み", status: "submitted" })).toBe("受付済み");
  });

  it("names the decision with its schedule", () => {
    expect(decisionText("accepted", 4, schedules)).toBe("受講決定・第2日程");
    expect(decisionText("waitlisted", null, schedules)).toBe("キャンセル待ち");
    expect(decisionText(null, null, schedules)).toBe("未決定");
  });
});
