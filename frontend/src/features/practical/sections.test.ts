import { describe, expect, it } from "vitest";
import { memoryStorage } from "@/lib/session-store";
import { clearPracticalDraft, DRAFT_TTL_DAYS, loadPracticalDraft, newPracticalDraft, savePracticalDraft } from "./draft";
import { emptyPracticalForm } from "./form-values";
import { sectionOf, sectionStates, withSection } from "./sections";
import { seedA } from "./test-fixtures";

describe("the section index", () => {
  it("counts each section's missing ★ entries", () => {
    const empty = Object.fromEntries(sectionStates(emptyPracticalForm, false).map((s) => [s.id, s.missing]));
    expect(empty).toMatchObject({
      "pf-section-kind": 2,
      "pf-section-applicant": 4,
      "pf-section-affiliation": 3,
      "pf-section-notification": 0,
      "pf-section-target": 1,
      "pf-section-history": 2,
      "pf-section-ojt": 0,
      "pf-section-confirm": 2,
    });
    // The seed's example is complete: every section ✓.
    expect(sectionStates(seedA, false).filter((s) => s.missing > 0)).toEqual([]);
    // ア asks for the OJT entries.
    const ojt = sectionStates({ ...emptyPracticalForm, target: "a" }, false).find((s) => s.id === "pf-section-ojt")!;
    expect(ojt.missing).toBe(6);
    expect(ojt.firstPath).toBe("ojt.start");
  });

  it("names the section of each message in the error summary", () => {
    expect(sectionOf("history.basic.completed_on")?.title).toBe("研修の受講（修了歴）");
    expect(sectionOf("attachment")?.id).toBe("pf-section-history");
    expect(sectionOf("placement_need.reason")?.id).toBe("pf-section-need");
    expect(sectionOf("placement.setting")?.id).toBe("pf-section-placement");
    expect(withSection("applicant.furigana", "ふりがなを入力してください")).toBe("受講者情報：ふりがなを入力してください");
  });
});

describe("the draft on this device", () => {
  const day = 24 * 60 * 60 * 1000;
  const t0 = Date.UTC(2026, 10, 30, 1, 0);

  it("is kept for 7 days after its last change, then forgotten", () => {
    const storage = memoryStorage();
    savePracticalDraft(5, { ...newPracticalDraft(() => "k"), values: seedA }, storage, t0);
    expect(loadPracticalDraft(5, ["就労継続支援B型"], storage, t0 + DRAFT_TTL_DAYS * day)?.idempotencyKey).toBe("k");
    expect(loadPracticalDraft(5, ["就労継続支援B型"], storage, t0 + DRAFT_TTL_DAYS * day + 1)).toBeNull();
    // Expired drafts are removed, not only hidden.
    expect(storage.data.size).toBe(0);
  });

  it("never trusts a draft without a time or from the future, and is deleted on request", () => {
    const storage = memoryStorage();
    storage.setItem("kenshu.practicalDraft.5", JSON.stringify({ idempotencyKey: "k", values: seedA }));
    expect(loadPracticalDraft(5, [], storage, t0)).toBeNull();
    savePracticalDraft(5, newPracticalDraft(() => "k"), storage, t0 + day);
    expect(loadPracticalDraft(5, [], storage, t0)).toBeNull();
    savePracticalDraft(5, newPracticalDraft(() => "k"), storage, t0);
    clearPracticalDraft(5, storage);
    expect(loadPracticalDraft(5, [], storage, t0)).toBeNull();
  });
});
