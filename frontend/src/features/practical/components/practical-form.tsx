import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef } from "react";
import { FormProvider, useForm, useWatch, type FieldPath } from "react-hook-form";
import { ProblemAlert } from "@/components/apply/problem-alert";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { SubmitBar } from "@/components/ui/submit-bar";
import type { PracticalReference, TrainingDetail } from "@/lib/api/types";
import { OUTCOME_LABELS } from "@/lib/format/practical-labels";
import { DRAFT_TTL_DAYS, draftExpiresAt } from "../draft";
import { parseDays } from "../eligibility-values";
import {
  asksOjt,
  controlPathOf,
  eligibilityCheckOf,
  fieldNameOf,
  practicalFieldId,
  practicalFormSchema,
  type FormProblem,
  type PracticalFormValues,
} from "../form-values";
import { computedEntries, computedOjt, figureOf, INCOMPLETE_LABEL, shownOutcome } from "../ojt-figures";
import { sectionStates, withSection } from "../sections";
import { useLiveVerdict } from "../use-live-verdict";
import { jumpToLink, SectionIndex } from "./section-index";
import { HistorySection, OjtSection, TargetSection } from "./sections-history";
import { AccommodationsSection, ConfirmationsSection, PlacementNeedSection } from "./sections-need";
import {
  AffiliationSection,
  ApplicantSection,
  KindAndScheduleSection,
  NotificationSection,
  PlacementSection,
} from "./sections-person";
import { PracticalVerdictBar, VERDICT_PANEL_ID, VerdictPanel } from "./verdict-panel";
import "./practical.css";

type Name = FieldPath<PracticalFormValues>;

/** Entries whose change makes another entry's message stale (the server's among them). */
const ALSO_CLEARS: Record<string, string[]> = {
  kind: ["placement.services"],
  schedule: ["schedule_reason"],
  "affiliation.via_other_corporation": ["notification.address"],
  completed_elsewhere: ["attachment"],
  send_by_fax: ["attachment"],
  plan_creation: ["activities"],
  consultation_work: ["activities"],
  direct_support: ["activities"],
};

/** Every message of the form as [name, message], in the order they were given. */
function messagesOf(errors: object, prefix = ""): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === "ref" || key === "root" || value == null || typeof value !== "object") continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof (value as { message?: unknown }).message === "string") out.push([name, (value as { message: string }).message]);
    else out.push(...messagesOf(value, name));
  }
  return out;
}

interface PracticalApplicationFormProps {
  training: TrainingDetail;
  reference: PracticalReference;
  lectureStart: string;
  /** The draft's entries: the form starts from them and hands every change back. */
  initialValues: PracticalFormValues;
  onChange: (values: PracticalFormValues) => void;
  attachment: File | null;
  onAttachment: (file: File | null) => void;
  /** The server's refusal brought back from the confirm step, its messages by field path. */
  problem: FormProblem | null;
  onProblem: (problem: FormProblem | null) => void;
  backTo: string;
  /** Called when the quick check passes. */
  onNext: () => void;
  /** When the draft was last stored on this device (ms), if it was. */
  savedAt: number | null;
  /** 下書きを削除 (after the applicant confirmed). */
  onDiscard: () => void;
}

const dayText = (ms: number) =>
  new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", month: "long", day: "numeric" }).format(new Date(ms));

/**
 * 北海道サビ管・児発管 実践研修の申込フォーム (seed 003), in the seed's order, with the live
 * 受講要件 verdict after the OJT section and pinned to the bottom while typing.
 */
