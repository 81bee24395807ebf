import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import { organiserQueryKey } from "./get-organiser";

export interface OrganiserInput {
  issuer: string;
  representative: string;
  seal: File | null;
  removeSeal: boolean;
}

export function toMultipart(input: OrganiserInput): FormData {
  const data = new FormData();
  data.set("issuer", input.issuer);
  data.set("representative", input.representative);
  if (input.seal) data.set("seal", input.seal);
  if (input.removeSeal) data.set("remove_seal", "true");
  return data;
}

export async function saveOrganiser(input: OrganiserInput) {
  return unwrap(
    await api.PUT("/api/v1/admin/organiser", {
      body: { issuer: input.issuer, representative: input.representative },
      // FormData: the browser sets the multipart boundary itself.
      bodySerializer: () => toMultipart(input),
    }),
  );
}

/** 発行者の設定を保存する（管理者のみ）. */
export function useSaveOrganiser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveOrganiser,
    onSuccess: (saved) => queryClient.setQueryData(organiserQueryKey, saved),
  });
}
