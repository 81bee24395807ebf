import "./audit-log.css";
import type { FormEvent } from "react";
import { AUDIT_FILTER_FIELDS } from "../audit-filter";

/** The filters of the 監査ログ; submitting writes them into the page's URL. */
export function AuditFilterForm({ params, onApply }: { params: URLSearchParams; onApply: (next: URLSearchParams) => void }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const field of AUDIT_FILTER_FIELDS) {
      const value = String(data.get(field) ?? "").trim();
      if (value) next.set(field, value);
    }
    onApply(next);
  };
  const value = (field: string) => params.get(field) ?? "";
  return (
    <form className="card audit-filters" role="search" aria-label="監査ログの絞り込み" onSubmit={submit}>
      <label className="field">
        <span className="field-label">操作者の種類</span>
        <select name="actor_kind" defaultValue={value("actor_kind")}>
          <option value="">すべて</option>
          <option value="staff">職員アカウント</option>
          <option value="token">APIトークン</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">操作者ID</span>
        <input name="actor_id" type="text" inputMode="numeric" pattern="[0-9]*" defaultValue={value("actor_id")} />
      </label>
      <label className="field">
        <span className="field-label">研修ID</span>
        <input name="training_id" type="text" inputMode="numeric" pattern="[0-9]*" defaultValue={value("training_id")} />
      </label>
      <label className="field">
        <span className="field-label">操作（一部）</span>
        <input name="action" type="text" placeholder="例：close、certificates.zip" defaultValue={value("action")} />
      </label>
      <label className="field">
        <span className="field-label">開始日</span>
        <input name="from" type="date" defaultValue={value("from")} />
      </label>
      <label className="field">
        <span className="field-label">終了日</span>
        <input name="to" type="date" defaultValue={value("to")} />
      </label>
      <div className="audit-filter-actions">
        <button type="submit" className="button button-primary">
          絞り込む
        </button>
        <button type="button" className="button button-secondary" onClick={() => onApply(new URLSearchParams())}>
          条件をクリア
        </button>
      </div>
    </form>
  );
}
