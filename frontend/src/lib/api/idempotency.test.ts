import { describe, expect, it } from "vitest";
import { isSettledRefusal, makeIdempotencyKey } from "./idempotency";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("makeIdempotencyKey", () => {
  it("makes a fresh v4 UUID each time", () => {
    expect(makeIdempotencyKey()).toMatch(UUID);
    expect(makeIdempotencyKey()).not.toBe(makeIdempotencyKey());
  });

  it("makes a v4 UUID without crypto.randomUUID too", () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      expect(makeIdempotencyKey()).toMatch(UUID);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: original, configurable: true });
    }
  });
});

describe("isSettledRefusal", () => {
  it("renews the key after a 4xx answer only", () => {
    expect(isSettledRefusal(422)).toBe(true);
    expect(isSettledRefusal(409)).toBe(true);
    expect(isSettledRefusal(500)).toBe(false);
    expect(isSettledRefusal(undefined)).toBe(false);
  });
});
