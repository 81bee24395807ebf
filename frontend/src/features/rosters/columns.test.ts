import { describe, expect, it } from "vitest";
import { columnsParam, exportUrl, fiscalYearOf, initialColumns, moveColumn } from "./columns";

const catalogue = [
  { key: "no", label: "No.", default: true },
  { key: "full_name", label: "氏名", default: true },
  { key: "member", label: "会員区分", default: false },
  { key: "email", label: "メールアドレス", default: true },
];

describe("the column picker", () => {
  it("starts with the defaults ticked, in the catalogue's order", () => {
    expect(columnsParam(initialColumns(catalogue))).toBe("no,full_name,email");
  });

  it("moves a column up and down, never past either end", () => {
    const start = initialColumns(catalogue);
    expect(columnsParam(moveColumn(start, 3, -1))).toBe("no,full_name,email");
    expect(columnsParam(moveColumn(moveColumn(start, 3, -1), 2, -1))).toBe("no,email,full_name");
    expect(columnsParam(moveColumn(start, 0, 1))).toBe("full_name,no,email");
    expect(moveColumn(start, 0, -1)).toBe(start);
    expect(moveColumn(start, 3, 1)).toBe(start);
  });

  it("builds the download URL with the ticked columns in order", () => {
    const cols = initialColumns(catalogue).map((c) => (c.key === "member" ? { ...c, checked: true } : c));
    expect(exportUrl("/api/v1/rosters", "csv-cp932", cols, { fiscal_year: "2026" })).toBe(
      "/api/v1/rosters?fiscal_year=2026&format=csv-cp932&columns=no%2Cfull_name%2Cmember%2Cemail",
    );
  });
});

describe("fiscalYearOf", () => {
  it("runs from April to March in Japan time", () => {
    expect(fiscalYearOf(new Date("2027-03-31T14:59:00Z"))).toBe(2026);
    expect(fiscalYearOf(new Date("2027-03-31T15:00:00Z"))).toBe(2027);
    expect(fiscalYearOf(new Date("2026-11-30T12:00:00Z"))).toBe(2026);
  });
});
