import { useMemo, useState, type KeyboardEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { canRunTrainings, useRole } from "@/lib/auth/roles";
import { useApproveZoomChecks } from "../api/approve-zoom-checks";
import type { ZoomCheckList, ZoomParticipant, ZoomTick } from "../api/keys";
import { useMarkZoomInPerson } from "../api/mark-zoom-in-person";
import { useReopenZoomCheck } from "../api/reopen-zoom-check";
import { useSaveZoomChecks } from "../api/save-zoom-checks";
import { CHECKS, clock, DECISION_LABELS, filterRows, type CheckKey, type Decision, type GridFilter } from "../labels";
import { WithholdForm } from "./withhold-form";
import "./staff-zoom.css";

type Checks = ZoomParticipant["checks"];

/** Arrow keys move between the grid's checkboxes (rows × columns); Space ticks. */
function moveFocus(e: KeyboardEvent<HTMLTableElement>) {
  const target = e.target as HTMLElement;
  const r = Number(target.dataset.row);
  const c = Number(target.dataset.col);
  if (Number.isNaN(r) || Number.isNaN(c)) return;
  const step = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
  if (!step) return;
  const next = e.currentTarget.querySelector<HTMLInputElement>(`[data-row="${r + step[0]}"][data-col="${c + step[1]}"]`);
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/** The Zoom checks of one training as a grid that works with the keyboard for 100 participants. */
export function ZoomGrid({ trainingId, list }: { trainingId: number; list: ZoomCheckList }) {
  // The prefecture reads only: no saving, approving or row actions.
  const canEdit = canRunTrainings(useRole());
  const [edits, setEdits] = useState<Map<number, Checks>>(new Map());
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [filter, setFilter] = useState<GridFilter>({ query: "", uncheckedOnly: false, decision: "all" });
  const [withholding, setWithholding] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const save = useSaveZoomChecks(trainingId);
  const approve = useApproveZoomChecks(trainingId);
  const inPerson = useMarkZoomInPerson(trainingId);
  const reopen = useReopenZoomCheck(trainingId);
  const failure = save.error ?? approve.error ?? inPerson.error ?? reopen.error;

  const rows = useMemo(
    () => list.participants.map((p) => ({ ...p, checks: edits.get(p.application_id) ?? p.checks })),
    [list, edits],
  );
  // Filtered on the saved ticks, so that a row being ticked does not vanish under the cursor.
  const shownIds = new Set(filterRows(list.participants, filter).map((p) => p.application_id));
  const shown = rows.filter((r) => shownIds.has(r.application_id));
  const counts = (d: Decision) => rows.filter((r) => r.decision === d).length;
  const dirty = edits.size > 0;

  const setChecks = (ids: number[], key: CheckKey, value: boolean) =>
    setEdits((prev) => {
      const next = new Map(prev);
      for (const id of ids) {
        const row = rows.find((r) => r.application_id === id);
        if (row) next.set(id, { ...row.checks, [key]: value });
      }
      return next;
    });

  const saveEdits = async () => {
    if (!dirty) return true;
    const items: ZoomTick[] = [...edits].map(([application_id, c]) => ({ application_id, ...c }));
    try {
      await save.mutateAsync(items);
      setEdits(new Map());
      return true;
    } catch {
      return false;
    }
  };

  const runApprove = async (ids: number[] | null) => {
    setDone(null);
    approve.reset();
    if (!(await saveEdits())) return;
    approve.mutate(ids, {
      onSuccess: (after) => {
        setSelected(new Set());
        setDone(`承認しました（承認済み ${after.participants.filter((p) => p.decision === "approved").length}名）。`);
      },
    });
  };

  const approveProblems = approve.error instanceof ApiError ? (approve.error.problem.errors ?? []) : [];
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.application_id));

  return (
    <div className="zoom-grid">
      <p className="zoom-counts" aria-live="polite">
        受講者 <strong>{rows.length}</strong>名：確認中 <strong>{counts("pending")}</strong>・承認済み{" "}
        <strong>{counts("approved")}</strong>
        {list.format === "hybrid" && (
          <>
            ・会場参加 <strong>{counts("in_person")}</strong>
          </>
        )}
        ・発行見送り <strong>{counts("withheld")}</strong>
      </p>

      <div className="zoom-filters" role="search">
        <label>
          氏名で検索
          <input
            type="text"
            value={filter.query}
            onChange={(e) => setFilter({ ...filter, query: e.target.value })}
            placeholder="例：札幌 花子"
          />
        </label>
        <label>
          判定
          <select
            value={filter.decision}
            onChange={(e) => setFilter({ ...filter, decision: e.target.value as GridFilter["decision"] })}
          >
            <option value="all">すべて</option>
            {(Object.keys(DECISION_LABELS) as Decision[])
              .filter((d) => d !== "in_person" || list.format === "hybrid")
              .map((d) => (
                <option key={d} value={d}>
                  {DECISION_LABELS[d]}
                </option>
              ))}
          </select>
        </label>
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={filter.uncheckedOnly}
            onChange={(e) => setFilter({ ...filter, uncheckedOnly: e.target.checked })}
          />
          未チェックがある人のみ
        </label>
      </div>

      {canEdit && (
      <div className="actions zoom-actions">
        <button type="button" className="button button-primary" disabled={!dirty || save.isPending} onClick={saveEdits}>
          チェックを保存{dirty && `（${edits.size}名分）`}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={selected.size === 0 || approve.isPending}
          onClick={() => runApprove([...selected])}
        >
          選択した{selected.size}名を承認
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={approve.isPending}
          onClick={() => runApprove(null)}
        >
          ①〜④がそろった人をすべて承認
        </button>
      </div>
      )}
      <div aria-live="polite">{done && <Alert tone="success">{done}</Alert>}</div>
      {failure && (
        <Alert>
          <p>{errorMessage(failure)}</p>
          {approveProblems.length > 0 && (
            <ul>
              {approveProblems.map((p) => (
                <li key={p.field}>{p.message}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}

      <p className="field-hint">
        矢印キーでチェック欄を移動し、スペースキーでチェックします。列見出しのボタンで、表示中の全員にチェック（もう一度押すと外す）できます。⑤は開始番号・終了番号の入力時刻で、自動で入ります。
      </p>
      <div className="zoom-table-wrap">
        <table className="zoom-table" onKeyDown={moveFocus}>
          <caption className="visually-hidden">Zoom受講確認（{shown.length}名を表示）</caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="表示中の全員を選択"
                  checked={allShownSelected}
                  onChange={(e) =>
                    setSelected((prev) => {
                      const next = new Set(prev);
                      for (const r of shown) {
                        if (e.target.checked) next.add(r.application_id);
                        else next.delete(r.application_id);
                      }
                      return next;
                    })
                  }
                />
              </th>
              <th scope="col">氏名</th>
              {CHECKS.map((c) => {
                const allTicked = shown.length > 0 && shown.every((r) => r.checks[c.key]);
                return (
                  <th scope="col" key={c.key} title={c.label}>
                    <span className="zoom-mark">{c.mark}</span> {c.short}
                    {canEdit && (
                    <button
                      type="button"
                      className="button button-secondary button-small zoom-column-button"
                      disabled={shown.length === 0}
                      onClick={() => setChecks(shown.map((r) => r.application_id), c.key, !allTicked)}
                    >
                      {allTicked ? "全員外す" : "全員"}
                      <span className="visually-hidden">（{c.mark}{c.label}）</span>
                    </button>
                    )}
                  </th>
                );
              })}
              <th scope="col">⑤ 開始・終了番号</th>
              <th scope="col">判定</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={r.application_id} className={edits.has(r.application_id) ? "zoom-row-changed" : undefined}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${r.full_name}を選択`}
                    data-row={i}
                    data-col={0}
                    checked={selected.has(r.application_id)}
                    onChange={(e) =>
                      setSelected((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.add(r.application_id);
                        else next.delete(r.application_id);
                        return next;
                      })
                    }
                  />
                </td>
                <th scope="row">
                  {r.full_name}
                  <span className="zoom-workplace">{r.workplace}</span>
                </th>
                {CHECKS.map((c, j) => (
                  <td key={c.key} className="zoom-check">
                    <input
                      type="checkbox"
                      aria-label={`${r.full_name} ${c.mark}${c.label}`}
                      data-row={i}
                      data-col={j + 1}
                      checked={r.checks[c.key]}
                      disabled={!canEdit}
                      onChange={(e) => setChecks([r.application_id], c.key, e.target.checked)}
                    />
                  </td>
                ))}
                <td className={r.checked_in_at && r.checked_out_at ? "zoom-codes" : "zoom-codes zoom-codes-missing"}>
                  {clock(r.checked_in_at)} / {clock(r.checked_out_at)}
                  {r.attendance_by_staff && <span className="zoom-reason">事務局が記録</span>}
                </td>
                <td>
                  <span className={`zoom-decision zoom-decision-${r.decision}`}>{DECISION_LABELS[r.decision]}</span>
                  {r.withheld_reason && <span className="zoom-reason">{r.withheld_reason}</span>}
                </td>
                <td className="zoom-row-actions">
                  {!canEdit ? null : withholding === r.application_id ? (
                    <WithholdForm
                      trainingId={trainingId}
                      applicationId={r.application_id}
                      fullName={r.full_name}
                      onDone={() => setWithholding(null)}
                    />
                  ) : r.decision === "pending" ? (
                    <>
                      {list.format === "hybrid" && (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => inPerson.mutate(r.application_id)}
                        >
                          会場参加<span className="visually-hidden">（{r.full_name}）</span>
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-danger-outline button-small"
                        onClick={() => setWithholding(r.application_id)}
                      >
                        見送り<span className="visually-hidden">（{r.full_name}）</span>
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => reopen.mutate(r.application_id)}
                    >
                      確認中に戻す<span className="visually-hidden">（{r.full_name}）</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p className="empty">該当する受講者はいません。</p>}
    </div>
  );
}
