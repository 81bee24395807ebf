import { useEffect, useRef } from "react";
import { ProblemAlert } from "@/components/apply/problem-alert";
import { SubmitBar } from "@/components/ui/submit-bar";
import type { Checklist } from "@/lib/api/types";
import { bandFor, countYes, fitAnswers, unansweredNumbers, type Answer } from "../checklist-answers";
import { CHECKLIST_FIELD, type StepProblem } from "../problem-steps";
import "./checklist-form.css";

export const questionId = (number: number) => `checklist-q${number}`;

interface ChecklistFormProps {
  checklist: Checklist;
  answers: Answer[];
  onAnswer: (number: number, yes: boolean) => void;
  problem: StepProblem | null;
  backTo: string;
  onNext: () => void;
}

/** The 34 はい/いいえ questions by section, with a count of the answered ones. */
export function ChecklistForm({ checklist, answers, onAnswer, problem, backTo, onNext }: ChecklistFormProps) {
  const total = checklist.sections.reduce((n, s) => n + s.questions.length, 0);
  const fitted = fitAnswers(answers, total);
  const missing = unansweredNumbers(fitted, total);
  const answered = total - missing.length;
  const complete = total > 0 && missing.length === 0;
  const yes = countYes(fitted);
  const band = complete ? bandFor(yes, checklist.bands) : undefined;

  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) requestAnimationFrame(() => summaryRef.current?.focus());
  }, [problem]);

  const message = problem?.fields[CHECKLIST_FIELD];
  const counter = (
    <>
      回答済み <strong>{answered}</strong> / {total}問
    </>
  );

  return (
    <form
      className="form checklist"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (complete) onNext();
      }}
    >
      <ProblemAlert
        ref={summaryRef}
        problem={problem}
        fields={message ? [[CHECKLIST_FIELD, message, missing.length > 0 ? questionId(missing[0]) : "checklist-progress"]] : []}
      />
      <div className="notice checklist-intro">
        <p>○このチェック表は、北海道が独自に作成した試案です。</p>
        <p>○ご自分の「現在位置」を知るために、チェックしてください。</p>
        <p>○テストではありません。主任介護支援専門員としての能力を向上される際の参考にしてください。</p>
        <p>すべての設問に「はい」または「いいえ」でお答えください。全問お答えいただくと、申込内容の確認へ進めます。</p>
      </div>

      <div className="checklist-progress" id="checklist-progress">
        <p>{counter}</p>
        <div className="meter" aria-hidden="true">
          <span style={{ width: `${total ? (answered / total) * 100 : 0}%` }} />
        </div>
      </div>

      {checklist.sections.map((section, si) => {
        const headingId = `checklist-section-${si + 1}`;
        const first = section.questions[0]?.number;
        const last = section.questions[section.questions.length - 1]?.number;
        return (
          <section key={section.title} className="checklist-section" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {section.title}
              {first !== undefined && (
                <span className="checklist-range nowrap">
                  （{first === last ? `設問${first}` : `設問${first}〜${last}`}）
                </span>
              )}
            </h2>
            {section.questions.map((q) => {
              const value = fitted[q.number - 1];
              const name = `checklist-answer-${q.number}`;
              return (
                <fieldset
                  key={q.number}
                  id={questionId(q.number)}
                  tabIndex={-1}
                  className={`question${value !== null ? " question-answered" : ""}`}
                >
                  <legend>
                    <span className="question-number">{q.number}.</span>
                    {q.text}
                  </legend>
                  <div className="choice-row">
                    <label className="choice">
                      <input type="radio" name={name} checked={value === true} onChange={() => onAnswer(q.number, true)} />
                      はい
                    </label>
                    <label className="choice">
                      <input type="radio" name={name} checked={value === false} onChange={() => onAnswer(q.number, false)} />
                      いいえ
                    </label>
                  </div>
                </fieldset>
              );
            })}
          </section>
        );
      })}

      <section className="card checklist-result" aria-labelledby="checklist-result-heading">
        <h2 id="checklist-result-heading">総合的自己評価</h2>
        {complete ? (
          <p>
            「はい」を選択した数は <strong>{yes}</strong> / {total}問です。
            {band && (
              <>
                {" "}
                評価は <strong>{band.label}</strong> です。
              </>
            )}
          </p>
        ) : (
          <p>すべての設問に答えると、「はい」を選択した数から役割が果たせている率（①〜④）が表示されます。</p>
        )}
        <ul className="band-list">
          {checklist.bands.map((b) => (
            <li key={b.band} className={band?.band === b.band ? "band-current" : undefined}>
              {b.label}：{b.min_yes}〜{b.max_yes}問
              {band?.band === b.band && <span className="visually-hidden">（あなたの評価）</span>}
            </li>
          ))}
        </ul>
      </section>

      <div className="checklist-status" id="checklist-status">
        <p>{counter}</p>
        {!complete && (
          <p>
            未回答の設問があります（あと{missing.length}問）：
            {missing.slice(0, 12).map((n, i) => (
              <span key={n}>
                {i > 0 && "、"}
                <a href={`#${questionId(n)}`}>{n}</a>
              </span>
            ))}
            {missing.length > 12 && " ほか"}
          </p>
        )}
      </div>

      <SubmitBar backTo={backTo} label="次へ ›" disabled={!complete} describedBy="checklist-status" />
    </form>
  );
}
