/**
 * A calendar date (`YYYY-MM-DD`, no time, no zone) in 西暦 as the practical training's form
 * writes it: `2019年12月16日`. Anything else is returned as it came.
 */
export function formatCalendarDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** `0年11ヶ月15日` */
export function formatYmd({ years, months, days }: { years: number; months: number; days: number }): string {
  return `${years}年${months}ヶ月${days}日`;
}
