import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatYmd } from "./calendar-date";

describe("calendar dates", () => {
  it("writes 西暦 without leading zeros and leaves other text alone", () => {
    expect(formatCalendarDate("2019-12-16")).toBe("2019年12月16日");
    expect(formatCalendarDate("2022-05-01")).toBe("2022年5月1日");
    expect(formatCalendarDate("")).toBe("");
  });

  it("writes a period as 年ヶ月日", () => {
    expect(formatYmd({ years: 0, months: 11, days: 15 })).toBe("0年11ヶ月15日");
  });
});
