import { describe, expect, it } from "vitest";
import { formatTime, fromTokyoInputValue, isSameTokyoDay, tokyoDateOf, toTokyoInputValue } from "./tokyo-time";

describe("datetime-local values are Tokyo wall time", () => {
  it("turns an input value into RFC 3339 with +09:00", () => {
    expect(fromTokyoInputValue("2026-12-17T18:30")).toBe("2026-12-17T18:30:00+09:00");
    expect(fromTokyoInputValue("2026-12-17T18:30:45")).toBe("2026-12-17T18:30:00+09:00");
  });

  it("gives an empty string for an empty or malformed value", () => {
    expect(fromTokyoInputValue("")).toBe("");
    expect(fromTokyoInputValue("2026-12-17")).toBe("");
  });

  it("shows a server instant in Tokyo whatever its offset", () => {
    expect(toTokyoInputValue("2026-12-17T09:30:00Z")).toBe("2026-12-17T18:30");
    expect(toTokyoInputValue("2026-12-17T18:30:00+09:00")).toBe("2026-12-17T18:30");
    expect(toTokyoInputValue("2026-12-17T15:30:00Z")).toBe("2026-12-18T00:30");
    expect(toTokyoInputValue(null)).toBe("");
  });

  it("round-trips", () => {
    const iso = "2027-03-31T23:59:00+09:00";
    expect(fromTokyoInputValue(toTokyoInputValue(iso))).toBe(iso);
  });
});

describe("formatTime and isSameTokyoDay", () => {
  it("pads hours and minutes", () => {
    expect(formatTime("2026-12-17T00:05:00Z")).toBe("09:05");
  });

  it("compares calendar days in Tokyo", () => {
    expect(isSameTokyoDay("2026-12-17T14:59:00Z", "2026-12-17T15:00:00Z")).toBe(false);
    expect(isSameTokyoDay("2026-12-16T15:00:00Z", "2026-12-17T14:59:00Z")).toBe(true);
  });
});

describe("instants as the API sends them", () => {
  it("reads RFC 3339 in any offset", () => {
    expect(toTokyoInputValue("2027-06-10T00:30:00Z")).toBe("2027-06-10T09:30");
    expect(toTokyoInputValue("2026-11-24T13:30:24.115627385Z")).toBe("2026-11-24T22:30");
    expect(toTokyoInputValue("2026-11-24T22:30:00+09:00")).toBe("2026-11-24T22:30");
  });

  it("gives the Tokyo calendar day", () => {
    expect(tokyoDateOf("2027-06-06T15:30:00Z")).toBe("2027-06-07");
    expect(tokyoDateOf("2027-06-07T09:30:00+09:00")).toBe("2027-06-07");
  });
});
