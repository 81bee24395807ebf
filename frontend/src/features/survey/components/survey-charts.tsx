import type { Question, QuestionSummary } from "../api/keys";
import "./survey.css";

/**
 * 集計: per question, counts per choice or scale point as a bar table (the numbers are
 * text, the bars repeat them for the eye), and the free-text answers listed.
 */
export function SurveyCharts({ questions, summaries }: { questions: Question[]; summaries: QuestionSummary[] }) {
  return (
    <div className="survey-charts">
      {questions.map((q, i) => {
        const s = summaries.find((x) => x.question_id === q.id);
        if (!s) return null;
        const max = Math.max(1, ...s.counts);
        return (
          <section key={q.id} className="card survey-chart">
            <h3>
              質問{i + 1}. {q.text}
            </h3>
            <p className="muted">回答 {s.answered}名</p>
            {q.kind === "free_text" ? (
              s.texts.length === 0 ? (
                <p className="empty">記述はまだありません。</p>
              ) : (
                <ul className="survey-texts">
                  {s.texts.map((t, j) => (
                    <li key={j}>{t}</li>
                  ))}
                </ul>
              )
            ) : (
              <table className="survey-bars">
                <thead>
                  <tr>
                    <th scope="col">{q.kind === "scale" ? "評価" : "選択肢"}</th>
                    <th scope="col">人数</th>
                  </tr>
                </thead>
                <tbody>
                  {q.options.map((option, j) => (
                    <tr key={j}>
                      <th scope="row">{q.kind === "scale" ? `${j + 1}（${option}）` : option}</th>
                      <td>
                        <span className="survey-bar" aria-hidden="true">
                          <span className="survey-bar-fill" style={{ width: `${(s.counts[j] / max) * 100}%` }} />
                        </span>
                        <span className="survey-bar-value">{s.counts[j]}名</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </div>
  );
}
