import type { MyPageFile } from "@/lib/api/types";

/** The three buttons of the seed's My Page, in its order. */
export const MATERIAL_KINDS = ["研修資料", "Zoom操作方法", "システム操作方法"] as const;

/** Files by the seed's buttons (the first file whose title names one), and the rest. */
export function sortMaterials(files: MyPageFile[]) {
  const used = new Set<number>();
  const key = (text: string) => text.normalize("NFKC").replace(/\s/g, "").toLowerCase();
  const buttons = MATERIAL_KINDS.flatMap((kind) => {
    const file = files.find((f) => !used.has(f.id) && key(f.title).includes(key(kind)));
    if (!file) return [];
    used.add(file.id);
    return [{ kind, file }];
  });
  return { buttons, others: files.filter((f) => !used.has(f.id)) };
}
