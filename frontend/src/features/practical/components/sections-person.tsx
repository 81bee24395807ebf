import { useFormContext, useWatch } from "react-hook-form";
import { DateRange } from "@/components/training/date-range";
import { ChoiceGroup } from "@/components/ui/field";
import { useFieldError } from "@/components/ui/form-fields";
import type { ExerciseSchedule, KindServices, PracticalKind, SettingStatus, Sex } from "@/lib/api/types";
import { KIND_LABELS, SETTING_LABELS, SEX_LABELS } from "@/lib/format/practical-labels";
import { practicalFieldId, type PracticalFormValues } from "../form-values";
import { CheckEntry, ChoiceEntry, FormSection, Notes, TextEntry } from "./form-parts";

const id = practicalFieldId;

/** ★研修種別, ★演習日程の希望, 演習日程の希望理由 */
export function KindAndScheduleSection({ schedules }: { schedules: ExerciseSchedule[] }) {
  const schedule = useWatch<PracticalFormValues, "schedule">({ name: "schedule" });
  const specific = schedule !== "" && schedule !== "any";
  return (
    <FormSection id="pf-section-kind" title="研修種別・演習日程">
      <ChoiceEntry
        path="kind"
        legend="研修種別"
        required="star"
        hint="希望する研修種別を選択してください。"
        options={(Object.keys(KIND_LABELS) as PracticalKind[]).map((k) => ({ value: k, label: KIND_LABELS[k].label }))}
      />

      <ChoiceEntry
        path="preferred_schedule_id"
        legend="演習日程の希望"
        required="star"
        hint={
          <Notes
            items={[
              "日程が複数ある場合は、希望する演習日程を選択してください。",
              "申込状況により、必ずしも希望日程とならないことをご了承ください。",
            ]}
          />
        }
        options={[
          ...schedules.map((s) => ({
            value: String(s.id),
            label: (
              <>
                <span className="schedule-label">{s.label}</span>
                <br />
                <DateRange start={s.starts_at} end={s.ends_at} />
              </>
            ),
          })),
          { value: "any", label: "どちらでもよい" },
        ]}
      />

      {specific && (
        <TextEntry
          path="schedule_reason"
          label="演習日程の希望理由"
          multiline
          hint={
            <Notes
              items={[
                "選択した日程以外では受講できない場合は、その理由を記載してください。例）既に事業所の行事（又は別の研修受講）が入っている、介護（又は育児）のため宿泊を伴う会場での受講が困難 等",
                "理由に記載がない場合、申込状況等により日程を調整させていただきます。",
              ]}
            />
          }
        />
      )}
    </FormSection>
  );
}

/** 受講者情報: ★ふりがな, ★氏名, 現職名, ★生年月日, ★性別 */
export function ApplicantSection() {
  return (
    <FormSection
      id="pf-section-applicant"
      title="受講者情報"
      lead={<p>氏名と生年月日は修了証書にも記載されるため、誤りがないよう入力してください。</p>}
    >
      <TextEntry
        path="applicant.furigana"
        label="ふりがな"
        required="star"
        hint="ひらがなで入力してください（例：たかはし はなこ）。"
      />
      <TextEntry
        path="applicant.full_name"
        label="氏名"
        required="star"
        autoComplete="name"
        hint="修了証書には、入力したとおりの文字で印字されます。「髙」「﨑」などの字も、そのまま入力してください。"
      />
      <TextEntry path="applicant.job_title" label="現職名" hint="ない場合は空欄で構いません。" />
      <TextEntry
        path="applicant.birth_date"
        label="生年月日"
        required="star"
        type="date"
        autoComplete="bday"
        hint="西暦で入力してください。"
        className="field-short"
      />
      <ChoiceEntry
        path="applicant.sex"
        legend="性別"
        required="star"
        stacked={false}
        options={(Object.keys(SEX_LABELS) as Sex[]).map((s) => ({ value: s, label: SEX_LABELS[s] }))}
      />
    </FormSection>
  );
}

/** 所属情報, with the one-address-per-person note. */
export function AffiliationSection() {
  return (
    <FormSection
      id="pf-section-affiliation"
      title="所属情報"
      lead={<p>受講申込者の現在の所属についてお書きください。</p>}
    >
      <CheckEntry
        path="affiliation.via_other_corporation"
        label="現所属と異なる法人からの推薦で申し込む"
        hint="この場合、法人名・事業所名は空欄、住所は自宅住所又は市区町村のみを記載し、下の「受講可否通知の宛先」を必ず記入してください。"
      />
      <TextEntry path="affiliation.corporation" label="法人名" autoComplete="organization" />
      <TextEntry path="affiliation.office" label="事業所名" />
      <TextEntry
        path="affiliation.postal_code"
        label="郵便番号"
        inputMode="numeric"
        autoComplete="postal-code"
        hint="例：060-0001"
        className="field-medium"
      />
      <TextEntry path="affiliation.address" label="住所" required="star" autoComplete="street-address" />
      <TextEntry
        path="affiliation.phone"
        label="電話番号"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        hint="例：011-123-4567"
        className="field-medium"
      />
      <TextEntry path="affiliation.fax" label="FAX番号" type="tel" inputMode="tel" className="field-medium" />
      <div className="caution-box email-rule">
        <p className="caution-box-title">《メールアドレスに関する注意事項》</p>
        <p>
          eラーニングシステムの都合上、受講者とメールアドレスが紐づけされるため、同一のアドレスで複数名の登録ができません。研修期間が重なっている場合は、別の研修の場合も同様です。GoogleやYahoo等のフリーメールでも構いませんので、
          <strong>必ず1人1つのメールアドレスをご準備ください</strong>。
        </p>
        <p>このアドレスはeラーニング及びZoom演習の案内等にも使用しますので、入力間違いのないようお気を付けください。</p>
      </div>
      <TextEntry
        path="affiliation.email"
        label="メールアドレス"
        required="star"
        type="email"
        inputMode="email"
        autoComplete="email"
        hint="（パソコンの）メールアドレスを入力してください。申込内容の確認メールもここに届きます。"
      />
      <TextEntry
        path="affiliation.email_confirmation"
        label="メールアドレス（確認）"
        required="star"
        type="email"
        inputMode="email"
        autoComplete="email"
        hint="確認のため、もう一度入力してください。"
      />
    </FormSection>
  );
}

