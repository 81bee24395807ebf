import createClient, { type Middleware } from "openapi-fetch";
import { clearSession, getAccessToken } from "@/lib/auth/session";
import type { paths } from "./schema";

/** The one API client. The SPA is served by the API server, so URLs are same-origin. */
export const api = createClient<paths>({ baseUrl: "" });

const auth: Middleware = {
  onRequest({ request }) {
    const token = getAccessToken();
    if (token && !request.headers.has("Authorization")) {
      request.headers.set("Authorization", `Bearer ${token}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    // An expired or revoked token: forget it so the staff pages send the user to log in.
    if (response.status === 401 && request.headers.has("Authorization")) {
      clearSession();
    }
    return response;
  },
};

api.use(auth);
