import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { errorMessage } from "@/lib/api/problem";
import { useFiscalYearColumns } from "../api/get-fiscal-year-columns";
import { useFiscalYearTrainings } from "../api/get-fiscal-year-trainings";
import { type AcrossRosterKind, ROSTER_KINDS } from "../columns";
import { ExportForm } from "./export-form";

const dateFormat = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "long",
  day: "numeric",
  weekday: "short",
});

/** A fiscal year's trainings and one roster across them (the prefecture's view). */
export function FiscalYearExport({ initialYear }: { initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const [kind, setKind] = useState<AcrossRosterKind>("completers");
  const trainings = useFiscalYearTrainings(year);
  const catalogue = useFiscalYearColumns(kind);
  const years = Array.from({ length: 6 }, (_, i) => initialYear + 1 - i);
  const label = ROSTER_KINDS.find((k) => k.kind === kind)?.label ?? "名簿";
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor="fiscal-year">
          年度（4月〜翌年3月）
        </label>
        <select id="fiscal-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}年度
            </option>
          ))}
        </select>
      </div>
      <section className="section" aria-labelledby="fiscal-year-trainings">
        <h2 id="fiscal-year-trainings">{year}年度の研修</h2>
        {trainings.isPending ? (
          <Loading />
        ) : trainings.isError ? (
          <Alert>{errorMessage(trainings.error)}</Alert>
        ) : trainings.data.trainings.length === 0 ? (
          <p className="empty">この年度の研修はありません。</p>
        ) : (
          <ul className="roster-trainings">
            {trainings.data.trainings.map((t) => (
              <li key={t.id}>
                {dateFormat.format(new Date(t.starts_at))} {t.title}
                {t.form_kind === "practical" && "（実践研修）"}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="fiscal-year-export">
        <h2 id="fiscal-year-export">名簿の出力（年度の研修すべて）</h2>
        <ExportForm
          kinds={ROSTER_KINDS.filter((k) => k.kind !== "survey").map((k) => k.kind)}
          kind={kind}
          onKind={(k) => k !== "survey" && setKind(k)}
          catalogue={catalogue}
          base="/api/v1/rosters"
          extra={{ fiscal_year: String(year), kind }}
          filenameStem={`${label}_${year}年度`}
        />
      </section>
    </>
  );
}