/** 受講可否通知の宛先: required when applying via another corporation, else optional. */
export function NotificationSection() {
  const [required, elsewhere] = useWatch<
    PracticalFormValues,
    ["affiliation.via_other_corporation", "notify_elsewhere"]
  >({
    name: ["affiliation.via_other_corporation", "notify_elsewhere"],
  });
  const shown = required || elsewhere;
  return (
    <FormSection
      id="pf-section-notification"
      title="受講可否通知の宛先"
      required={required}
      lead={
        <p>
          {required
            ? "現所属と異なる法人からの推薦で申し込むため、郵便物の受理が可能な宛先を必ず記入してください。"
            : "「所属情報」と異なる宛先に送る場合のみ記入します（事業所開設予定のため所在地が確定しない場合など）。"}
        </p>
      }
    >
      {!required && <CheckEntry path="notify_elsewhere" label="所属情報と異なる宛先に通知を送ってほしい" />}
      {shown && (
        <>
          <TextEntry
            path="notification.postal_code"
            label="郵便番号"
            inputMode="numeric"
            autoComplete="postal-code"
            hint="例：060-0001"
            className="field-medium"
          />
          <TextEntry
            path="notification.address"
            label="住所"
            required="star"
            hint="受講申込者の自宅住所など、郵便物を受け取れる住所を記載します。"
          />
          <TextEntry
            path="notification.addressee"
            label="宛て名"
            required="star"
            hint="「法人・事業所名・担当者名」や、個人宅の場合は「氏名」を記載してください。"
          />
          <TextEntry
            path="notification.phone"
            label="電話番号"
            required="star"
            type="tel"
            inputMode="tel"
            className="field-medium"
          />
        </>
      )}
    </FormSection>
  );
}

/** サービス管理責任者又は児童発達支援管理責任者として配置する事業所の状況 */
export function PlacementSection({ kinds }: { kinds: KindServices[] }) {
  const { register } = useFormContext<PracticalFormValues>();
  const kind = useWatch<PracticalFormValues, "kind">({ name: "kind" });
  return (
    <FormSection
      id="pf-section-placement"
      title="配置する事業所"
      lead={
        <Notes
          items={[
            <>
              サービス管理責任者又は児童発達支援管理責任者として配置する事業所です。新設や異動等の場合、
              <strong>研修受講後に配置される予定の事業所</strong>の情報を書きます。
            </>,
            "申請中等、事業所名・事業所番号が決まっていない場合は空欄で構いません。",
          ]}
        />
      }
    >
      <ChoiceEntry
        path="placement.setting"
        legend="設置状況"
        required="star"
        stacked={false}
        options={(Object.keys(SETTING_LABELS) as SettingStatus[]).map((s) => ({ value: s, label: SETTING_LABELS[s] }))}
      />
      <TextEntry path="placement.corporation" label="法人名" />
      <TextEntry path="placement.office" label="事業所" />
      <TextEntry
        path="placement.office_number"
        label="事業所番号"
        inputMode="numeric"
        hint="10桁の数字です。"
        className="field-medium"
      />
      <TextEntry
        path="placement.address"
        label="住所"
        hint="具体的に決まっていない場合も、都道府県や市区町村名等を記載します。"
      />
      <ChoiceGroup
        id={id("placement.services")}
        legend="障害福祉サービス種別等"
        error={useFieldError("placement.services")}
        hint={
          <Notes
            items={[
              "法人全体ではなく、この事業所で実施しているもののみ選択します（複数選択可）。",
              "希望する研修種別と合致しない場合には受講決定できませんので、ご注意ください。",
            ]}
          />
        }
      >
        {kinds.map((group) => (
          <fieldset key={group.kind} className="sub-fieldset service-group">
            <legend>
              {KIND_LABELS[group.kind].role}（{KIND_LABELS[group.kind].short}）
              {kind === group.kind && <span className="badge badge-kind">選択した研修種別</span>}
            </legend>
            <div className="check-grid">
              {group.services.map((service, i) => {
                const serviceId = `${id("placement.services")}-${i}-${group.kind}`;
                return (
                  <div key={service} className="checkbox-row">
                    <input id={serviceId} type="checkbox" value={service} {...register("placement.services")} />
                    <label htmlFor={serviceId}>{service}</label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
      </ChoiceGroup>
    </FormSection>
  );
}
