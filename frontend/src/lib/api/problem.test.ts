import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, toApiError, toFormFieldName, unwrap } from "./problem";

describe("toFormFieldName", () => {
  it.each([
    ["title", "title"],
    ["exercise_schedules[0].label", "exercise_schedules.0.label"],
    ["exercise_schedules.1.capacity", "exercise_schedules.1.capacity"],
  ])("%s → %s", (field, name) => {
    expect(toFormFieldName(field)).toBe(name);
  });
});

describe("unwrap", () => {
  it("returns the data", () => {
    expect(unwrap({ data: 1, response: new Response(null, { status: 200 }) })).toBe(1);
  });

  it("throws the problem with its Japanese title", () => {
    const problem = { type: "/problems/not_found", title: "研修が見つかりません", status: 404, code: "not_found" };
    const run = () => unwrap({ error: problem, response: new Response(null, { status: 404 }) });
    expect(run).toThrow(ApiError);
    expect(run).toThrow("研修が見つかりません");
  });

  it("makes a generic Japanese message for a body that is not a problem", () => {
    const err = toApiError("<html>", new Response(null, { status: 502 }));
    expect(err.status).toBe(502);
    expect(errorMessage(err)).toMatch(/通信に失敗しました/);
    expect(errorMessage(new TypeError("fetch failed"))).toMatch(/通信に失敗しました/);
  });
});
