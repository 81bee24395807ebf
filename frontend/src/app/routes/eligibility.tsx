import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeading } from "@/components/ui/page-heading";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { useEligibilityCheck } from "@/features/eligibility/api/check-eligibility";
import { EligibilityForm } from "@/features/eligibility/components/eligibility-form";
import { EligibilityResult, OUTCOME_LABELS } from "@/features/eligibility/components/eligibility-result";
import {
  checkForm,
  clearEligibilityDraft,
  emptyEligibilityForm,
  fieldId,
  fieldIdOfProblem,
  isDateText,
  loadEligibilityDraft,
  saveEligibilityDraft,
  type EligibilityFormValues,
} from "@/features/eligibility/form-values";
import { ApiError, errorMessage } from "@/lib/api/problem";
import type { EligibilityVerdict } from "@/lib/api/types";

/** How long typing must pause before the entries are checked. */
const DEBOUNCE_MS = 400;

/** The stored draft; a `?lecture_start=` from a training's page fills in its first day. */
function initialValues(params: URLSearchParams): EligibilityFormValues {
  const draft = loadEligibilityDraft() ?? emptyEligibilityForm;
  const lectureStart = params.get("lecture_start");
  return lectureStart && isDateText(lectureStart) ? { ...draft, lecture_start: lectureStart } : draft;
}

/** `/eligibility` 実践研修 受講要件チェック: public, stateless, checked while typing. */
export function EligibilityPage() {
  const [params, setParams] = useSearchParams();
  const [values, setValues] = useState(() => initialValues(params));

  // The date from the link is in the form (and the draft) now: a reload keeps what is typed.
  useEffect(() => {
    if (params.has("lecture_start")) setParams({}, { replace: true });
  }, [params, setParams]);
  useEffect(() => saveEligibilityDraft(values), [values]);

  const onChange = useCallback((change: (v: EligibilityFormValues) => EligibilityFormValues) => setValues(change), []);
  const onClear = useCallback(() => {
    clearEligibilityDraft();
    setValues(emptyEligibilityForm);
    requestAnimationFrame(() => document.getElementById(fieldId.lectureStart)?.focus());
  }, []);

  const { request, pending } = useMemo(() => checkForm(values), [values]);
  const requestJson = request ? JSON.stringify(request) : null;
  const settledJson = useDebouncedValue(requestJson, DEBOUNCE_MS);
  // The last well-formed request asked about: while the entries are half typed, its answer stays.
  const [askedJson, setAskedJson] = useState(settledJson);
  if (settledJson !== null && settledJson !== askedJson) setAskedJson(settledJson);

  const query = useEligibilityCheck(askedJson);
  const answer = query.isSuccess && !query.isPlaceholderData ? query.data : undefined;
  const [shown, setShown] = useState<EligibilityVerdict | null>(null);
  if (answer && answer !== shown) setShown(answer);

  const current = answer !== undefined && answer === shown && askedJson === requestJson;
  const busy = requestJson !== null && !current && !query.isError;
  const problem = query.error instanceof ApiError ? query.error.problem : null;
  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const e of problem?.errors ?? []) {
      const id = fieldIdOfProblem(e.field);
      if (id && !out[id]) out[id] = e.message;
    }
    return out;
  }, [problem]);

  const live = shown ? `判定：${OUTCOME_LABELS[shown.outcome].label}` : "判定：入力待ち";
  const state = busy
    ? "判定中…"
    : query.isError
      ? "判定できませんでした"
      : request === null && shown
        ? "入力が途中のため、前回の判定です"
        : "入力に合わせて自動で判定します";

  return (
    <>
      <Breadcrumbs items={[{ label: "一覧", to: "/" }, { label: "受講要件チェック" }]} />
      <PageHeading>実践研修 受講要件チェック</PageHeading>
      <p className="lead">
        サービス管理責任者・児童発達支援管理責任者 実践研修の受講要件（受講対象ア〜ウ）を満たしているかを、入力に合わせてその場で確認できます。
      </p>
      <p className="notice" role="note">
        <strong className="notice-label">ご注意</strong>
        ここで入力した内容は保存されません。判定のためにサーバーへ送りますが、記録には残りません。入力途中の内容は、このタブを閉じるまでお使いの端末にだけ保持されます。
      </p>

      <div className="eligibility-layout">
        <EligibilityForm values={values} onChange={onChange} errors={errors} onClear={onClear} />

        <div className={`verdict-bar${shown ? ` verdict-bar-${shown.outcome}` : ""}`}>
          <p className="verdict-bar-text" role="status" aria-live="polite" aria-atomic="true">
            {shown && (
              <span className="verdict-icon" aria-hidden="true">
                {OUTCOME_LABELS[shown.outcome].icon}
              </span>
            )}
            {live}
          </p>
          <span className="verdict-bar-state">{state}</span>
          <a className="verdict-bar-link" href="#eligibility-result">
            結果を見る
          </a>
        </div>
      </div>

      <section
        className="section eligibility-result"
        id="eligibility-result"
        aria-labelledby="eligibility-result-title"
        aria-busy={busy}
      >
        <h2 id="eligibility-result-title">判定結果</h2>
        {query.isError && (
          <Alert>
            <p className="alert-title">{errorMessage(query.error)}</p>
            {(problem?.errors?.length ?? 0) > 0 && (
              <ul>
                {problem!.errors!.map((e, i) => {
                  const id = fieldIdOfProblem(e.field);
                  return <li key={i}>{id ? <a href={`#${id}`}>{e.message}</a> : e.message}</li>;
                })}
              </ul>
            )}
          </Alert>
        )}
        {request === null && (
          <div className="pending-inputs">
            <p className="pending-title">
              {shown ? "入力が途中のため、前回の判定結果を表示しています。" : "判定には、次の入力が必要です。"}
            </p>
            <ul>
              {pending.map((p) => (
                <li key={p.id}>
                  <a href={`#${p.id}`}>{p.message}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {busy && shown && <p className="muted">入力内容で判定しています…</p>}
        {shown ? (
          <EligibilityResult verdict={shown} />
        ) : (
          busy && <p className="muted">判定しています…</p>
        )}
        <p className="field-hint result-disclaimer">
          判定は入力内容にもとづく目安です。受講の可否は、お申し込みの内容を確認したうえで決定します。
        </p>
      </section>

      <div className="actions">
        <Link className="button button-secondary" to="/">
          ‹ 研修一覧へ
        </Link>
      </div>
    </>
  );
}
