import { describe, expect, it } from "vitest";
import { actionLabel, auditQueryFromSearch, statusLabel } from "./audit-filter";

describe("auditQueryFromSearch", () => {
  it("keeps the filled fields and drops empty or malformed ones", () => {
    const params = new URLSearchParams("actor_kind=staff&actor_id=abc&training_id=7&action=+close+&from=&to=2026-12-31");
    expect(auditQueryFromSearch(params, 2, 50)).toEqual({
      page: 2,
      per_page: 50,
      actor_kind: "staff",
      training_id: 7,
      action: "close",
      to: "2026-12-31",
    });
  });

  it("ignores an unknown actor kind", () => {
    expect(auditQueryFromSearch(new URLSearchParams("actor_kind=robot"), 1, 20)).toEqual({ page: 1, per_page: 20 });
  });
});

describe("labels", () => {
  it("names known actions and status classes in Japanese", () => {
    expect(actionLabel("POST /api/v1/admin/trainings/{id}/close")).toBe("申込の締切");
    expect(actionLabel("POST /api/v1/unknown")).toBeUndefined();
    expect([200, 401, 403, 422, 500].map(statusLabel)).toEqual(["成功", "認証失敗", "権限なし", "受付不可", "サーバーエラー"]);
  });
});
