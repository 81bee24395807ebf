import { makeIdempotencyKey } from "@/lib/api/idempotency";
import { KIND_LABELS, PLAN_LABELS, SETTING_LABELS, SEX_LABELS } from "@/lib/format/practical-labels";
import { deviceStorage, readStored, removeStored, writeStored, type DraftStorage } from "@/lib/session-store";
import { newLeaveRow, SLOTS, type SlotName } from "./eligibility-values";
import { emptyPracticalForm, type PracticalFormValues, type PracticalSlotValues } from "./form-values";

/**
 * The practical application in progress, kept in the device's localStorage per training
 * until the server accepts it, the applicant deletes it or it expires (7 days after the last
 * change): closing the tab, a reload or a step back loses nothing but the attached file,
 * which is never stored.
 */
export interface PracticalDraft {
  /** Sent as `Idempotency-Key`, the same for every attempt of this draft. */
  idempotencyKey: string;
  values: PracticalFormValues;
  /** When it was last stored (ms since the epoch); null for a draft never stored. */
  savedAt?: number | null;
}

/** How long a draft is kept after its last change. */
export const DRAFT_TTL_DAYS = 7;
const DRAFT_TTL_MS = DRAFT_TTL_DAYS * 24 * 60 * 60 * 1000;

/** The last day (ms) a draft stored at `savedAt` is kept. */
export const draftExpiresAt = (savedAt: number) => savedAt + DRAFT_TTL_MS;

export const practicalDraftKey = (trainingId: number) => `kenshu.practicalDraft.${trainingId}`;

export function newPracticalDraft(makeKey: () => string = makeIdempotencyKey): PracticalDraft {
  return { idempotencyKey: makeKey(), values: emptyPracticalForm };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The stored value where it has the empty form's type, else the empty form's, key by key. */
function fit<T>(shape: T, stored: unknown): T {
  if (Array.isArray(shape)) return shape;
  if (isRecord(shape)) {
    const from = isRecord(stored) ? stored : {};
    return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, fit(v, from[k])])) as T;
  }
  return (typeof stored === typeof shape ? stored : shape) as T;
}

const oneOf = <T extends string>(value: string, allowed: readonly T[]): T | "" =>
  (allowed as readonly string[]).includes(value) ? (value as T) : "";

const keys = <T extends string>(o: Record<T, unknown>) => Object.keys(o) as T[];

/** The stored form with every value checked: what does not fit (a service not in `services`) is left empty. */
export function fitValues(stored: unknown, knownServices: readonly string[]): PracticalFormValues {
  const v = fit(emptyPracticalForm, stored);
  const raw = isRecord(stored) ? stored : {};
  v.kind = oneOf(v.kind, keys(KIND_LABELS));
  v.applicant.sex = oneOf(v.applicant.sex, keys(SEX_LABELS));
  v.placement.setting = oneOf(v.placement.setting, keys(SETTING_LABELS));
  v.placement_need.plan_category = oneOf(v.placement_need.plan_category, keys(PLAN_LABELS));
  v.target = oneOf(v.target, ["a", "i", "u"] as const);
  const services = isRecord(raw.placement) && Array.isArray(raw.placement.services) ? raw.placement.services : [];
  v.placement.services = services.filter((s): s is string => typeof s === "string" && knownServices.includes(s));
  for (const slot of SLOTS) {
    const s: PracticalSlotValues = v[slot.name as SlotName];
    v[slot.name as SlotName] = { ...s, category: oneOf(s.category, slot.allowed) };
  }
  const leaves = Array.isArray(raw.leave_periods) ? raw.leave_periods : [];
  v.leave_periods = leaves.map((row) => {
    const r = isRecord(row) ? row : {};
    return {
      ...newLeaveRow(),
      start: typeof r.start === "string" ? r.start : "",
      end: typeof r.end === "string" ? r.end : "",
    };
  });
  return v;
}

/** The stored draft, or null when there is none, it cannot be read or it has expired (then it is removed). */
export function loadPracticalDraft(
  trainingId: number,
  services: readonly string[],
  storage: DraftStorage | null = deviceStorage(),
  now: number = Date.now(),
): PracticalDraft | null {
  const key = practicalDraftKey(trainingId);
  const stored = readStored(key, storage);
  if (!isRecord(stored) || typeof stored.idempotencyKey !== "string" || stored.idempotencyKey === "") return null;
  const savedAt = typeof stored.savedAt === "number" && Number.isFinite(stored.savedAt) ? stored.savedAt : null;
  // A draft without a time, or one from the future (a clock put back), is not trusted to be recent.
  if (savedAt === null || savedAt > now || now > draftExpiresAt(savedAt)) {
    removeStored(key, storage);
    return null;
  }
  return { idempotencyKey: stored.idempotencyKey, values: fitValues(stored.values, services), savedAt };
}

/** Stores the draft, stamped with `now`; returns it as stored. */
export function savePracticalDraft(
  trainingId: number,
  draft: PracticalDraft,
  storage: DraftStorage | null = deviceStorage(),
  now: number = Date.now(),
): PracticalDraft {
  const stamped = { ...draft, savedAt: now };
  writeStored(practicalDraftKey(trainingId), stamped, storage);
  return stamped;
}

export function clearPracticalDraft(trainingId: number, storage: DraftStorage | null = deviceStorage()) {
  removeStored(practicalDraftKey(trainingId), storage);
}
