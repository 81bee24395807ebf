import { describe, expect, it } from "vitest";
import { normaliseEmail, phoneDigits, storedPhone } from "./contact";

describe("contact entries as people type them", () => {
  it("reads full-width digits and hyphens in a phone number", () => {
    expect(phoneDigits("０１２３－４５－６７８９")).toBe("0123456789");
  });

  it("compares mail addresses width-insensitively, and case-insensitively on the domain", () => {
    expect(normaliseEmail(" ｈａｎａｋｏ＠Example.JP ")).toBe("hanako@example.jp");
    expect(normaliseEmail("Hanako@x.jp")).not.toBe(normaliseEmail("hanako@x.jp"));
  });
});

describe("storedPhone", () => {
  it("shows the number as it will be stored", () => {
    expect(storedPhone("０１２３ー４５ー６７８９")).toBe("0123-45-6789");
    expect(storedPhone(" 011 (792) 1811 ")).toBe("011792-1811");
    expect(storedPhone("090−1234−5678")).toBe("090-1234-5678");
  });
});
