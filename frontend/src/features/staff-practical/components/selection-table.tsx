import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { Alert } from "@/components/ui/alert";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { PracticalRow, ScheduleLoad } from "@/lib/api/types";
import { canRunTrainings, useRole } from "@/lib/auth/roles";
import { useBulkPracticalStep } from "../api/bulk-practical-step";
import { decisionText, scheduleLabel } from "../labels";
import {
  BULK_ACTIONS,
  bulkTargets,
  emptyFilter,
  filterRows,
  type BulkAction,
  type DecisionFilter,
  type SelectionFilter,
} from "../selection-filter";
import { OutcomeCompare } from "./outcome-compare";
import { StateBadge } from "./selection-card";
import "./staff-practical.css";

const DECISIONS: { value: DecisionFilter; label: string }[] = [
  { value: "", label: "すべて" },
  { value: "undecided", label: "未決定" },
  { value: "accepted", label: "受講決定" },
  { value: "waitlisted", label: "キャンセル待ち" },
  { value: "rejected", label: "受講不可" },
  { value: "cancelled", label: "キャンセル" },
];

/** The confirmation of a bulk step: what will happen to how many, asked in a modal dialog. */
function ConfirmBulk({
  action,
  selected,
  onConfirm,
  onClose,
}: {
  action: BulkAction | null;
  selected: PracticalRow[];
  onConfirm: (action: BulkAction, ids: number[]) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (action && !d.open) d.showModal();
    if (!action && d.open) d.close();
  }, [action]);
  const info = action ? BULK_ACTIONS[action] : null;
  const targets = action ? bulkTargets(action, selected) : { fit: [], unfit: 0 };
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby="bulk-confirm-title" onClose={onClose}>
      {info && (
        <form method="dialog">
          <h2 id="bulk-confirm-title">{info.label}（{targets.fit.length}件）</h2>
          <p>
            選択した<strong>{selected.length}件</strong>のうち<strong>{targets.fit.length}件</strong>
            を{info.verb}します。
          </p>
          {targets.unfit > 0 && (
            <p className="confirm-unfit">
              残りの{targets.unfit}件（{info.unfit}）は、この操作の対象外のため変更しません。
            </p>
          )}
          <p className="field-hint">{info.after}</p>
          <div className="actions">
            <button type="submit" value="cancel" className="button button-secondary">
              やめる
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={targets.fit.length === 0}
              onClick={() => {
                onConfirm(action!, targets.fit.map((r) => r.id));
                ref.current?.close();
              }}
            >
              {targets.fit.length}件を{info.verb}する
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/** What the server refused, application by application. */
function BulkProblem({ error }: { error: unknown }) {
  const problem = error instanceof ApiError ? error.problem : null;
  return (
    <Alert>
      <p>{errorMessage(error)}</p>
      {problem?.detail && <p>{problem.detail}</p>}
      {problem?.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.field}>{e.message}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/**
 * 申込一覧（表）: every application in the proposed order with search, filters and steps on
 * the selected rows. A row (or its name) opens the application's detail.
 */
export function SelectionTable({
  trainingId,
  rows,
  schedules,
  detailTo,
}: {
  trainingId: number;
  rows: PracticalRow[];
  schedules: ScheduleLoad[];
  detailTo: (id: number) => string;
}) {
  // The prefecture reads only: no bulk steps.
  const canEdit = canRunTrainings(useRole());
  const navigate = useNavigate();
  const [filter, setFilter] = useState<SelectionFilter>(emptyFilter);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [asking, setAsking] = useState<BulkAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const step = useBulkPracticalStep(trainingId);

  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  // Only rows on screen are acted on: a filter hides a row from the step too.
  const chosen = shown.filter((r) => selected.has(r.id));
  const allShown = shown.length > 0 && chosen.length === shown.length;
  const set = (patch: Partial<SelectionFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const filtered = filter.text !== "" || filter.outcome !== "" || filter.decision !== "" || filter.schedule !== "";

  return (
    <div className="selection-table">
      <div className="filter-bar" role="search" aria-label="申込の絞り込み">
        <div className="filter-field filter-text">
          <label htmlFor="selection-search">氏名・ふりがな・事業所で検索</label>
          <input
            id="selection-search"
            type="search"
            value={filter.text}
            placeholder="例：たかはし、さっぽろ"
            onChange={(e) => set({ text: e.target.value })}
          />
        </div>
        <div className="filter-field">
          <label htmlFor="selection-outcome">受講要件（現在）</label>
          <select
            id="selection-outcome"
            value={filter.outcome}
            onChange={(e) => set({ outcome: e.target.value as SelectionFilter["outcome"] })}
          >
            <option value="">すべて</option>
            <option value="eligible">満たしている</option>
            <option value="needs_review">要確認</option>
            <option value="not_eligible">満たしていない</option>
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor="selection-decision">決定</label>
          <select
            id="selection-decision"
            value={filter.decision}
            onChange={(e) => set({ decision: e.target.value as DecisionFilter })}
          >
            {DECISIONS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor="selection-schedule">日程（決定・提案）</label>
          <select id="selection-schedule" value={filter.schedule} onChange={(e) => set({ schedule: e.target.value })}>
            <option value="">すべて</option>
            {schedules.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.label}
              </option>
            ))}
            <option value="none">日程なし</option>
          </select>
        </div>
        {filtered && (
          <button type="button" className="button button-secondary button-small" onClick={() => setFilter(emptyFilter)}>
            条件をクリア
          </button>
        )}
      </div>

      <div className="bulk-bar" aria-live="polite">
        <p className="bulk-bar-count">
          {shown.length}件を表示（全{rows.length}件）・<strong>{chosen.length}件を選択中</strong>
        </p>
        <div className="bulk-bar-actions">
          {canEdit && (Object.keys(BULK_ACTIONS) as BulkAction[]).map((action) => (
            <button
              key={action}
              type="button"
              className="button button-secondary button-small"
              disabled={chosen.length === 0 || step.isPending}
              onClick={() => {
                setDone(null);
                step.reset();
                setAsking(action);
              }}
            >
              選択した申込を{BULK_ACTIONS[action].label}
            </button>
          ))}
        </div>
      </div>
      <div aria-live="polite">{done && <Alert tone="success">{done}</Alert>}</div>
      {step.error && <BulkProblem error={step.error} />}

      <div className="table-scroll" role="region" aria-labelledby="selection-table-caption" tabIndex={0}>
        <table className="data-table selection-grid">
          <caption id="selection-table-caption" className="visually-hidden">
            申込一覧（提案順）。行を選ぶと詳細を開きます。
          </caption>
          <thead>
            <tr>
              <th scope="col" className="cell-check">
                <label className="check-target">
                  <input
                    type="checkbox"
                    checked={allShown}
                    disabled={shown.length === 0}
                    onChange={(e) =>
                      setSelected((s) => {
                        const next = new Set(s);
                        for (const r of shown) {
                          if (e.target.checked) next.add(r.id);
                          else next.delete(r.id);
                        }
                        return next;
                      })
                    }
                  />
                  <span className="visually-hidden">表示中の{shown.length}件をすべて選択</span>
                </label>
              </th>
              <th scope="col">順位</th>
              <th scope="col">氏名</th>
              <th scope="col">事業所</th>
              <th scope="col">受講要件</th>
              <th scope="col">希望日程</th>
              <th scope="col">提案</th>
              <th scope="col">決定・状態</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={8} className="empty">
                  条件に合う申込はありません。
                </td>
              </tr>
            )}
            {shown.map((r) => {
              const p = r.proposal;
              return (
                <tr
                  key={r.id}
                  className={`row-link${r.status === "cancelled" ? " row-cancelled" : ""}${selected.has(r.id) ? " row-selected" : ""}`}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest("a, input, label, button")) return;
                    navigate(detailTo(r.id));
                  }}
                >
                  <td className="cell-check">
                    <label className="check-target">
                      <input type="checkbox" checked={selected.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
                      <span className="visually-hidden">{r.full_name}を選択</span>
                    </label>
                  </td>
                  <td className="num nowrap">{p.rank != null ? `${p.rank}位` : "―"}</td>
                  <th scope="row" className="cell-name nowrap">
                    <Link to={detailTo(r.id)}>{r.full_name}</Link>
                    <span className="cell-note">{r.furigana}</span>
                  </th>
                  <td>
                    {r.office || "（未定）"}
                    {r.office_number && <span className="cell-note">{r.office_number}</span>}
                  </td>
                  <td>
                    <OutcomeCompare submitted={r.submitted_outcome} current={r.current_outcome} compact />
                  </td>
                  <td>
                    {r.preferred_schedule_id != null ? scheduleLabel(r.preferred_schedule_id, schedules) : "どちらでもよい"}
                    {r.binding_preference && <span className="cell-note">日程固定（理由あり）</span>}
                  </td>
                  <td>
                    {decisionText(p.decision, p.schedule_id, schedules)}
                    {p.reason && <span className="cell-note">{p.reason}</span>}
                  </td>
                  <td>
                    <StateBadge row={r} />
                    {r.decision && (
                      <span className="cell-note">{decisionText(r.decision, r.schedule_id, schedules)}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <ConfirmBulk
        action={asking}
        selected={chosen}
        onClose={() => setAsking(null)}
        onConfirm={(action, ids) => {
          step.mutate(
            { action, ids },
            {
              onSuccess: ({ count }) => {
                setDone(`${count}件を${BULK_ACTIONS[action].verb}しました。`);
                setSelected(new Set());
              },
            },
          );
        }}
      />
    </div>
  );
}
