import { describe, expect, it } from "vitest";
import { memoryStorage, type DraftStorage } from "@/lib/session-store";
import { clearDraft, draftStorageKey, loadDraft, newDraft, saveDraft } from "./draft";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the application draft", () => {
  it("starts empty with a fresh UUID key", () => {
    const a = newDraft();
    const b = newDraft();
    expect(a.idempotencyKey).toMatch(UUID);
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
    expect(a.applicant.full_name).toBe("");
    expect(a.answers).toEqual([]);
  });

  it("survives a reload, per training, names with rare kanji included", () => {
    const storage = memoryStorage();
    const draft = newDraft(() => "key-1");
    draft.applicant = { ...draft.applicant, member: "member", full_name: "髙橋 𠮷子", phone: "０１２３-４５-６７８９" };
    draft.answers = [true, false, null];
    saveDraft(7, draft, storage);
    expect(loadDraft(7, storage)).toEqual(draft);
    expect(loadDraft(8, storage)).toBeNull();
    clearDraft(7, storage);
    expect(loadDraft(7, storage)).toBeNull();
  });

  it("ignores what is not a draft and repairs wrongly typed entries", () => {
    const storage = memoryStorage();
    storage.setItem(draftStorageKey(1), "{not json");
    expect(loadDraft(1, storage)).toBeNull();
    storage.setItem(draftStorageKey(1), JSON.stringify({ applicant: {} }));
    expect(loadDraft(1, storage)).toBeNull();
    storage.setItem(
      draftStorageKey(1),
      JSON.stringify({ idempotencyKey: "k", applicant: { full_name: 3, email: "a@b.jp" }, answers: [true, "yes", null] }),
    );
    const loaded = loadDraft(1, storage)!;
    expect(loaded.applicant.full_name).toBe("");
    expect(loaded.applicant.email).toBe("a@b.jp");
    expect(loaded.applicant.privacy_consent).toBe(false);
    expect(loaded.answers).toEqual([true, null, null]);
  });

  it("keeps going when storage throws", () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(loadDraft(1, broken)).toBeNull();
    expect(() => saveDraft(1, newDraft(), broken)).not.toThrow();
    expect(() => clearDraft(1, broken)).not.toThrow();
  });
});
