import { describe, expect, it } from "vitest";
import { charCount, storedText } from "./text";

describe("storedText", () => {
  it("folds widths as the server does", () => {
    const cases: [string, string][] = [
      ["ｹｱﾏﾈｼﾞｬｰ", "ケアマネジャー"],
      ["　主任介護支援専門員　　社会福祉士 ", "主任介護支援専門員 社会福祉士"],
      ["ＣＭ２級（ﾎｰﾑﾍﾙﾊﾟｰ）", "CM2級（ホームヘルパー）"],
      ["ｳﾞｨ", "ヴィ"],
      ["髙﨑𠮷・ケアマネージャー", "髙﨑𠮷・ケアマネージャー"],
    ];
    for (const [input, expected] of cases) expect(storedText(input)).toBe(expected);
  });

  it("counts characters outside the BMP once", () => {
    expect(charCount("𠮷".repeat(40))).toBe(40);
  });
});
