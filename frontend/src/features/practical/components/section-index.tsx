import { useRef } from "react";
import type { SectionState } from "../sections";
import "./practical.css";

/**
 * 目次: each section with its state (✓ / 未入力 n件), pinned to the top of the screen,
 * folded to one line on a phone. A link jumps to its section (or to the first missing entry).
 */
export function SectionIndex({ states, verdictId, verdictText }: { states: SectionState[]; verdictId: string; verdictText: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const done = states.filter((s) => s.missing === 0).length;
  const close = () => {
    if (ref.current) ref.current.open = false;
  };
  return (
    <nav className="section-index" aria-label="入力項目の目次">
      <details ref={ref}>
        <summary>
          <span className="section-index-title">目次</span>
          <span className="section-index-progress">
            {states.length}項目中 <strong>{done}</strong>項目 入力済み
          </span>
        </summary>
        <ol className="section-index-list">
          {states.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} onClick={close} data-section-jump="">
                <span className="section-index-name">{s.title}</span>
                {s.missing === 0 ? (
                  <span className="section-state section-state-done">
                    <span aria-hidden="true">✓ </span>入力済み
                  </span>
                ) : (
                  <span className="section-state section-state-missing">未入力 {s.missing}件</span>
                )}
              </a>
            </li>
          ))}
          <li>
            <a href={`#${verdictId}`} onClick={close} data-section-jump="">
              <span className="section-index-name">受講要件の判定（自動）</span>
              <span className="section-state">{verdictText}</span>
            </a>
          </li>
        </ol>
      </details>
    </nav>
  );
}

/**
 * Follows an in-page link (目次, the error summary, the verdict's pending entries): scrolls
 * to its target and puts the focus there: a section's heading, or the entry itself (the
 * first control of a group).
 */
export function jumpToLink(event: React.MouseEvent) {
  const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[href^="#"]');
  const id = link?.getAttribute("href")?.slice(1);
  const target = id ? document.getElementById(id) : null;
  if (!target) return;
  event.preventDefault();
  const focusable =
    target.tagName === "SECTION"
      ? target.querySelector<HTMLElement>("h2")
      : target.matches("input, select, textarea, button")
        ? target
        : target.querySelector<HTMLElement>("input, select, textarea, button");
  (focusable ?? target).focus({ preventScroll: true });
  target.scrollIntoView({ block: target.tagName === "SECTION" ? "start" : "center" });
}
