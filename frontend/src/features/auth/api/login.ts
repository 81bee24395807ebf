import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { LoginRequest } from "@/lib/api/types";
import { saveSession } from "@/lib/auth/session";

export async function login(body: LoginRequest) {
  const res = unwrap(await api.POST("/api/v1/auth/login", { body }));
  saveSession({ accessToken: res.access_token, expiresAt: res.expires_at, user: res.user });
  return res;
}

export function useLogin() {
  return useMutation({ mutationFn: login });
}
