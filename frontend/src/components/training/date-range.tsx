import { NoBreakParts } from "@/components/ui/no-break";
import { formatTime } from "@/lib/format/tokyo-time";
import { formatWarekiDate, warekiRangeParts } from "@/lib/format/wareki";

/** 令和8年12月17日(木) 18:30〜20:00, wrapping only between a date and its times. */
export function DateRange({ start, end }: { start: string; end: string }) {
  return <NoBreakParts parts={warekiRangeParts(start, end)} />;
}

/** A window such as 受付期間, from one date-time to another even on the same day. */
export function DateTimeWindow({ start, end }: { start: string; end: string }) {
  return (
    <NoBreakParts parts={[formatWarekiDate(start), `${formatTime(start)}〜`, formatWarekiDate(end), formatTime(end)]} />
  );
}
