import { useRef, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Fact, FactList } from "@/components/ui/facts";
import { Field, LabelText } from "@/components/ui/field";
import { useFieldError } from "@/components/ui/form-fields";
import type { EligibilityVerdict } from "@/lib/api/types";
import { formatCalendarDate, formatYmd } from "@/lib/format/calendar-date";
import { formatBytes } from "@/lib/format/yen";
import { isDateText, type SlotName } from "../eligibility-values";
import { practicalEligibilityIds as ids, practicalFieldId, type PracticalFormValues } from "../form-values";
import { computedEntries, computedOjt, FIGURE_NAMES, statementOf, type ComputedOjt, type OjtFigure } from "../ojt-figures";
import {
  ActivitiesField,
  CompletionSlot,
  CountField,
  LeavePeriodsField,
  OjtPeriodFields,
  SixMonthField,
  TargetChoice,
  TransitionalField,
} from "./eligibility-fields";
import { CheckEntry, FormSection, Notes, TextEntry } from "./form-parts";

/** The largest attachment the server takes. */
const ATTACHMENT_LIMIT = 10 * 1024 * 1024;
const ATTACHMENT_TYPES = ".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic,image/heif";

/** The last day of the month before the lecture: where the OJT period ends (※E). */
export function monthEndBefore(lectureStart: string): string {
  const [y, m] = lectureStart.split("-").map(Number);
  const end = new Date(Date.UTC(y, m - 1, 0));
  return end.toISOString().slice(0, 10);
}

/** ★受講対象 ア / イ / ウ */
export function TargetSection() {
  return (
    <FormSection id="pf-section-target" title="受講対象" required>
      <TargetChoice
        id={ids.target}
        legend="受講対象として当てはまるものを選択"
        hint={
          <Notes
            items={[
              "募集要領 P.1（又は P.9 の受講対象フローチャート）を参考に、いずれに該当するか選択します。",
              "以降の「研修の受講（修了歴）」「OJT期間」にも関連する項目です。",
            ]}
          />
        }
      />
    </FormSection>
  );
}

function CertificateNumber({ slot }: { slot: SlotName }) {
  return (
    <TextEntry
      path={`history.${slot}.certificate_number`}
      label="証書番号（半角）"
      hint="「第」や「号」は不要です。番号のない証書（平成23年度以前の修了）は「未記載」と入力してください。"
      className="field-medium"
    />
  );
}

/** 修了証書の写し: one PDF or image, kept in memory only. */
function AttachmentField({ file, onFile }: { file: File | null; onFile: (file: File | null) => void }) {
  const { clearErrors } = useFormContext();
  const [tooLarge, setTooLarge] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const own = useFieldError("attachment");
  const error = tooLarge ? "添付できるファイルは10MBまでです。容量を小さくするか、FAXで送信してください" : own;
  return (
    <Field
      id={practicalFieldId("attachment")}
      label="修了証書の写し（PDF又は画像）"
      error={error}
      hint={
        <Notes
          items={[
            <>
              <strong>添付できるPDF・画像は一つです</strong>（10MBまで）。当法人以外の修了証書が複数ある場合は、一つにまとめてください。
            </>,
            "スマートフォンで撮影した画像も添付できます。",
            "添付ファイルは下書きに保存されません。画面を閉じたり再読み込みしたりした場合は、選び直してください（他の入力内容はこの端末に保存されています）。",
          ]}
        />
      }
    >
      {(c) => (
        <>
          <input
            {...c}
            ref={inputRef}
            type="file"
            accept={ATTACHMENT_TYPES}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              const large = chosen !== null && chosen.size > ATTACHMENT_LIMIT;
              setTooLarge(large);
              onFile(large ? null : chosen);
              clearErrors("attachment");
            }}
          />
          {file && (
            <p className="file-chosen">
              添付するファイル：<span className="break-all">{file.name}</span>（{formatBytes(file.size)}）
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => {
                  onFile(null);
                  if (inputRef.current) inputRef.current.value = "";
                  inputRef.current?.focus();
                }}
              >
                添付を取り消す
              </button>
            </p>
          )}
        </>
      )}
    </Field>
  );
}

const EXTRA: { slot: "practical" | "renewal"; title: string }[] = [
  { slot: "practical", title: "③サビ管・児発管（実践）" },
  { slot: "renewal", title: "④サビ管・児発管（更新）" },
];

