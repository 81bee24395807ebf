import { describe, expect, it } from "vitest";
import { sortMaterials } from "./materials";

const file = (id: number, title: string) => ({
  id,
  title,
  filename: `${id}.pdf`,
  content_type: "application/pdf",
  size_bytes: 1000,
  url: `/api/v1/me/k/files/${id}`,
});

describe("sortMaterials", () => {
  it("puts one file under each of the seed's buttons, in the seed's order, and lists the rest", () => {
    const files = [file(1, "システム操作方法"), file(2, "研修資料（講義）"), file(3, "研修資料（演習）"), file(4, "ZOOM 操作方法"), file(5, "会場案内図")];
    const { buttons, others } = sortMaterials(files);
    expect(buttons.map((b) => [b.kind, b.file.id])).toEqual([
      ["研修資料", 2],
      ["Zoom操作方法", 4],
      ["システム操作方法", 1],
    ]);
    expect(others.map((f) => f.id)).toEqual([3, 5]);
  });

  it("shows no button without a matching file", () => {
    expect(sortMaterials([file(1, "会場案内図")]).buttons).toEqual([]);
  });
});