export function PracticalApplicationForm({
  training,
  reference,
  lectureStart,
  initialValues,
  onChange,
  attachment,
  onAttachment,
  problem,
  onProblem,
  backTo,
  onNext,
  savedAt,
  onDiscard,
}: PracticalApplicationFormProps) {
  // The copy of certificates is a file outside the form; the check asks for it when it runs.
  const hasAttachment = useRef(attachment !== null);
  hasAttachment.current = attachment !== null;
  const resolver = useMemo(() => zodResolver(practicalFormSchema(() => hasAttachment.current)), []);
  const form = useForm<PracticalFormValues>({
    defaultValues: initialValues,
    resolver,
    // As the seed's form: messages come with 確認画面へ, and a changed entry's message goes.
    reValidateMode: "onSubmit",
    shouldFocusError: false,
  });
  const { watch, clearErrors, setError, setValue, getValues, formState } = form;
  const summaryRef = useRef<HTMLDivElement>(null);
  const { dialog, ask } = useConfirm();
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  // A refusal brought back from the confirm step stands next to its fields, announced once.
  const arrived = useRef(problem);
  useEffect(() => {
    if (!arrived.current) return;
    for (const [path, message] of Object.entries(arrived.current.fields)) {
      setError(fieldNameOf(path) as Name, { type: "server", message });
    }
    requestAnimationFrame(() => summaryRef.current?.focus());
  }, [setError]);

  // Every change goes to the draft at once; a changed entry's message goes, as do the ones it settles.
  // An OJT figure changed by hand (not by the computation) becomes the applicant's statement.
  useEffect(() => {
    const sub = watch((values, { name, type }) => {
      // Typing and picking come with their DOM event's type (input, change); setValue with none.
      const figure = name && type ? figureOf(name) : null;
      // After this change has reached every subscriber, so that none is left with the old flag.
      if (figure && !values.ojt_typed?.[figure]) queueMicrotask(() => setValue(`ojt_typed.${figure}`, true));
      onChange(structuredClone(values) as PracticalFormValues);
      if (name) clearErrors([name, ...(ALSO_CLEARS[name] ?? [])] as Name[]);
    });
    return () => sub.unsubscribe();
  }, [watch, onChange, clearErrors, setValue]);

  const values = useWatch({ control: form.control }) as PracticalFormValues;
  const check = useMemo(() => eligibilityCheckOf(values, lectureStart), [values, lectureStart]);
  const live = useLiveVerdict(check.request);
  const ojt = asksOjt(values);

  // The OJT figures follow the engine's computation, except those the applicant stated by hand.
  const fresh = check.request !== null && !live.busy && !live.failed;
  const computed = computedOjt(live.shown?.derived);
  useEffect(() => {
    if (!fresh || !ojt) return;
    const v = getValues();
    const entries = computed ? computedEntries(computed) : { ojt_start: "", ojt_end: "", total_years: "", total_months: "" };
    const follow = { ojt_start: "start", ojt_end: "end", total_years: "total", total_months: "total" } as const;
    for (const [name, figure] of Object.entries(follow) as [keyof typeof entries, "start" | "end" | "total"][]) {
      if (!v.ojt_typed[figure] && v[name] !== entries[name]) setValue(name, entries[name]);
    }
  }, [fresh, ojt, computed?.start, computed?.end, computed?.years, computed?.months, getValues, setValue]); // eslint-disable-line react-hooks/exhaustive-deps

  const outcome = live.shown ? shownOutcome(live.shown, values) : null;
  const hasFile = attachment !== null;
  const states = useMemo(() => sectionStates(values, hasFile), [values, hasFile]);
  const verdictText = outcome ? (outcome === "incomplete" ? INCOMPLETE_LABEL.label : OUTCOME_LABELS[outcome].label) : "入力待ち";

  const listed = messagesOf(formState.errors).map(([name, message]) => {
    const path = controlPathOf(name);
    return [path, withSection(path, message), practicalFieldId(path)] as [string, string, string];
  });

  const submit = form.handleSubmit(
    () => {
      onProblem(null);
      onNext();
    },
    () => {
      // The quick check's messages replace a refusal of the server.
      onProblem(null);
      focusSummary();
    },
  );

  return (
    <FormProvider {...form}>
      <div className="practical-layout" onClick={jumpToLink}>
        <form className="form practical-form" noValidate onSubmit={submit}>
          <SectionIndex states={states} verdictId={VERDICT_PANEL_ID} verdictText={verdictText} />
          <ProblemAlert
            ref={summaryRef}
            problem={problem}
            fields={listed}
            fallbackTitle="入力内容を確認してください。"
          />
          <p className="required-lead">
            <span className="star" aria-hidden="true">
              ★
            </span>
            は必須事項です。入力がない場合には申込ができません。
          </p>
          <div className="notice draft-note" role="note">
            <p>
              <strong className="notice-label">入力内容の保存</strong>
              入力途中の内容は、この端末のブラウザに保存され、タブを閉じても{DRAFT_TTL_DAYS}日間は続きから入力できます（添付ファイルは保存されません）。
              {savedAt !== null && <>（{dayText(draftExpiresAt(savedAt))}まで保存）</>}
              共用の端末では、申込を終えないまま離れる場合は下書きを削除してください。
            </p>
            <button
              type="button"
              className="button button-small button-danger-outline"
              onClick={async () => {
                const yes = await ask({
                  title: "下書きを削除しますか？",
                  body: <p>この端末に保存した入力内容を削除して、最初から入力し直します。削除した内容は元に戻せません。</p>,
                  confirmLabel: "削除する",
                  danger: true,
                });
                if (yes) onDiscard();
              }}
            >
              下書きを削除
            </button>
            {dialog}
          </div>

          <KindAndScheduleSection schedules={training.exercise_schedules} />
          <ApplicantSection />
          <AffiliationSection />
          <NotificationSection />
          <PlacementSection kinds={reference.kinds} />
          <TargetSection />
          <HistorySection attachment={attachment} onAttachment={onAttachment} certificateFax={reference.certificate_fax} />
          <OjtSection lectureStart={lectureStart} verdict={live.shown} />
          <VerdictPanel
            check={check}
            live={live}
            outcome={outcome}
            values={values}
            enteredWorkingDays={ojt ? parseDays(values.working_days) : null}
          />
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

          <SubmitBar backTo={backTo} label="確認画面へ ›" />
          <PracticalVerdictBar live={live} showTotal={ojt} outcome={outcome} />
        </form>
      </div>
    </FormProvider>
  );
}
