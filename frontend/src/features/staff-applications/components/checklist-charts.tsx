import type { ChecklistSummary } from "@/lib/api/types";
import "./staff-applications.css";

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/**
 * チェック表の集計 as two bar charts. Each chart is a table: the numbers are text, the bars
 * only repeat them for the eye.
 */
export function ChecklistCharts({ summary }: { summary: ChecklistSummary }) {
  const { respondents } = summary;
  const maxCount = Math.max(1, ...summary.bands.map((b) => b.count));
  return (
    <section className="section" aria-labelledby="checklist-summary-heading">
      <h2 id="checklist-summary-heading">チェック表の集計</h2>
      <p>
        回答者 <strong>{respondents}</strong>名
      </p>
      {respondents === 0 ? (
        <p className="empty">チェック表の回答はまだありません。</p>
      ) : (
        <div className="chart-grid">
          <table className="bar-chart">
            <caption>総合的自己評価の分布</caption>
            <thead>
              <tr>
                <th scope="col">評価</th>
                <th scope="col">人数</th>
              </tr>
            </thead>
            <tbody>
              {summary.bands.map((b) => (
                <tr key={b.band}>
                  <th scope="row">{b.label}</th>
                  <td>
                    <span className="bar" aria-hidden="true">
                      <span className={`bar-fill bar-${b.band}`} style={{ width: `${(b.count / maxCount) * 100}%` }} />
                    </span>
                    <span className="bar-value">
                      {b.count}名（{percent(respondents ? b.count / respondents : 0)}）
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <table className="bar-chart">
            <caption>分野別の「はい」の割合</caption>
            <thead>
              <tr>
                <th scope="col">分野</th>
                <th scope="col">「はい」の割合</th>
              </tr>
            </thead>
            <tbody>
              {summary.sections.map((s) => (
                <tr key={s.title}>
                  <th scope="row">
                    {s.title}
                    <span className="cell-note">{s.question_count}問</span>
                  </th>
                  <td>
                    <span className="bar" aria-hidden="true">
                      <span className="bar-fill" style={{ width: `${Math.min(1, Math.max(0, s.yes_rate)) * 100}%` }} />
                    </span>
                    <span className="bar-value">{percent(s.yes_rate)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
