import { afterEach, describe, expect, it } from "vitest";
import { clearSession, saveSession } from "@/lib/auth/session";
import { endsSession, withCsrf } from "./client";

describe("the session's CSRF token", () => {
  afterEach(() => clearSession());

  it("goes with changes, not with reads", () => {
    saveSession({ csrfToken: "abc123", expiresAt: "2030-01-01T00:00:00+09:00", user: { id: 1, email: "a@kenshu.test", role: "staff" } });
    const post = withCsrf(new Request("http://localhost/api/v1/admin/trainings", { method: "POST" }));
    expect(post.headers.get("X-CSRF-Token")).toBe("abc123");
    const get = withCsrf(new Request("http://localhost/api/v1/admin/trainings"));
    expect(get.headers.has("X-CSRF-Token")).toBe(false);
  });

  it("is not sent when nobody is signed in", () => {
    const post = withCsrf(new Request("http://localhost/api/v1/trainings/1/applications", { method: "POST" }));
    expect(post.headers.has("X-CSRF-Token")).toBe(false);
  });
});

describe("a session that ended", () => {
  it("is a 401 from a staff endpoint, not from a public one", () => {
    expect(endsSession("http://localhost/api/v1/admin/trainings", 401)).toBe(true);
    expect(endsSession("/api/v1/auth/session", 401)).toBe(true);
    expect(endsSession("/api/v1/auth/login", 401)).toBe(false);
    expect(endsSession("/api/v1/admin/trainings", 403)).toBe(false);
  });
});
