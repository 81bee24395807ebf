/**
 * Drafts kept in sessionStorage: they survive a reload and end with the tab. Storage may be
 * missing or full (private mode, quota); then the page keeps working with what it holds.
 */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The tab's sessionStorage, or null where it cannot be used. */
export function browserStorage(): DraftStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The device's localStorage, or null where it cannot be used: for drafts that must outlive
 * the tab (the long practical form), always stored with an expiry.
 */
export function deviceStorage(): DraftStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The parsed value stored under `key`, or null when there is none or it is not JSON. */
export function readStored(key: string, storage: DraftStorage | null = browserStorage()): unknown {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown, storage: DraftStorage | null = browserStorage()) {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Quota or private mode: the draft lives in memory only.
  }
}

export function removeStored(key: string, storage: DraftStorage | null = browserStorage()) {
  try {
    storage?.removeItem(key);
  } catch {
    // nothing stored
  }
}

/** A storage that keeps its values in a map: for tests, and where none can be used. */
export function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}
