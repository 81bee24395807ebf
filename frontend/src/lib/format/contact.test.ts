import { describe, expect, it } from "vitest";
import { normaliseEmail, phoneDigits } from "./contact";

describe("contact entries as people type them", () => {
  it("reads full-width digits and hyphens in a phone number", () => {
    expect(phoneDigits("０１２３－４５－６７８９")).toBe("0123456789");
  });

  it("compares mail addresses width-insensitively, and case-insensitively on the domain", () => {
    expect(normaliseEmail(" ｈａｎａｋｏ＠Example.JP ")).toBe("hanako@example.jp");
    expect(normaliseEmail("Hanako@x.jp")).not.toBe(normaliseEmail("hanako@x.jp"));
  });
});