/** ★研修の受講（修了歴）: ①② always, ③④ once added, and the copy of certificates. */
export function HistorySection({
  attachment,
  onAttachment,
  certificateFax,
}: {
  attachment: File | null;
  onAttachment: (file: File | null) => void;
  certificateFax: string;
}) {
  const { setValue, clearErrors } = useFormContext<PracticalFormValues>();
  const [extra, target, elsewhere] = useWatch<PracticalFormValues, ["extra_slots", "target", "completed_elsewhere"]>({
    name: ["extra_slots", "target", "completed_elsewhere"],
  });
  const setExtra = (slot: "practical" | "renewal", shown: boolean) => {
    setValue(`extra_slots.${slot}`, shown);
    // A removed slot forgets what was typed in it.
    if (!shown) setValue(slot, { category: "", completed_on: "", certificate_number: "" });
    clearErrors(slot);
    requestAnimationFrame(() =>
      document.getElementById(shown ? ids.slotCategory(slot) : `pf-add-${slot}`)?.focus(),
    );
  };

  return (
    <FormSection
      id="pf-section-history"
      title="研修の受講（修了歴）"
      required
      lead={
        <Notes
          items={[
            "受講要件である①相談支援（※A）研修と、②サビ管基礎（※B）・児発管基礎（※C）研修の修了年月日と修了証書番号を記載してください。",
            "受講対象ウを選択した方は、①②以外に修了した研修（③実践・④更新）も記載してください。",
          ]}
        />
      }
    >
      {(["consultation", "basic"] as const).map((slot) => (
        <CompletionSlot key={slot} slot={slot} required="star" ids={ids}>
          <CertificateNumber slot={slot} />
        </CompletionSlot>
      ))}

      {EXTRA.map(({ slot, title }) =>
        extra[slot] ? (
          <CompletionSlot key={slot} slot={slot} emptyLabel="選択してください" ids={ids}>
            <CertificateNumber slot={slot} />
            <button type="button" className="button button-small button-danger-outline" onClick={() => setExtra(slot, false)}>
              {title}の修了歴を削除
            </button>
          </CompletionSlot>
        ) : (
          <button
            key={slot}
            id={`pf-add-${slot}`}
            type="button"
            className="button button-secondary add-slot"
            onClick={() => setExtra(slot, true)}
          >
            ＋ {title}の修了歴を追加する
          </button>
        ),
      )}
      {!extra.practical && !extra.renewal && (
        <p className="field-hint">③④を修了していない場合は、追加する必要はありません。</p>
      )}

      {target === "u" && <TransitionalField id={ids.transitional} />}

      <CheckEntry
        path="history.completed_elsewhere"
        label="①〜④のうち、当法人以外で修了した研修がある"
        hint="当法人以外で修了した場合は、修了証書の写しを添付するか、FAXで送信してください。"
      />
      {elsewhere && (
        <div className="attachment-box">
          <AttachmentField file={attachment} onFile={onAttachment} />
          <CheckEntry
            path="history.send_by_fax"
            label={`FAXで送信する（${certificateFax}）`}
            hint="PDFや画像の添付が難しい場合は、修了証書の写しをFAXしてください。"
          />
        </div>
      )}
    </FormSection>
  );
}

/**
 * 入力値 … ／ 計算値 …：計算値と異なります for each figure changed by hand, with a way back to
 * the computed value; one line while all of them hold the computed values.
 */
function StatementNotes({ figures, computed }: { figures: OjtFigure[]; computed: ComputedOjt | null }) {
  const { setValue } = useFormContext<PracticalFormValues>();
  const values = useWatch<PracticalFormValues>() as PracticalFormValues;
  if (!computed) return null;
  const statements = figures.map((f) => [f, statementOf(f, values, computed)] as const).filter(([, s]) => s !== null);
  if (statements.length === 0) return <p className="ojt-statement ojt-computed-note">計算値を自動で入力しています。</p>;
  return (
    <>
      {statements.map(([figure, statement]) => (
        <div key={figure} className={`ojt-statement${statement!.differs ? " ojt-statement-differs" : ""}`} role="note">
          <p>{statement!.text}</p>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => {
              const entries = computedEntries(computed);
              for (const name of FIGURE_NAMES[figure]) setValue(name, entries[name as keyof typeof entries]);
              setValue(`ojt_typed.${figure}`, false);
            }}
          >
            計算値に戻す
          </button>
        </div>
      ))}
    </>
  );
}

