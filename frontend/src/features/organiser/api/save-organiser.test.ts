import { describe, expect, it } from "vitest";
import { toMultipart } from "./save-organiser";

describe("toMultipart", () => {
  it("sends the seal only when one is chosen, and removal only when asked", () => {
    const seal = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "印影.png", { type: "image/png" });
    const withSeal = toMultipart({ issuer: "札幌市介護支援専門員連絡協議会", representative: "会長 由井 康博", seal, removeSeal: false });
    expect(withSeal.get("issuer")).toBe("札幌市介護支援専門員連絡協議会");
    expect(withSeal.get("seal")).toBeInstanceOf(File);
    expect(withSeal.has("remove_seal")).toBe(false);
    const removing = toMultipart({ issuer: "a", representative: "b", seal: null, removeSeal: true });
    expect(removing.has("seal")).toBe(false);
    expect(removing.get("remove_seal")).toBe("true");
  });
});
