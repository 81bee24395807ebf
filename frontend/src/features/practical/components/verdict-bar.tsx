import type { ReactNode } from "react";
import type { EligibilityVerdict } from "@/lib/api/types";
import { OUTCOME_LABELS } from "@/lib/format/practical-labels";
import { INCOMPLETE_LABEL, type ShownOutcome } from "../ojt-figures";
import "./practical.css";

/**
 * The verdict pinned to the bottom of the screen while the form is filled in, announced
 * politely when it changes, with a link to the full result.
 */
export function VerdictBar({
  verdict,
  state,
  href,
  linkLabel = "結果を見る",
  shown = verdict?.outcome,
}: {
  verdict: EligibilityVerdict | null;
  /** The outcome to show, where it is not the verdict's own (未入力 on the form). */
  shown?: ShownOutcome;
  /** What the bar is doing (判定中…), or a figure worth seeing at a glance. */
  state: ReactNode;
  href: string;
  linkLabel?: ReactNode;
}) {
  const label = shown ? (shown === "incomplete" ? INCOMPLETE_LABEL : OUTCOME_LABELS[shown]) : null;
  const live = label ? `判定：${label.label}` : "判定：入力待ち";
  return (
    <div className={`verdict-bar${shown ? ` verdict-bar-${shown}` : ""}`}>
      <p className="verdict-bar-text" role="status" aria-live="polite" aria-atomic="true">
        {label && (
          <span className="verdict-icon" aria-hidden="true">
            {label.icon}
          </span>
        )}
        {live}
      </p>
      <span className="verdict-bar-state">{state}</span>
      <a className="verdict-bar-link" href={href}>
        {linkLabel}
      </a>
    </div>
  );
}

/** 判定には、次の入力が必要です: each missing entry links to its control. */
export function PendingInputs({
  pending,
  hasVerdict,
}: {
  pending: { id: string; message: string }[];
  hasVerdict: boolean;
}) {
  return (
    <div className="pending-inputs">
      <p className="pending-title">
        {hasVerdict ? "入力が途中のため、前回の判定結果を表示しています。" : "判定には、次の入力が必要です。"}
      </p>
      <ul>
        {pending.map((p) => (
          <li key={p.id}>
            <a href={`#${p.id}`}>{p.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
