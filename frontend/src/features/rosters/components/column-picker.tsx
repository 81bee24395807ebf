import { moveColumn, type PickedColumn } from "../columns";

/**
 * The roster's columns as a list: tick the ones wanted, move them up or down with buttons
 * large enough for a thumb (no drag and drop, which phones handle badly).
 */
export function ColumnPicker({
  columns,
  onChange,
}: {
  columns: PickedColumn[];
  onChange: (next: PickedColumn[]) => void;
}) {
  return (
    <fieldset className="column-picker">
      <legend>出力する列と順番</legend>
      <p className="field-hint">チェックした列を、上から順に左から並べて出力します。</p>
      <ol className="column-picker-list">
        {columns.map((c, i) => (
          <li key={c.key} className={c.checked ? "column-picker-item is-checked" : "column-picker-item"}>
            <label className="column-picker-label">
              <input
                type="checkbox"
                checked={c.checked}
                onChange={(e) =>
                  onChange(columns.map((x, j) => (j === i ? { ...x, checked: e.target.checked } : x)))
                }
              />
              <span>{c.label}</span>
            </label>
            <span className="column-picker-moves">
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={`「${c.label}」を上へ`}
                disabled={i === 0}
                onClick={() => onChange(moveColumn(columns, i, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={`「${c.label}」を下へ`}
                disabled={i === columns.length - 1}
                onClick={() => onChange(moveColumn(columns, i, 1))}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}
