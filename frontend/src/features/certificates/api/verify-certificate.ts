import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";

export async function verifyCertificate(code: string) {
  return unwrap(await api.GET("/api/v1/certificates/verify/{code}", { params: { path: { code } } }));
}

/** 証明書の真偽: what the QR code on a certificate opens. */
export function useVerification(code: string) {
  return useQuery({
    queryKey: ["verify", code],
    queryFn: () => verifyCertificate(code),
    enabled: code !== "",
    retry: false,
  });
}
