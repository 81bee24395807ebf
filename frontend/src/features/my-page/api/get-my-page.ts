import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export const myPageQueryKey = (key: string) => ["me", key] as const;

export async function getMyPage(key: string) {
  return unwrap(await api.GET("/api/v1/me/{key}", { params: { path: { key } } }));
}

/** マイページ: the application behind the key in the mail. */
export function useMyPage(key: string) {
  return useQuery({
    queryKey: myPageQueryKey(key),
    queryFn: () => getMyPage(key),
    enabled: key !== "",
  });
}
