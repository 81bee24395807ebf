import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { myPageQueryKey } from "./get-my-page";

/** 研修に参加する (開始番号) or 研修を完了する (終了番号). */
export async function enterCode(key: string, kind: "start" | "end", code: string) {
  const params = { path: { key } };
  const body = { code };
  return unwrap(
    kind === "start"
      ? await api.POST("/api/v1/me/{key}/check-in", { params, body })
      : await api.POST("/api/v1/me/{key}/check-out", { params, body }),
  );
}

export function useEnterCode(key: string, kind: "start" | "end") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => enterCode(key, kind, code),
    onSuccess: (page) => queryClient.setQueryData(myPageQueryKey(key), page),
  });
}
