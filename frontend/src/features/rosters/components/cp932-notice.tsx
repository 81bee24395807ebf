import { useCp932Report } from "../api/get-cp932-report";
import type { RosterKind } from "../columns";

/** Before a CP932 download: which characters will be replaced, so nobody is surprised. */
export function Cp932Notice({ trainingId, kind, columns }: { trainingId: number; kind: RosterKind; columns: string }) {
  const report = useCp932Report(trainingId, kind, columns);
  if (!report.data) return null;
  if (report.data.count === 0) {
    return <p className="field-hint">Shift_JISで表せない文字はありません。</p>;
  }
  const shown = report.data.substitutions.slice(0, 5);
  return (
    <div className="notice" role="note">
      <p>
        <strong className="notice-label">文字の置き換え</strong>
        Shift_JISで表せない文字が{report.data.count}件あります。ファイルでは置き換え、最後に一覧（行・列・元の文字）を付けます。
      </p>
      <ul>
        {shown.map((s) => (
          <li key={`${s.row}-${s.column_key}-${s.original}`}>
            {s.row}行目「{s.column_label}」: {s.original} → {s.replacement || "（省略）"}
          </li>
        ))}
        {report.data.count > shown.length && <li>ほか{report.data.count - shown.length}件</li>}
      </ul>
    </div>
  );
}
