import type { ReactNode } from "react";
import { Link } from "react-router";

/** お問い合わせ先 at the end of a complete step. */
export function ContactSection({ id, className = "contact", children }: { id: string; className?: string; children: ReactNode }) {
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>お問い合わせ先</h2>
      <p className={className}>{children}</p>
    </section>
  );
}

/** The way on after a complete step: back to the list of trainings. */
export function ToTrainingList() {
  return (
    <div className="actions">
      <Link className="button button-primary" to="/">
        研修一覧ページへ ›
      </Link>
    </div>
  );
}
