import { useEffect, useSyncExternalStore } from "react";

/**
 * The staff session. The sign-in itself lives in an HttpOnly cookie that page script cannot
 * read; this module only keeps, in memory, who is signed in and the CSRF token that changes
 * must carry. It is loaded from `GET /api/v1/auth/session` on start, so a reload or a new
 * tab stays signed in for the cookie's lifetime.
 */
export interface StaffSession {
  csrfToken: string;
  expiresAt: string;
  user: { id: number; email: string; role: string };
}

interface State {
  /** Whether the server has been asked (or a sign-in has answered). */
  loaded: boolean;
  session: StaffSession | null;
}

const SESSION_URL = "/api/v1/auth/session";
const listeners = new Set<() => void>();
let state: State = { loaded: false, session: null };
let loading: Promise<void> | null = null;

/** Tells other tabs of this browser about sign-in and sign-out. */
const channel: BroadcastChannel | null =
  typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("kenshu.staffSession");
channel?.addEventListener("message", () => {
  void reloadSession();
});

function set(next: State) {
  state = next;
  for (const listener of listeners) listener();
}

interface SessionBody {
  user: StaffSession["user"];
  csrf_token: string;
  expires_at: string;
}

async function fetchSession(): Promise<StaffSession | null> {
  try {
    const response = await fetch(SESSION_URL, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return null;
    const body = (await response.json()) as SessionBody;
    return { user: body.user, csrfToken: body.csrf_token, expiresAt: body.expires_at };
  } catch {
    return null;
  }
}

/** Asks the server who is signed in (once; later calls share the answer). */
export function loadSession(): Promise<void> {
  loading ??= fetchSession().then((session) => set({ loaded: true, session }));
  return loading;
}

/** Asks the server again (another tab signed in or out). */
export function reloadSession(): Promise<void> {
  loading = null;
  return loadSession();
}

export function getSession(): StaffSession | null {
  return state.session;
}

/** The CSRF token changes must send as `X-CSRF-Token`. */
export function getCsrfToken(): string | null {
  return state.session?.csrfToken ?? null;
}

/** A sign-in answered: keep who it is and its CSRF token. */
export function saveSession(session: StaffSession) {
  loading = Promise.resolve();
  set({ loaded: true, session });
  channel?.postMessage("signed-in");
}

/** Forgets the session here (after signing out, or when the server no longer knows it). */
export function clearSession() {
  const had = state.session !== null;
  loading = Promise.resolve();
  set({ loaded: true, session: null });
  if (had) channel?.postMessage("signed-out");
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const read = () => state;

/** The session and whether it is known yet; loads it on first use. */
export function useSessionState(): State {
  const current = useSyncExternalStore(subscribe, read, read);
  useEffect(() => {
    void loadSession();
  }, []);
  return current;
}

/** The current staff session, re-rendering on sign-in and sign-out. */
export function useSession(): StaffSession | null {
  return useSessionState().session;
}
