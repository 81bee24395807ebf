import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function getChecklist() {
  return unwrap(await api.GET("/api/v1/checklist"));
}

/** 主任介護支援専門員 資質・能力チェック表: the versioned wording, which changes rarely. */
export function useChecklist(enabled = true) {
  return useQuery({
    queryKey: ["checklist"],
    queryFn: getChecklist,
    staleTime: 60 * 60 * 1000,
    enabled,
  });
}
