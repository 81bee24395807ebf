import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/problem";
import type { LoginRequest } from "@/lib/api/types";
import { clearSession, saveSession } from "@/lib/auth/session";

/** Signs in: the server sets the HttpOnly session cookie; we keep who and the CSRF token. */
export async function login(body: LoginRequest) {
  const res = unwrap(await api.POST("/api/v1/auth/login", { body }));
  saveSession({ csrfToken: res.csrf_token, expiresAt: res.expires_at, user: res.user });
  return res;
}

export function useLogin() {
  return useMutation({ mutationFn: login });
}

/** Signs out everywhere: every session of this account ends, on every device. */
export async function logout() {
  try {
    await api.POST("/api/v1/auth/logout");
  } finally {
    clearSession();
  }
}

export function useLogout() {
  return useMutation({ mutationFn: logout });
}
