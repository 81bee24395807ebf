import { describe, expect, it } from "vitest";
import { applicantSchema, toApplyRequest } from "./applicant-schema";

const valid = {
  member: "member",
  full_name: "髙橋 𠮷子",
  job_title: "",
  workplace: "株式会社〇〇",
  phone: "０１２３－４５－６７８９",
  email: "Hanako@Example.JP",
  email_confirmation: "Ｈａｎａｋｏ＠example.jp",
  privacy_consent: true,
};

function messages(values: typeof valid) {
  const result = applicantSchema.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("the input step's quick checks", () => {
  it("accepts full-width digits and addresses that differ in width or domain case", () => {
    expect(messages(valid)).toEqual({});
  });

  it("names every missing entry at once", () => {
    const empty = { ...valid, member: "", full_name: " ", workplace: "", phone: "", email: "", email_confirmation: "", privacy_consent: false };
    expect(Object.keys(messages(empty)).sort()).toEqual(
      ["email", "email_confirmation", "full_name", "member", "phone", "privacy_consent", "workplace"].sort(),
    );
  });

  it("tells a mismatched confirmation and a short phone number", () => {
    const m = messages({ ...valid, phone: "0123-45-678", email_confirmation: "hanako@example.com" });
    expect(m.email_confirmation).toBe("メールアドレスが一致しません");
    expect(m.phone).toMatch(/10桁または11桁/);
  });

  it("takes an empty title and up to 40 characters as the server counts them", () => {
    expect(messages({ ...valid, job_title: "𠮷".repeat(40) })).toEqual({});
    expect(messages({ ...valid, job_title: "ｹﾞ".repeat(40) })).toEqual({});
    expect(messages({ ...valid, job_title: "主".repeat(41) }).job_title).toBe("資格・職名は40文字以内で入力してください");
  });

  it("sends the title as it will be stored, or null", () => {
    expect(toApplyRequest({ ...valid, job_title: "　ｹｱﾏﾈｼﾞｬｰ " }, null).job_title).toBe("ケアマネジャー");
    expect(toApplyRequest(valid, null).job_title).toBeNull();
  });

  it("builds the request with the answers only where asked", () => {
    const body = toApplyRequest({ ...valid, full_name: " 髙橋 𠮷子 " }, null);
    expect(body).not.toHaveProperty("checklist_answers");
    expect(body.full_name).toBe("髙橋 𠮷子");
    expect(toApplyRequest(valid, [true, false]).checklist_answers).toEqual([true, false]);
  });
});
