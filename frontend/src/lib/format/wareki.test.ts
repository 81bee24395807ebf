import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eraOf, formatWarekiCalendarDate, formatWarekiDate, formatWarekiDateTime, formatWarekiRange, warekiRangeParts } from "./wareki";

beforeAll(() => {
  // The machine's zone must not matter: pick one far from Tokyo.
  vi.stubEnv("TZ", "America/Los_Angeles");
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe("formatWarekiDate", () => {
  it("runs in a machine zone far from Tokyo", () => {
    expect(new Date("2020-11-19T00:00:00+09:00").getDate()).toBe(18);
  });

  it.each([
    ["2020-11-19T18:30:00+09:00", "令和2年11月19日(木)"],
    ["2020-11-06T10:00:00+09:00", "令和2年11月6日(金)"],
    ["2019-04-30T12:00:00+09:00", "平成31年4月30日(火)"],
    ["2019-05-01T00:00:00+09:00", "令和元年5月1日(水)"],
    ["2019-04-30T23:59:00+09:00", "平成31年4月30日(火)"],
    ["1989-01-07T12:00:00+09:00", "昭和64年1月7日(土)"],
    ["1989-01-08T12:00:00+09:00", "平成元年1月8日(日)"],
    ["1926-12-25T12:00:00+09:00", "昭和元年12月25日(土)"],
    ["1912-07-30T12:00:00+09:00", "大正元年7月30日(火)"],
    ["2026-12-17T18:30:00+09:00", "令和8年12月17日(木)"],
  ])("%s → %s", (iso, expected) => {
    expect(formatWarekiDate(iso)).toBe(expected);
  });

  it("uses the Tokyo date of a UTC instant that is already the next day in Tokyo", () => {
    expect(formatWarekiDate("2020-11-18T15:30:00Z")).toBe("令和2年11月19日(木)");
    expect(formatWarekiDate(new Date(Date.UTC(2019, 3, 30, 15, 0)))).toBe("令和元年5月1日(水)");
    expect(formatWarekiDate("2019-04-30T14:59:59Z")).toBe("平成31年4月30日(火)");
  });

  it("falls back to the Gregorian year before 明治", () => {
    expect(formatWarekiDate("1868-10-22T12:00:00+09:00")).toBe("1868年10月22日(木)");
    expect(eraOf(1868, 10, 23)).toEqual({ era: "明治", year: 1 });
  });

  it("rejects an invalid date", () => {
    expect(() => formatWarekiDate("not a date")).toThrow(RangeError);
  });
});

describe("formatWarekiRange", () => {
  it("shows one date with start〜end times on the same day", () => {
    expect(formatWarekiRange("2026-12-17T18:30:00+09:00", "2026-12-17T20:00:00+09:00")).toBe(
      "令和8年12月17日(木) 18:30〜20:00",
    );
  });

  it("compares days in Tokyo, not in UTC", () => {
    // 09:00 and 10:00 Tokyo are on different UTC days only if the code uses UTC.
    expect(formatWarekiRange("2020-11-18T23:00:00Z", "2020-11-19T03:00:00Z")).toBe(
      "令和2年11月19日(木) 08:00〜12:00",
    );
  });

  it("shows both dates for a training over several days", () => {
    expect(formatWarekiRange("2027-01-20T10:00:00+09:00", "2027-01-21T16:00:00+09:00")).toBe(
      "令和9年1月20日(水) 10:00〜令和9年1月21日(木) 16:00",
    );
  });

  it("splits into pieces that keep a date or a time range on one line", () => {
    expect(warekiRangeParts("2026-12-17T18:30:00+09:00", "2026-12-17T20:00:00+09:00")).toEqual([
      "令和8年12月17日(木)",
      "18:30〜20:00",
    ]);
    expect(warekiRangeParts("2027-01-20T10:00:00+09:00", "2027-01-21T16:00:00+09:00")).toEqual([
      "令和9年1月20日(水)",
      "10:00〜",
      "令和9年1月21日(木)",
      "16:00",
    ]);
  });

  it("formats a date and time", () => {
    expect(formatWarekiDateTime("2020-11-19T09:05:00Z")).toBe("令和2年11月19日(木) 18:05");
  });
});

describe("formatWarekiCalendarDate", () => {
  it("writes a date without time in 和暦 whatever the machine's zone", () => {
    expect(formatWarekiCalendarDate("2027-06-07")).toBe("令和9年6月7日(月)");
    expect(formatWarekiCalendarDate("2019-05-01")).toBe("令和元年5月1日(水)");
    expect(formatWarekiCalendarDate("")).toBe("");
  });
});
