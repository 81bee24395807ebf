/**
 * Wall-clock time in Japan. Japan has had no daylight saving time since 1951, so Asia/Tokyo
 * is a fixed UTC+09:00 and can be computed without Intl or the machine's time zone.
 */
export const TOKYO_OFFSET = "+09:00";
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;

export const WEEKDAYS_JA = ["日", "月", "火", "水", "木", "金", "土"] as const;

export interface TokyoParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  weekday: number;
}

export function toDate(input: Date | string): Date {
  const date = input instanceof Date ? input : new Date(input);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`invalid date: ${String(input)}`);
  }
  return date;
}

export function tokyoParts(input: Date | string): TokyoParts {
  const shifted = new Date(toDate(input).getTime() + TOKYO_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** `18:30` in Tokyo. */
export function formatTime(input: Date | string): string {
  const p = tokyoParts(input);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

export function isSameTokyoDay(a: Date | string, b: Date | string): boolean {
  const pa = tokyoParts(a);
  const pb = tokyoParts(b);
  return pa.year === pb.year && pa.month === pb.month && pa.day === pb.day;
}

/** An instant as the value of an `<input type="datetime-local">` in Tokyo wall time. */
export function toTokyoInputValue(input: Date | string | null | undefined): string {
  if (input == null || input === "") return "";
  const p = tokyoParts(input);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/**
 * A `datetime-local` value read as Tokyo wall time, as RFC 3339 with the +09:00 offset
 * (`2026-12-17T18:30:00+09:00`). Empty or malformed input gives "" so the server can name
 * the field.
 */
export function fromTokyoInputValue(value: string): string {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return "";
  const [, y, mo, d, h, mi] = m;
  return `${y}-${mo}-${d}T${h}:${mi}:00${TOKYO_OFFSET}`;
}

/** The Tokyo calendar day of an instant, `2026-06-06`. */
export function tokyoDateOf(input: Date | string): string {
  return toTokyoInputValue(input).slice(0, 10);
}
