import { useEffect, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { DownloadButton } from "@/components/ui/download-button";
import { Loading } from "@/components/ui/loading";
import { errorMessage } from "@/lib/api/problem";
import {
  columnsParam,
  EXPORT_FORMATS,
  exportUrl,
  extensionOf,
  initialColumns,
  ROSTER_KINDS,
  type ExportFormat,
  type PickedColumn,
  type RosterKind,
} from "../columns";
import { ColumnPicker } from "./column-picker";
import "./rosters.css";

interface Catalogue {
  label: string;
  columns: { key: string; label: string; default: boolean }[];
}

/**
 * Kind, format and columns of a roster, then the download. `catalogue` loads the columns of
 * the kind chosen; `url` is where the file comes from.
 */
export function ExportForm({
  kinds,
  kind,
  onKind,
  catalogue,
  base,
  extra,
  filenameStem,
  notice,
}: {
  kinds: RosterKind[];
  kind: RosterKind;
  onKind: (kind: RosterKind) => void;
  catalogue: { isPending: boolean; isError: boolean; error: unknown; data?: Catalogue };
  base: string;
  extra?: Record<string, string>;
  filenameStem: string;
  /** Shown above the download button, e.g. what CP932 will replace. */
  notice?: (format: ExportFormat, columns: string) => ReactNode;
}) {
  const [format, setFormat] = useState<ExportFormat>("xlsx");
  const [columns, setColumns] = useState<PickedColumn[]>([]);
  const data = catalogue.data;
  useEffect(() => {
    if (data) setColumns(initialColumns(data.columns));
  }, [data]);
  const nothingPicked = columnsParam(columns) === "";
  return (
    <div className="export-form">
      <div className="field">
        <label className="field-label" htmlFor="roster-kind">
          名簿の種類
        </label>
        <select id="roster-kind" value={kind} onChange={(e) => onKind(e.target.value as RosterKind)}>
          {ROSTER_KINDS.filter((k) => kinds.includes(k.kind)).map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend className="field-label">ファイルの形式</legend>
        <div className="radio-stack">
          {EXPORT_FORMATS.map((f) => (
            <label key={f.format} className="radio radio-boxed">
              <input
                type="radio"
                name="roster-format"
                value={f.format}
                checked={format === f.format}
                onChange={() => setFormat(f.format)}
              />
              <span>
                {f.label}
                <small className="field-hint"> {f.hint}</small>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {catalogue.isPending ? (
        <Loading />
      ) : catalogue.isError ? (
        <Alert>{errorMessage(catalogue.error)}</Alert>
      ) : (
        <ColumnPicker columns={columns} onChange={setColumns} />
      )}
      {!nothingPicked && notice?.(format, columnsParam(columns))}
      {nothingPicked ? (
        <p className="field-error" role="alert">
          列を1つ以上選んでください。
        </p>
      ) : (
        <DownloadButton
          url={exportUrl(base, format, columns, extra)}
          filename={`${filenameStem}.${extensionOf(format)}`}
        >
          {data?.label ?? "名簿"}をダウンロード
        </DownloadButton>
      )}
    </div>
  );
}
