import { describe, expect, it } from "vitest";
import { filenameFromDisposition } from "./download";

describe("file names of downloads", () => {
  it("reads the UTF-8 name first, then the plain one", () => {
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E5%8F%97%E8%AC%9B%E5%8F%AF%E5%90%A6%E9%80%9A%E7%9F%A5.pdf")).toBe(
      "受講可否通知.pdf",
    );
    expect(filenameFromDisposition('attachment; filename="notice.pdf"; filename*=UTF-8\'\'%E9%80%9A%E7%9F%A5.pdf')).toBe("通知.pdf");
    expect(filenameFromDisposition('attachment; filename="notice.pdf"')).toBe("notice.pdf");
    expect(filenameFromDisposition("attachment; filename=plain.pdf")).toBe("plain.pdf");
    expect(filenameFromDisposition("attachment")).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });
});
