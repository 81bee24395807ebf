import { AVAILABILITY_LABELS, type Availability } from "@/lib/format/labels";

/** 受付中 / 満員 / 受付終了 / 受付前: the text carries the meaning, the colour only helps. */
export function AvailabilityBadge({ availability, label }: { availability: Availability; label?: string }) {
  return <span className={`badge badge-${availability}`}>{label || AVAILABILITY_LABELS[availability]}</span>;
}
