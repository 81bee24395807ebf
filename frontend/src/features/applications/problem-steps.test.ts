import { describe, expect, it } from "vitest";
import type { Problem } from "@/lib/api/problem";
import { fieldsOfStep, problemFor, routeProblem, stepOfField, withoutStepFields } from "./problem-steps";

const validation = (errors: Problem["errors"]): Problem => ({
  type: "/problems/validation_failed",
  title: "入力内容に誤りがあります",
  status: 422,
  code: "validation_failed",
  errors,
});

describe("stepOfField", () => {
  it.each([
    ["member", true, "input"],
    ["email_confirmation", true, "input"],
    ["privacy_consent", false, "input"],
    ["checklist_answers", true, "checklist"],
    ["checklist_answers[3]", true, "checklist"],
    ["checklist_answers", false, null],
    ["idempotency_key", true, null],
  ] as const)("%s (checklist %s) → %s", (field, checklist, step) => {
    expect(stepOfField(field, checklist)).toBe(step);
  });
});

describe("routeProblem", () => {
  it("sends the applicant back to the input step when any entry is wrong", () => {
    const routed = routeProblem(
      validation([
        { field: "checklist_answers", code: "incomplete", message: "チェック表の未回答の設問があります（3, 7）" },
        { field: "email_confirmation", code: "mismatch", message: "メールアドレスが一致しません" },
      ]),
      true,
    );
    expect(routed.step).toBe("input");
    expect(fieldsOfStep(routed, "input", true)).toEqual([["email_confirmation", "メールアドレスが一致しません"]]);
    expect(fieldsOfStep(routed, "checklist", true)).toEqual([
      ["checklist_answers", "チェック表の未回答の設問があります（3, 7）"],
    ]);

    // Once the input step is sent again, only the checklist's message is left.
    const left = withoutStepFields(routed, "input", true);
    expect(left?.fields).toEqual({ checklist_answers: "チェック表の未回答の設問があります（3, 7）" });
    expect(left?.step).toBe("checklist");
    expect(problemFor(left, "input")).toBeNull();
    expect(problemFor(left, "checklist")).toBe(left);
    expect(withoutStepFields(left, "checklist", true)).toBeNull();
  });

  it("goes to the checklist for unanswered questions only", () => {
    const routed = routeProblem(validation([{ field: "checklist_answers", code: "incomplete", message: "未回答: 34" }]), true);
    expect(routed.step).toBe("checklist");
  });

  it("orders the input step's messages as the form does", () => {
    const routed = routeProblem(
      validation([
        { field: "privacy_consent", code: "required", message: "同意してください" },
        { field: "full_name", code: "required", message: "氏名を入力してください" },
        { field: "full_name", code: "length", message: "second message for the same field" },
      ]),
      false,
    );
    expect(fieldsOfStep(routed, "input", false)).toEqual([
      ["full_name", "氏名を入力してください"],
      ["privacy_consent", "同意してください"],
    ]);
  });

  it("keeps a conflict without fields on the confirm page", () => {
    const routed = routeProblem({ title: "定員に達しました", status: 409, code: "training_full" }, true);
    expect(routed).toEqual({ code: "training_full", title: "定員に達しました", step: "confirm", fields: {}, other: [] });
  });

  it("names already_applied next to the email", () => {
    const routed = routeProblem(
      {
        title: "このメールアドレスでは既に申し込まれています",
        status: 409,
        code: "already_applied",
        errors: [{ field: "email", code: "already_applied", message: "このメールアドレスでは既に申し込まれています" }],
      },
      true,
    );
    expect(routed.step).toBe("input");
    expect(routed.fields.email).toMatch(/既に申し込まれています/);
  });

  it("keeps fields no page shows as plain messages", () => {
    const routed = routeProblem(validation([{ field: "checklist_answers", code: "unexpected", message: "不要です" }]), false);
    expect(routed.step).toBe("confirm");
    expect(routed.other).toEqual(["不要です"]);
  });
});