/** How the OJT figures were counted: the period, the leave taken out, each counted part, the total and the days needed. */
function OjtWorking({ verdict, leaves }: { verdict: EligibilityVerdict | null; leaves: { start: string; end: string }[] }) {
  const d = verdict?.derived;
  if (!d?.ojt_start || !d.ojt_end) {
    return (
      <div className="ojt-working">
        <h3>OJT期間の計算（自動）</h3>
        <p>①②の修了年月日を入力すると、OJT期間の始期・終期・トータルを計算して、下の欄に入力します。</p>
      </div>
    );
  }
  const counted = leaves.filter((l) => isDateText(l.start) && isDateText(l.end));
  return (
    <div className="ojt-working" aria-live="polite">
      <h3>OJT期間の計算（自動）</h3>
      <FactList className="facts-result">
        {d.basic_completion && <Fact label="基礎研修修了日">{formatCalendarDate(d.basic_completion)}（①②の遅い方）</Fact>}
        <Fact label="OJT期間">
          <span className="nowrap">{formatCalendarDate(d.ojt_start)}〜</span>
          <span className="nowrap">{formatCalendarDate(d.ojt_end)}</span>
          <span className="note">修了日の翌日から、講義開始の前月末まで（※E）</span>
        </Fact>
        <Fact label="除いた休職期間">
          {counted.length === 0 ? (
            "なし"
          ) : (
            <ul className="period-list">
              {counted.map((l, i) => (
                <li key={i}>
                  <span className="nowrap">{formatCalendarDate(l.start)}〜</span>
                  <span className="nowrap">{formatCalendarDate(l.end)}</span>
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label="数えた期間">
          {d.periods.length === 0 ? (
            "なし"
          ) : (
            <ol className="period-list">
              {d.periods.map((p) => (
                <li key={p.start}>
                  <span className="nowrap">{formatCalendarDate(p.start)}〜</span>
                  <span className="nowrap">{formatCalendarDate(p.end)}</span>
                  <span className="period-length">
                    <span className="nowrap">{formatYmd(p.length)}</span>
                    <span className="nowrap">（{p.calendar_days}日）</span>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Fact>
        <Fact label="トータル">
          <strong>{d.total_label}</strong>
          <span className="note">（{d.calendar_days}日）</span>
        </Fact>
        <Fact label="必要な勤務日数">
          <strong>{d.required_working_days}日以上</strong>
          <span className="note">1年あたり180日以上（※7）</span>
        </Fact>
      </FactList>
      <p className="field-hint">
        計算した値を下の欄に入力しました。内容を確認し、勤務日数と従事した業務を入力してください。実際と異なる場合は欄を書き換えてください（書き換えた値は申告として、計算値と並べて表示します）。
      </p>
    </div>
  );
}

/** 基礎研修修了後の実務経験（OJT期間）: computed from the completions, confirmed by the applicant. */
export function OjtSection({ lectureStart, verdict }: { lectureStart: string; verdict: EligibilityVerdict | null }) {
  const [target, leaves] = useWatch<PracticalFormValues, ["target", "leave_periods"]>({ name: ["target", "leave_periods"] });
  const computed = computedOjt(verdict?.derived);
  const remarks = (
    <TextEntry
      path="ojt.remarks"
      label="OJT期間に関する備考"
      multiline
      hint="「やむを得ない事由によるみなし配置（※G）」であることや、基礎研修修了翌日から実践研修受講前月末までの間の休職期間、更新期限切れによる受講等について記入してください。"
    />
  );

  return (
    <FormSection
      id="pf-section-ojt"
      title="OJT期間（基礎研修修了後の実務経験）"
      lead={
        target === "a" || target === "i" ? (
          <p>
            <strong>
              受講対象アでOJT期間が2年に満たない場合や、受講対象イでOJT期間が6ヶ月に満たない場合は受講対象となりません。
            </strong>
          </p>
        ) : undefined
      }
    >
      {target === "" && <p className="closed-note">受講対象を選ぶと、入力する項目が表示されます。</p>}
      {target === "u" && (
        <>
          <p className="closed-note">受講対象ウの場合、OJT期間の入力は必要ありません。</p>
          {remarks}
        </>
      )}
      {(target === "a" || target === "i") && (
        <>
          {target === "i" && <SixMonthField id={ids.sixMonth} />}
          <LeavePeriodsField
            ids={ids}
            hint="OJT期間中に休職していた期間があれば追加してください。その期間を除いて計算します。"
          />
          <OjtWorking verdict={verdict} leaves={leaves} />
          <OjtPeriodFields
            ids={ids}
            required="star"
            hint={`基礎研修修了日（①②の遅い方）の翌日から、この研修の講義開始前月末（${formatCalendarDate(monthEndBefore(lectureStart))}）までです（※E）。`}
          />
          <StatementNotes figures={["start", "end"]} computed={computed} />
          <fieldset className="sub-fieldset">
            <legend>
              <LabelText required="star">トータルのOJT期間（年ヶ月）※E</LabelText>
            </legend>
            <p className="field-hint">休職期間等を除いた期間です（日数は切り捨て）。</p>
            <div className="count-row">
              <CountField name="total_years" id={practicalFieldId("ojt.total_years")} label="年数" unit="年" />
              <CountField name="total_months" id={practicalFieldId("ojt.total_months")} label="月数" unit="ヶ月" />
            </div>
            <StatementNotes figures={["total"]} computed={computed} />
          </fieldset>
          <CountField
            name="working_days"
            id={ids.workingDays}
            label="トータルの勤務日数（概算）※E"
            required="star"
            unit="日"
            hint={
              computed && verdict
                ? `休職期間等を除いた、OJT期間に実際に勤務した日数です。${verdict.derived.required_working_days}日以上必要です。`
                : "休職期間等を除いた、OJT期間に実際に勤務した日数です（例：541）。"
            }
          />
          <ActivitiesField ids={ids} required="star" target={target} />
          {remarks}
        </>
      )}
    </FormSection>
  );
}
