import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function getPracticalReference() {
  return unwrap(await api.GET("/api/v1/reference/practical"));
}

/** 実践研修の申込フォームの参照情報: the services of each kind and the FAX number. It changes only with a release. */
export function usePracticalReference() {
  return useQuery({ queryKey: ["reference", "practical"], queryFn: getPracticalReference, staleTime: Infinity });
}
