import { describe, expect, it } from "vitest";
import { eventLabel, WEBHOOK_EVENTS } from "./labels";

describe("webhook labels", () => {
  it("names every event in short Japanese and leaves unknown ones as they are", () => {
    expect(WEBHOOK_EVENTS.map((e) => eventLabel(e.value))).toEqual([
      "申込の受付",
      "申込のキャンセル",
      "受講の完了",
      "証明書の発行",
    ]);
    expect(eventLabel("training.deleted")).toBe("training.deleted");
  });
});
