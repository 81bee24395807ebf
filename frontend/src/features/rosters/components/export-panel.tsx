import { useState } from "react";
import { useRosterColumns } from "../api/get-roster-columns";
import { ROSTER_KINDS, type RosterKind } from "../columns";
import { Cp932Notice } from "./cp932-notice";
import { ExportForm } from "./export-form";

/** 名簿の出力 on a training's page: kind, format, columns in the order wanted. */
export function ExportPanel({ trainingId, practical }: { trainingId: number; practical: boolean }) {
  const [kind, setKind] = useState<RosterKind>("participants");
  const catalogue = useRosterColumns(trainingId, kind);
  const kinds = ROSTER_KINDS.filter((k) => practical || !k.practicalOnly).map((k) => k.kind);
  const label = ROSTER_KINDS.find((k) => k.kind === kind)?.label ?? "名簿";
  return (
    <section className="section" aria-labelledby="roster-export">
      <h2 id="roster-export">名簿の出力</h2>
      <ExportForm
        kinds={kinds}
        kind={kind}
        onKind={setKind}
        catalogue={catalogue}
        base={`/api/v1/admin/trainings/${trainingId}/rosters/${kind}`}
        filenameStem={`${label}_${trainingId}`}
        notice={(format, columns) =>
          format === "csv-cp932" && <Cp932Notice trainingId={trainingId} kind={kind} columns={columns} />
        }
      />
    </section>
  );
}
