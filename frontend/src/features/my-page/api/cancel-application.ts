import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { myPageQueryKey } from "./get-my-page";

export async function cancelApplication(key: string) {
  return unwrap(await api.POST("/api/v1/me/{key}/cancel", { params: { path: { key } } }));
}

/** 申込のキャンセル: only ever from the button, never on page load. */
export function useCancelApplication(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelApplication(key),
    onSuccess: (page) => {
      queryClient.setQueryData(myPageQueryKey(key), page);
      void queryClient.invalidateQueries({ queryKey: ["trainings"] });
    },
  });
}
