import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export const practicalMyPageQueryKey = (key: string) => ["me", "practical", key] as const;

export async function getPracticalMyPage(key: string) {
  return unwrap(await api.GET("/api/v1/me/practical/{key}", { params: { path: { key } } }));
}

/** 実践研修のマイページ: the application behind the key in the acknowledgement mail. */
export function usePracticalMyPage(key: string) {
  return useQuery({
    queryKey: practicalMyPageQueryKey(key),
    queryFn: () => getPracticalMyPage(key),
    enabled: key !== "",
  });
}
