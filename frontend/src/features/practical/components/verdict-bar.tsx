import type { ReactNode } from "react";
import type { EligibilityVerdict } from "@/lib/api/types";
import { OUTCOME_LABELS } from "@/lib/format/practical-labels";
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
}: {
  verdict: EligibilityVerdict | null;
  /** What the bar is doing (判定中…), or a figure worth seeing at a glance. */
  state: ReactNode;
  href: string;
  linkLabel?: ReactNode;
}) {
  const live = verdict ? `判定：${OUTCOME_LABELS[verdict.outcome].label}` : "判定：入力待ち";
  return (
    <div className={`verdict-bar${verdict ? ` verdict-bar-${verdict.outcome}` : ""}`}>
      <p className="verdict-bar-text" role="status" aria-live="polite" aria-atomic="true">
        {verdict && (
          <span className="verdict-icon" aria-hidden="true">
            {OUTCOME_LABELS[verdict.outcome].icon}
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
