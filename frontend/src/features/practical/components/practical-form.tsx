import { useCallback, useEffect, useMemo, useRef } from "react";
import { Link } from "react-router";
import { ProblemAlert } from "@/components/apply/problem-alert";
import { parseDays } from "@/features/practical/eligibility-values";
import { useLiveVerdict } from "@/features/practical/use-live-verdict";
import type { TrainingDetail } from "@/lib/api/types";
import {
  asksOjt,
  eligibilityCheckOf,
  practicalFieldId,
  quickCheck,
  errorsOf,
  type FormProblem,
  type PracticalFormValues,
} from "../form-values";
import { FormKitProvider, type FormKit } from "./form-kit";
import { HistorySection, OjtSection, TargetSection } from "./sections-history";
import { AccommodationsSection, ConfirmationsSection, PlacementNeedSection } from "./sections-need";
import {
  AffiliationSection,
  ApplicantSection,
  KindAndScheduleSection,
  NotificationSection,
  PlacementSection,
} from "./sections-person";
import { PracticalVerdictBar, VerdictPanel } from "./verdict-panel";

interface PracticalApplicationFormProps {
  training: TrainingDetail;
  lectureStart: string;
  values: PracticalFormValues;
  onChange: (change: (values: PracticalFormValues) => PracticalFormValues) => void;
  attachment: File | null;
  onAttachment: (file: File | null) => void;
  problem: FormProblem | null;
  onProblem: (change: (problem: FormProblem | null) => FormProblem | null) => void;
  backTo: string;
  /** Called when the quick check passes. */
  onNext: () => void;
}

/**
 * 北海道サビ管・児発管 実践研修の申込フォーム (seed 003), in the seed's order, with the live
 * 受講要件 verdict after the OJT section and pinned to the bottom while typing.
 */
export function PracticalApplicationForm({
  training,
  lectureStart,
  values,
  onChange,
  attachment,
  onAttachment,
  problem,
  onProblem,
  backTo,
  onNext,
}: PracticalApplicationFormProps) {
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  // A refusal brought back from the confirm step is announced once, on arrival.
  useEffect(() => {
    if (problem) focusSummary();
  }, []);

  const edit = useCallback<FormKit["edit"]>(
    (paths, change) => {
      onChange(change);
      const changed = Array.isArray(paths) ? paths : [paths];
      onProblem((p) => {
        if (!p || !changed.some((path) => path in p.fields)) return p;
        const fields = Object.fromEntries(Object.entries(p.fields).filter(([path]) => !changed.includes(path)));
        return { ...p, fields };
      });
    },
    [onChange, onProblem],
  );
  const kit = useMemo<FormKit>(() => ({ v: values, edit, err: (path) => problem?.fields[path] }), [values, edit, problem]);

  const check = useMemo(() => eligibilityCheckOf(values, lectureStart), [values, lectureStart]);
  const live = useLiveVerdict(check.request);
  const ojt = asksOjt(values);

  const listed = Object.entries(problem?.fields ?? {}).map(
    ([path, message]) => [path, message, practicalFieldId(path)] as [string, string, string],
  );

  return (
    <FormKitProvider value={kit}>
      <div className="practical-layout">
        <form
          className="form practical-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const found = quickCheck(values, { hasAttachment: attachment !== null });
            if (found.length > 0) {
              onProblem(() => ({ code: "incomplete", title: "入力内容を確認してください。", ...errorsOf(found) }));
              focusSummary();
              return;
            }
            onProblem(() => null);
            onNext();
          }}
        >
          <ProblemAlert ref={summaryRef} problem={problem} fields={listed} />
          <p className="required-lead">
            <span className="star" aria-hidden="true">
              ★
            </span>
            は必須事項です。入力がない場合には申込ができません。
          </p>
          <p className="notice" role="note">
            <strong className="notice-label">入力内容の保存</strong>
            入力途中の内容は、このタブを閉じるまでお使いの端末に保持されます（添付ファイルを除く）。
          </p>

          <KindAndScheduleSection schedules={training.exercise_schedules} />
          <ApplicantSection />
          <AffiliationSection />
          <NotificationSection />
          <PlacementSection />
          <TargetSection />
          <HistorySection attachment={attachment} onAttachment={onAttachment} />
          <OjtSection lectureStart={lectureStart} />
          <VerdictPanel check={check} live={live} enteredWorkingDays={ojt ? parseDays(values.working_days) : null} />
          <AccommodationsSection />
          <PlacementNeedSection />
          <ConfirmationsSection />

          <details className="disclosure">
            <summary>申込内容の取扱いについて</summary>
            <div className="disclosure-body">
              <p>
                ※提出いただく申込内容に虚偽の内容が発覚した場合は、受講決定した場合においても、受講の受付及び受講決定を取り消す場合がありますのでご留意願います。
              </p>
              <p>
                ※記載いただいた個人情報は、研修事業所指定先である北海道と共有のうえ、本研修の申込み事務、受講者の選定、受講決定者に関しては研修受講に関する事務、演習時の受講者名簿、修了者名簿として報告・保管、修了証書の再発行事務のため利用します。それ以外の目的で本人の了承なく個人情報を利用及び第三者に開示することはありません。
              </p>
            </div>
          </details>

          <div className="actions">
            <Link className="button button-secondary" to={backTo}>
              ‹ 戻る
            </Link>
            <button className="button button-primary" type="submit">
              確認画面へ ›
            </button>
          </div>
          <PracticalVerdictBar live={live} showTotal={ojt} />
        </form>
      </div>
    </FormKitProvider>
  );
}
