import { formatTime, isSameTokyoDay, tokyoParts, WEEKDAYS_JA } from "./tokyo-time";

/** First day of each era (Gregorian, Japan time), newest first. */
const ERAS = [
  { name: "令和", start: [2019, 5, 1] },
  { name: "平成", start: [1989, 1, 8] },
  { name: "昭和", start: [1926, 12, 25] },
  { name: "大正", start: [1912, 7, 30] },
  { name: "明治", start: [1868, 10, 23] },
] as const;

const dayKey = (y: number, m: number, d: number) => y * 10000 + m * 100 + d;

/** The era and era year of a calendar date; `null` before 明治. */
export function eraOf(year: number, month: number, day: number): { era: string; year: number } | null {
  const key = dayKey(year, month, day);
  for (const era of ERAS) {
    const [sy, sm, sd] = era.start;
    if (key >= dayKey(sy, sm, sd)) return { era: era.name, year: year - sy + 1 };
  }
  return null;
}

/** `令和2年` / `令和元年`, or `1868年` before 明治. */
export function formatEraYear(year: number, month: number, day: number): string {
  const era = eraOf(year, month, day);
  if (!era) return `${year}年`;
  return `${era.era}${era.year === 1 ? "元" : era.year}年`;
}

/** `令和2年11月19日(木)`, in Asia/Tokyo whatever the machine's time zone. */
export function formatWarekiDate(input: Date | string): string {
  const p = tokyoParts(input);
  return `${formatEraYear(p.year, p.month, p.day)}${p.month}月${p.day}日(${WEEKDAYS_JA[p.weekday]})`;
}

/** `令和2年11月19日(木) 18:30` */
export function formatWarekiDateTime(input: Date | string): string {
  return `${formatWarekiDate(input)} ${formatTime(input)}`;
}

/**
 * A time span as pieces that should each stay on one line:
 * `["令和8年12月17日(木)", "18:30〜20:00"]` on one day, otherwise
 * `["令和8年12月17日(木)", "10:00〜", "令和8年12月18日(金)", "16:00"]`.
 */
export function warekiRangeParts(start: Date | string, end: Date | string): string[] {
  if (isSameTokyoDay(start, end)) {
    return [formatWarekiDate(start), `${formatTime(start)}〜${formatTime(end)}`];
  }
  return [formatWarekiDate(start), `${formatTime(start)}〜`, formatWarekiDate(end), formatTime(end)];
}

/** Joins pieces with a space, except right after 〜. */
export function joinParts(parts: string[]): string {
  return parts.reduce((out, part, i) => (i === 0 || out.endsWith("〜") ? out + part : `${out} ${part}`), "");
}

/**
 * A training's time span: `令和8年12月17日(木) 18:30〜20:00` on one day, otherwise
 * `令和8年12月17日(木) 10:00〜令和8年12月18日(金) 16:00`.
 */
export function formatWarekiRange(start: Date | string, end: Date | string): string {
  return joinParts(warekiRangeParts(start, end));
}

/**
 * A calendar date (`2027-06-07`, no time, no zone) in 和暦 with its weekday:
 * `令和9年6月7日(月)`. Anything else is returned as it came.
 */
export function formatWarekiCalendarDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return formatWarekiDate(`${value}T12:00:00+09:00`);
}
