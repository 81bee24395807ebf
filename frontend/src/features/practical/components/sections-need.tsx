import { useWatch } from "react-hook-form";
import type { PlanCategory } from "@/lib/api/types";
import { PLAN_LABELS } from "@/lib/format/practical-labels";
import { practicalFieldId, type PracticalFormValues } from "../form-values";
import { CountField } from "./eligibility-fields";
import { CheckEntry, ChoiceEntry, FormSection, Notes, TextEntry } from "./form-parts";

/** 受講に対する必要な配慮 */
export function AccommodationsSection() {
  return (
    <FormSection
      id="pf-section-accommodations"
      title="受講に対する必要な配慮"
      lead={
        <Notes
          items={[
            "希望される内容がある方は、当てはまるものにチェック又はご記入ください。",
            "申込後に詳細について直接確認をとらせていただくことがあります。ご希望に十分対応できない場合もありますので、ご了承ください。",
          ]}
        />
      }
    >
      <CheckEntry path="accommodations.wheelchair" label="車イス使用" />
      <CheckEntry path="accommodations.sign_language" label="手話通訳必要" />
      <CheckEntry path="accommodations.large_print" label="拡大文字資料必要" />
      <TextEntry path="accommodations.other" label="その他" multiline />
    </FormSection>
  );
}

/** ★配置が必要な事業所の状況: items 1–5 of the seed. */
export function PlacementNeedSection() {
  const plan = useWatch<PracticalFormValues, "placement_need.plan_category">({ name: "placement_need.plan_category" });
  return (
    <FormSection
      id="pf-section-need"
      title="配置が必要な事業所の状況"
      required
      lead={
        <p>
          本研修の選考にあたっては、当該事業所における配置の必要性、緊急性又はその他の事情を考慮しています。必要な状況について正しく記入してください。
        </p>
      }
    >
      <fieldset className="sub-fieldset">
        <legend>1. 配置の必要数と修了数</legend>
        <p className="field-hint">
          配置予定の事業所の定員からサービス管理責任者等が何名必要か、及び事業所内でサビ管等として従事できる（研修を修了した）人数を記載してください。
        </p>
        <div className="count-row">
          <CountField
            name="placement_need.required_count"
            id={practicalFieldId("placement_need.required_count")}
            label="配置の必要数"
            required="star"
            unit="名"
          />
          <CountField
            name="placement_need.completed_count"
            id={practicalFieldId("placement_need.completed_count")}
            label="修了数"
            required="star"
            unit="名"
          />
        </div>
      </fieldset>

      <ChoiceEntry
        path="placement_need.plan_category"
        legend="2. 配置予定"
        required="star"
        hint="あてはまるものを選んでください。「その他」を選択する場合は、詳細を記載してください。"
        options={(Object.keys(PLAN_LABELS) as PlanCategory[]).map((c) => ({
          value: c,
          label: (
            <>
              <strong>【{PLAN_LABELS[c].label}】</strong>
              <span className="option-explain">{PLAN_LABELS[c].explain}</span>
            </>
          ),
        }))}
      />
      {plan === "other" && <TextEntry path="placement_need.plan_detail" label="「その他」の内容" required="star" />}

      <TextEntry
        path="placement_need.reason"
        label="3. 配置が必要な具体的理由"
        required="star"
        multiline
        hint="例）令和〇年に××事業を新設予定だが、配置可能なサビ管がないため／令和〇年に現サビ管が定年退職するため後任のサビ管が必要 等"
      />

      <CountField
        name="placement_need.office_priority"
        id={practicalFieldId("placement_need.office_priority")}
        label="4. 同一事業所から複数申し込みする場合の優先順位"
        unit="番目"
        hint="申込多数の場合、同一事業所からの受講人数を調整しますので、事業所内の優先順位を入力してください（1が最優先）。"
      />

      <CheckEntry
        path="placement_need.wants_waitlist"
        label="5. キャンセル待ちを希望する"
        hint="受講不可で通知された場合であって、一定期間内にキャンセルが出た際に追加決定を希望される場合はチェックしてください。"
      />
    </FormSection>
  );
}

/** ★所属長の推薦 and ★送信内容のチェック */
export function ConfirmationsSection() {
  return (
    <FormSection id="pf-section-confirm" title="所属長の推薦・送信内容のチェック">
      <CheckEntry
        path="recommended"
        label="この申込は、法人（事業所）としての推薦によるものである。"
        required="star"
        hint="本研修は原則として個人からの申込を受け付けておりません。必ず、事業所を運営する法人の責任者からの依頼としての申込となりますので、所属長の推薦を確認してください。"
      />
      <CheckEntry
        path="confirmed"
        label="上記の内容に相違ない。"
        required="star"
        hint="もう一度、入力したすべての項目を確認し、★の必須事項が入力されているか確認してから「確認画面へ」ボタンを押してください。"
      />
    </FormSection>
  );
}
