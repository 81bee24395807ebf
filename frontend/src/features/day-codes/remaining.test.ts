import { describe, expect, it } from "vitest";
import { clock, windowText } from "./remaining";

describe("windowText", () => {
  const opens = "2026-12-05T12:30:00+09:00";
  const closes = "2026-12-05T13:05:00+09:00";
  it("counts down to the opening, then to the close", () => {
    expect(windowText(opens, closes, Date.parse("2026-12-05T12:29:30+09:00"))).toBe("入力開始まで 0:30");
    expect(windowText(opens, closes, Date.parse(opens))).toBe("入力締切まで あと 35:01");
    expect(windowText(opens, closes, Date.parse(closes))).toBe("入力締切まで あと 0:01");
    expect(windowText(opens, closes, Date.parse(closes) + 1000)).toBe("入力時間は終了しました");
  });
  it("shows hours when far away", () => {
    expect(clock(3_725_000)).toBe("1:02:05");
  });
});
