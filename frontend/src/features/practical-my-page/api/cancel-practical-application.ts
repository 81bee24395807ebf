import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { practicalMyPageQueryKey } from "./get-practical-my-page";

export async function cancelPracticalApplication(key: string) {
  return unwrap(await api.POST("/api/v1/me/practical/{key}/cancel", { params: { path: { key } } }));
}

/** 実践研修の申込のキャンセル: only ever from the button, never on page load. */
export function useCancelPracticalApplication(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelPracticalApplication(key),
    onSuccess: (page) => queryClient.setQueryData(practicalMyPageQueryKey(key), page),
  });
}
