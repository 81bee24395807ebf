import createClient, { type Middleware } from "openapi-fetch";
import { clearSession, getCsrfToken } from "@/lib/auth/session";
import type { paths } from "./schema";

/**
 * The one API client. The SPA is served by the API server, so URLs are same-origin and the
 * staff session cookie (HttpOnly) goes along by itself.
 */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Changes made with the session cookie carry the session's CSRF token. */
export function withCsrf(request: Request): Request {
  const csrf = getCsrfToken();
  if (csrf && !SAFE_METHODS.has(request.method.toUpperCase()) && !request.headers.has("X-CSRF-Token")) {
    request.headers.set("X-CSRF-Token", csrf);
  }
  return request;
}

/** Staff endpoints that answer 401 mean the session ended (signed out elsewhere, disabled). */
export function endsSession(url: string, status: number): boolean {
  const path = new URL(url, "http://localhost").pathname;
  return status === 401 && (path.startsWith("/api/v1/admin/") || path === "/api/v1/auth/session");
}

const auth: Middleware = {
  onRequest({ request }) {
    return withCsrf(request);
  },
  onResponse({ request, response }) {
    if (endsSession(request.url, response.status)) clearSession();
    return response;
  },
};

api.use(auth);
