import { useSyncExternalStore } from "react";

/** The staff session, kept in sessionStorage so it ends with the tab. */
export interface StaffSession {
  accessToken: string;
  expiresAt: string;
  user: { id: number; email: string; role: string };
}

const KEY = "kenshu.staffSession";
const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cached: StaffSession | null = null;

function read(): StaffSession | null {
  let raw: string | null;
  try {
    raw = sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
  if (raw === cachedRaw) return cached;
  cachedRaw = raw;
  try {
    const parsed = raw ? (JSON.parse(raw) as StaffSession) : null;
    cached = parsed && Date.parse(parsed.expiresAt) > Date.now() ? parsed : null;
  } catch {
    cached = null;
  }
  return cached;
}

function emit() {
  for (const listener of listeners) listener();
}

export function getSession(): StaffSession | null {
  return read();
}

export function getAccessToken(): string | null {
  return read()?.accessToken ?? null;
}

export function saveSession(session: StaffSession) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  emit();
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current staff session, re-rendering on log-in and log-out. */
export function useSession(): StaffSession | null {
  return useSyncExternalStore(subscribe, read, () => null);
}
