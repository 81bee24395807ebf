import { Link } from "react-router";
import type { TrainingDetail } from "@/lib/api/types";

/** Shown instead of a step when the public data says the training takes no applications now. */
export function ApplyClosed({ training }: { training: TrainingDetail }) {
  return (
    <>
      <p className="closed-note" role="note">
        現在、この研修の申込は受け付けていません（{training.availability_label}）。
      </p>
      <div className="actions">
        <Link className="button button-secondary" to={`/trainings/${training.id}`}>
          ‹ 詳細へ戻る
        </Link>
        <Link className="button button-secondary" to="/">
          研修一覧へ
        </Link>
      </div>
    </>
  );
}
