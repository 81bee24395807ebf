import { useCallback, useEffect, useMemo } from "react";
import { FormProvider, useForm, useWatch, type FieldPath } from "react-hook-form";
import { Link, useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeading } from "@/components/ui/page-heading";
import { EligibilityForm } from "@/features/practical/components/eligibility-form";
import { EligibilityResult } from "@/features/practical/components/eligibility-result";
import { PendingInputs, VerdictBar } from "@/features/practical/components/verdict-bar";
import {
  checkForm,
  clearEligibilityDraft,
  emptyEligibilityForm,
  fieldId,
  fieldIdOfProblem,
  isDateText,
  loadEligibilityDraft,
  parseDays,
  saveEligibilityDraft,
  valuePathOfProblem,
  type EligibilityFormValues,
} from "@/features/practical/eligibility-values";
import { useLiveVerdict } from "@/features/practical/use-live-verdict";
import { ApiError, errorMessage } from "@/lib/api/problem";

/** The stored draft; a `?lecture_start=` from a training's page fills in its first day. */
function initialValues(params: URLSearchParams): EligibilityFormValues {
  const draft = loadEligibilityDraft() ?? emptyEligibilityForm;
  const lectureStart = params.get("lecture_start");
  return lectureStart && isDateText(lectureStart) ? { ...draft, lecture_start: lectureStart } : draft;
}

/** `/eligibility` 実践研修 受講要件チェック: public, stateless, checked while typing. */
export function EligibilityPage() {
  const [params, setParams] = useSearchParams();
  const form = useForm<EligibilityFormValues>({ defaultValues: initialValues(params) });
  const values = useWatch({ control: form.control }) as EligibilityFormValues;

  // The date from the link is in the form (and the draft) now: a reload keeps what is typed.
  useEffect(() => {
    if (params.has("lecture_start")) setParams({}, { replace: true });
  }, [params, setParams]);
  useEffect(() => saveEligibilityDraft(values), [values]);

  const onClear = useCallback(() => {
    clearEligibilityDraft();
    form.reset(emptyEligibilityForm);
    requestAnimationFrame(() => document.getElementById(fieldId.lectureStart)?.focus());
  }, [form]);

  const { request, pending } = useMemo(() => checkForm(values), [values]);
  const { shown, busy, failed, error } = useLiveVerdict(request);
  const problem = error instanceof ApiError ? error.problem : null;

  // The server's messages (422) stand next to their entries until the next answer.
  useEffect(() => {
    form.clearErrors();
    for (const e of problem?.errors ?? []) {
      const name = valuePathOfProblem(e.field);
      if (name && !form.getFieldState(name as FieldPath<EligibilityFormValues>).error) {
        form.setError(name as FieldPath<EligibilityFormValues>, { type: "server", message: e.message });
      }
    }
  }, [problem, form]);

  const state = busy
    ? "判定中…"
    : failed
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
        <FormProvider {...form}>
          <EligibilityForm onClear={onClear} />
        </FormProvider>

        <VerdictBar verdict={shown} state={state} href="#eligibility-result" />
      </div>

      <section
        className="section eligibility-result"
        id="eligibility-result"
        aria-labelledby="eligibility-result-title"
        aria-busy={busy}
      >
        <h2 id="eligibility-result-title">判定結果</h2>
        {failed && (
          <Alert>
            <p className="alert-title">{errorMessage(error)}</p>
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
        {request === null && <PendingInputs pending={pending} hasVerdict={shown !== null} />}
        {busy && shown && <p className="muted">入力内容で判定しています…</p>}
        {shown ? (
          <EligibilityResult verdict={shown} enteredWorkingDays={values.target === "u" ? null : parseDays(values.working_days)} />
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
