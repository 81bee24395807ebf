//! The Hokkaido practical-training application form (seed 003, SPEC §5): every field in the
//! seed's order, its ★ marks, and the checks that run before anything is stored.
//!
//! [`check`] reports every broken rule at once, each naming its field by the path the API and
//! the SPA use (`affiliation.email`, `history.consultation.completed_on` …), and returns the
//! form normalised (half-width digits, hyphenated postal codes, certificate numbers without
//! 第/号) ready to store. Whether the applicant meets the 受講要件 is a separate question,
//! answered by [`crate::eligibility::evaluate`] over [`PracticalForm::eligibility_input`].

use serde::{Deserialize, Serialize};
use time::Date;

use crate::dates::Years;
use crate::eligibility::{
    fiscal_year, Completion, EligibilityInput, LeavePeriod, Slot, SlotError, TargetCategory, TrainingName,
};
use crate::field::Checker;
use crate::practical::{
    certificate_number, office_number, service_fit, CertificateNumber, PlanCategory, PracticalKind, ServiceFit,
    SettingStatus,
};
use crate::text::kana::Furigana;
use crate::text::line::TextShape;
use crate::FieldIssue;

/// 性別
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
    /// その他・回答しない
    Other,
}

impl Sex {
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "男性",
            Sex::Female => "女性",
            Sex::Other => "その他・回答しない",
        }
    }
}

/// 受講者情報
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Applicant {
    /// ★ ふりがな (hiragana; spaces and ー allowed)
    #[serde(default)]
    pub furigana: String,
    /// ★ 氏名, kept exactly as typed: it is printed on the 修了証書.
    #[serde(default)]
    pub full_name: String,
    /// 現職名 (may be empty)
    #[serde(default)]
    pub job_title: String,
    /// ★ 生年月日, printed on the 修了証書.
    pub birth_date: Option<Date>,
    /// ★ 性別
    pub sex: Option<Sex>,
}

/// 所属情報: where the applicant works now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Affiliation {
    /// Applying on the recommendation of a corporation other than the current one: then the
    /// corporation and office stay empty and the notification address is required.
    #[serde(default)]
    pub via_other_corporation: bool,
    #[serde(default)]
    pub corporation: String,
    #[serde(default)]
    pub office: String,
    /// NNN-NNNN (full-width digits and a missing hyphen are normalised)
    #[serde(default)]
    pub postal_code: String,
    /// ★ 住所
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub fax: String,
    /// ★ One address per person: it identifies the trainee in the e-learning system.
    #[serde(default)]
    pub email: String,
    /// ★ The same address again.
    #[serde(default)]
    pub email_confirmation: String,
}

/// 受講可否通知の宛先: only where it differs from the affiliation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationAddress {
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub address: String,
    /// 法人・事業所名・担当者名, or the person's name for a home address.
    #[serde(default)]
    pub addressee: String,
    #[serde(default)]
    pub phone: String,
}

impl NotificationAddress {
    fn is_empty(&self) -> bool {
        [&self.postal_code, &self.address, &self.addressee, &self.phone].iter().all(|s| s.trim().is_empty())
    }
}

/// サービス管理責任者又は児童発達支援管理責任者として配置する事業所の状況
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacementOffice {
    /// ★ 設置状況
    pub setting: Option<SettingStatus>,
    #[serde(default)]
    pub corporation: String,
    #[serde(default)]
    pub office: String,
    /// 事業所番号: 10 digits, empty while the designation is pending.
    #[serde(default)]
    pub office_number: String,
    /// At least the prefecture or municipality when not decided yet.
    #[serde(default)]
    pub address: String,
    /// 障害福祉サービス種別等 run at this office (SPEC §5.3).
    #[serde(default)]
    pub services: Vec<String>,
}

/// One of the completion slots ①–④.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// 区分 (SPEC §5.2)
    pub category: Option<TrainingName>,
    pub completed_on: Option<Date>,
    /// 証書番号: half-width, 第/号 dropped; 未記載 for completions up to FY2011.
    #[serde(default)]
    pub certificate_number: String,
}

/// 研修の受講（修了歴）
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct History {
    /// ★ ① 相談支援
    pub consultation: Option<HistoryEntry>,
    /// ★ ② サビ管・児発管（基礎・旧分野別）
    pub basic: Option<HistoryEntry>,
    /// ③ サビ管・児発管（実践）
    pub practical: Option<HistoryEntry>,
    /// ④ サビ管・児発管（更新）
    pub renewal: Option<HistoryEntry>,
    /// Some of ①–④ were completed with another organiser: a copy is attached or faxed.
    #[serde(default)]
    pub completed_elsewhere: bool,
    /// The copy will be sent by FAX instead of attached.
    #[serde(default)]
    pub send_by_fax: bool,
    /// 更新研修の経過措置の対象者 (requirements met by FY2018, ※9); ウ applicants.
    #[serde(default)]
    pub transitional: bool,
}

/// 基礎研修修了後の実務経験（OJT期間）
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ojt {
    /// 【OJT6ヶ月要件】①–③ all met (イ only).
    #[serde(default)]
    pub six_month_requirements: bool,
    /// ★ 始期 (ア・イ)
    pub start: Option<Date>,
    /// ★ 終期 (ア・イ): the last day of the month before the lecture.
    pub end: Option<Date>,
    /// トータルのOJT期間 (年), leave excluded, as the applicant counts it; at most 60.
    #[cfg_attr(feature = "openapi", schema(maximum = 60))]
    pub total_years: Option<u32>,
    /// … (ヶ月), 0–11.
    #[cfg_attr(feature = "openapi", schema(maximum = 11))]
    pub total_months: Option<u32>,
    /// トータルの勤務日数（概算）, at most 3660.
    #[cfg_attr(feature = "openapi", schema(maximum = 3660))]
    pub working_days: Option<u32>,
    /// 個別支援計画作成業務 ※H
    #[serde(default)]
    pub plan_creation: bool,
    /// 相談支援業務
    #[serde(default)]
    pub consultation_work: bool,
    /// 直接支援業務
    #[serde(default)]
    pub direct_support: bool,
    /// 休職期間, both ends included.
    #[serde(default)]
    pub leave_periods: Vec<LeavePeriod>,
    /// OJT期間に関する備考
    #[serde(default)]
    pub remarks: String,
}

/// 受講に対する必要な配慮
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accommodations {
    #[serde(default)]
    pub wheelchair: bool,
    #[serde(default)]
    pub sign_language: bool,
    #[serde(default)]
    pub large_print: bool,
    #[serde(default)]
    pub other: String,
}

/// ★ 配置が必要な事業所の状況
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacementNeed {
    /// 1. 配置の必要数
    pub required_count: Option<u32>,
    /// 1. 修了数 (people at the office who may already serve)
    pub completed_count: Option<u32>,
    /// 2. 配置予定
    pub plan_category: Option<PlanCategory>,
    /// Detail of その他.
    #[serde(default)]
    pub plan_detail: String,
    /// 3. 配置が必要な具体的理由
    #[serde(default)]
    pub reason: String,
    /// 4. 同一事業所から複数申し込みする場合の優先順位 (1 = first)
    pub office_priority: Option<u32>,
    /// 5. キャンセル待ちの希望
    #[serde(default)]
    pub wants_waitlist: bool,
}

/// Everything the applicant typed, in the seed's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticalForm {
    /// ★ 研修種別
    pub kind: Option<PracticalKind>,
    /// ★ 演習日程の希望: a schedule of the training …
    pub preferred_schedule_id: Option<i32>,
    /// … or どちらでもよい.
    #[serde(default)]
    pub any_schedule: bool,
    /// 演習日程の希望理由: why no other schedule is possible; makes the preference binding.
    #[serde(default)]
    pub schedule_reason: String,
    pub applicant: Applicant,
    pub affiliation: Affiliation,
    pub notification: Option<NotificationAddress>,
    pub placement: PlacementOffice,
    /// ★ 受講対象
    pub target: Option<TargetCategory>,
    pub history: History,
    pub ojt: Ojt,
    #[serde(default)]
    pub accommodations: Accommodations,
    pub placement_need: PlacementNeed,
    /// ★ 所属長の推薦: この申込は、法人（事業所）としての推薦によるものである。
    #[serde(default)]
    pub recommended: bool,
    /// ★ 送信内容のチェック: 上記の内容に相違ない。
    #[serde(default)]
    pub confirmed: bool,
}

/// What the form is checked against, besides itself.
#[derive(Debug, Clone)]
pub struct FormContext {
    /// Today in Japan: completion and birth dates cannot lie after it.
    pub today: Date,
    /// The training's exercise schedules.
    pub schedule_ids: Vec<i32>,
    /// Whether a copy of the certificates came with the form.
    pub attachment_present: bool,
}

const NAME: TextShape = TextShape::single(50);
const TEXT: TextShape = TextShape::single(100);
/// Addresses may be typed on several lines.
const ADDRESS: TextShape = TextShape::multi(200);
const LONG_TEXT: TextShape = TextShape::multi(1000);
const COUNT_MAX: u32 = 99;

/// A phone number as the form stores it: normalised, empty when empty.
fn phone_text(c: &mut Checker, value: &str, field: &str, label: &str, required: bool) -> String {
    c.phone(value, field, label, required).map_or_else(|| value.trim().to_owned(), |p| p.as_str().to_owned())
}

/// Checks every field at once and returns the form normalised, or every issue found.
/// Notes that do not stop a submission (SPEC §5.3): an office with no service types listed
/// (allowed for an office not yet decided) is checked by staff.
pub fn warnings(form: &PracticalForm) -> Vec<FieldIssue> {
    let listed: Vec<String> =
        form.placement.services.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    match form.kind.map(|kind| service_fit(kind, &listed)) {
        Some(ServiceFit::NoneListed) => vec![FieldIssue::new(
            "placement.services",
            "none_listed",
            "配置予定事業所の障害福祉サービス種別等が選ばれていません。事業所が未定の場合はこのまま送信できますが、事務局が確認します",
        )],
        _ => Vec::new(),
    }
}

pub fn check(form: &PracticalForm, ctx: &FormContext) -> Result<PracticalForm, Vec<FieldIssue>> {
    let mut c = Checker::new();
    let mut out = form.clone();

    // ★研修種別, ★演習日程の希望, 希望理由
    if form.kind.is_none() {
        c.push("kind", "required", "研修種別を選択してください");
    }
    match (form.preferred_schedule_id, form.any_schedule) {
        (None, false) => c.push("preferred_schedule_id", "required", "演習日程の希望を選択してください"),
        (Some(_), true) => c.push(
            "preferred_schedule_id",
            "invalid",
            "演習日程は、日程か「どちらでもよい」のどちらか一つを選択してください",
        ),
        (Some(id), false) if !ctx.schedule_ids.contains(&id) => {
            c.push("preferred_schedule_id", "unknown_schedule", "この研修にない演習日程が選ばれています")
        }
        _ => {}
    }
    out.schedule_reason = c.text(&form.schedule_reason, "schedule_reason", "演習日程の希望理由", LONG_TEXT, false);
    if form.any_schedule && !out.schedule_reason.is_empty() {
        c.push(
            "schedule_reason",
            "reason_without_schedule",
            "希望理由は、特定の演習日程を希望する場合に記入してください",
        );
    }

    // 受講者情報
    let a = &form.applicant;
    out.applicant.furigana = if !c.characters(&a.furigana, "applicant.furigana", "ふりがな") {
        a.furigana.trim().to_owned()
    } else if a.furigana.trim().is_empty() {
        c.push("applicant.furigana", "required", "ふりがなを入力してください");
        String::new()
    } else {
        match Furigana::parse(&a.furigana) {
            Ok(kana) => kana.as_str().to_owned(),
            Err(message) => {
                c.push("applicant.furigana", "invalid", message);
                a.furigana.trim().to_owned()
            }
        }
    };
    out.applicant.full_name = c.text(&a.full_name, "applicant.full_name", "氏名", NAME, true);
    out.applicant.job_title = c.text(&a.job_title, "applicant.job_title", "現職名", TEXT, false);
    match a.birth_date {
        None => c.push("applicant.birth_date", "required", "生年月日を入力してください"),
        Some(day) if day > ctx.today => {
            c.push("applicant.birth_date", "future_date", "生年月日に未来の日付は入力できません")
        }
        Some(day) if day.year() < 1900 || day.year() > ctx.today.year() - 18 => {
            c.push("applicant.birth_date", "implausible", "生年月日をご確認ください（西暦で入力してください）")
        }
        Some(_) => {}
    }
    if a.sex.is_none() {
        c.push("applicant.sex", "required", "性別を選択してください");
    }

    // 所属情報 and the one-address-per-person mail address
    let f = &form.affiliation;
    let via_other = f.via_other_corporation;
    out.affiliation.corporation = c.text(&f.corporation, "affiliation.corporation", "法人名", TEXT, false);
    out.affiliation.office = c.text(&f.office, "affiliation.office", "事業所名", TEXT, false);
    out.affiliation.postal_code = c.postal(&f.postal_code, "affiliation.postal_code");
    out.affiliation.address = c.text(&f.address, "affiliation.address", "住所", ADDRESS, true);
    out.affiliation.phone = phone_text(&mut c, &f.phone, "affiliation.phone", "電話番号", false);
    out.affiliation.fax = phone_text(&mut c, &f.fax, "affiliation.fax", "FAX番号", false);
    let email = c.email_pair(&f.email, &f.email_confirmation, "affiliation.email", "affiliation.email_confirmation");
    if let Some(email) = &email {
        out.affiliation.email = email.as_str().to_owned();
        out.affiliation.email_confirmation = email.as_str().to_owned();
    }

    // 受講可否通知の宛先
    let notification = form.notification.clone().filter(|n| !n.is_empty());
    match &notification {
        None if via_other => c.push(
            "notification",
            "required",
            "現所属と異なる法人からの推薦で申し込む場合は、受講可否通知の宛先を記入してください",
        ),
        None => {}
        Some(n) => {
            let postal = c.postal(&n.postal_code, "notification.postal_code");
            let address = c.text(&n.address, "notification.address", "通知先の住所", ADDRESS, true);
            let addressee = c.text(&n.addressee, "notification.addressee", "通知先の宛て名", TEXT, true);
            let phone = phone_text(&mut c, &n.phone, "notification.phone", "通知先の電話番号", true);
            out.notification = Some(NotificationAddress { postal_code: postal, address, addressee, phone });
        }
    }
    if notification.is_none() {
        out.notification = None;
    }

    // 配置する事業所
    let p = &form.placement;
    if p.setting.is_none() {
        c.push("placement.setting", "required", "配置する事業所の設置状況を選択してください");
    }
    out.placement.corporation = c.text(&p.corporation, "placement.corporation", "配置する事業所の法人名", TEXT, false);
    out.placement.office = c.text(&p.office, "placement.office", "配置する事業所名", TEXT, false);
    out.placement.address = c.text(&p.address, "placement.address", "配置する事業所の住所", ADDRESS, false);
    out.placement.office_number = if !c.characters(&p.office_number, "placement.office_number", "事業所番号") {
        p.office_number.trim().to_owned()
    } else if p.office_number.trim().is_empty() {
        String::new()
    } else {
        office_number(&p.office_number)
            .map_err(|m| c.push("placement.office_number", "invalid", m))
            .unwrap_or_else(|()| p.office_number.trim().to_owned())
    };
    out.placement.services = p.services.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    out.placement.services.dedup();
    let services_readable = p
        .services
        .iter()
        .enumerate()
        .all(|(i, s)| c.characters(s, &format!("placement.services[{i}]"), "障害福祉サービス種別等"));
    if let Some(kind) = form.kind.filter(|_| services_readable) {
        if let ServiceFit::DoesNotFit { unknown } = service_fit(kind, &out.placement.services) {
            if unknown.is_empty() {
                c.push(
                    "placement.services",
                    "service_mismatch",
                    format!("障害福祉サービス種別等が{}と合致しません", kind.label()),
                );
            } else {
                c.push(
                    "placement.services",
                    "unknown_service",
                    format!("一覧にないサービス種別です: {}", unknown.join("、")),
                );
            }
        }
    }

    // ★受講対象, 修了歴
    if form.target.is_none() {
        c.push("target", "required", "受講対象（ア・イ・ウ）を選択してください");
    }
    let h = &form.history;
    out.history.consultation = check_history(&mut c, Slot::Consultation, h.consultation.as_ref(), ctx.today);
    out.history.basic = check_history(&mut c, Slot::Basic, h.basic.as_ref(), ctx.today);
    out.history.practical = check_history(&mut c, Slot::Practical, h.practical.as_ref(), ctx.today);
    out.history.renewal = check_history(&mut c, Slot::Renewal, h.renewal.as_ref(), ctx.today);
    if h.completed_elsewhere && !ctx.attachment_present && !h.send_by_fax {
        c.push(
            "attachment",
            "required",
            "当法人以外で修了した研修の修了証書の写しを添付するか、「FAXで送信する」を選んでください",
        );
    }

    // OJT
    check_ojt(&mut c, form, &mut out);

    // 受講に対する必要な配慮
    out.accommodations.other =
        c.text(&form.accommodations.other, "accommodations.other", "その他の配慮", LONG_TEXT, false);

    // ★配置が必要な事業所の状況
    let n = &form.placement_need;
    for (value, field, label) in [
        (n.required_count, "placement_need.required_count", "配置の必要数"),
        (n.completed_count, "placement_need.completed_count", "修了数"),
    ] {
        match value {
            None => c.push(field, "required", format!("{label}を入力してください")),
            Some(v) if v > COUNT_MAX => c.push(field, "range", format!("{label}は0〜{COUNT_MAX}で入力してください")),
            Some(_) => {}
        }
    }
    if n.required_count == Some(0) {
        c.push("placement_need.required_count", "range", "配置の必要数は1以上で入力してください");
    }
    match n.plan_category {
        None => c.push("placement_need.plan_category", "required", "配置予定を選択してください"),
        Some(PlanCategory::Other) if n.plan_detail.trim().is_empty() => {
            c.push("placement_need.plan_detail", "required", "「その他」の内容を記入してください")
        }
        _ => {}
    }
    out.placement_need.plan_detail = c.text(&n.plan_detail, "placement_need.plan_detail", "その他の内容", TEXT, false);
    out.placement_need.reason = c.text(&n.reason, "placement_need.reason", "配置が必要な具体的理由", LONG_TEXT, true);
    if let Some(priority) = n.office_priority {
        if !(1..=COUNT_MAX).contains(&priority) {
            c.push("placement_need.office_priority", "range", "事業所内の優先順位は1以上の数字で入力してください");
        }
    }

    // ★所属長の推薦, ★送信内容のチェック
    if !form.recommended {
        c.push(
            "recommended",
            "recommendation_required",
            "法人（事業所）としての推薦による申込であることを確認してください",
        );
    }
    if !form.confirmed {
        c.push("confirmed", "confirmation_required", "入力内容に相違ないことを確認してください");
    }

    c.finish(out)
}

/// One completion slot ①–④: empty, or category, date and certificate number that fit.
fn check_history(c: &mut Checker, slot: Slot, entry: Option<&HistoryEntry>, today: Date) -> Option<HistoryEntry> {
    let (key, label) = (slot.key(), slot.label());
    let Some(entry) =
        entry.filter(|e| e.category.is_some() || e.completed_on.is_some() || !e.certificate_number.trim().is_empty())
    else {
        if slot.required() {
            c.push(
                format!("history.{key}"),
                "required",
                format!("{label}の修了歴（区分・修了年月日・証書番号）を入力してください"),
            );
        }
        return None;
    };
    let mut out = entry.clone();
    if entry.category.is_none() {
        c.push(format!("history.{key}.category"), "required", format!("{label}の区分を選択してください"));
    }
    let date_field = format!("history.{key}.completed_on");
    let date_label = format!("{label}の修了年月日");
    let Some(day) = entry.completed_on else {
        c.push(date_field, "required", format!("{date_label}を入力してください"));
        return Some(out);
    };
    if !c.date_in(day, Years::PERSONAL, &date_field, &date_label) {
        return Some(out);
    }
    if day > today {
        c.push(&date_field, "future_date", format!("{date_label}に未来の日付は入力できません"));
    }
    if let Some(category) = entry.category {
        let completion = Completion { category, completed_on: day };
        match slot.check(completion) {
            Ok(()) => {}
            Err(error @ SlotError::WrongCategory) => {
                c.push(format!("history.{key}.category"), "wrong_slot", error.message(slot, completion))
            }
            Err(error @ SlotError::OutsideFiscalYears { .. }) => {
                c.push(&date_field, "outside_fiscal_years", error.message(slot, completion))
            }
        }
    }
    let number_field = format!("history.{key}.certificate_number");
    if c.characters(&entry.certificate_number, &number_field, "証書番号") {
        match certificate_number(&entry.certificate_number, fiscal_year(day)) {
            Ok(CertificateNumber::Number(n)) => out.certificate_number = n,
            Ok(CertificateNumber::NotStated) => out.certificate_number = "未記載".into(),
            Err(message) => c.push(number_field, "invalid", message),
        }
    }
    Some(out)
}

fn check_ojt(c: &mut Checker, form: &PracticalForm, out: &mut PracticalForm) {
    let o = &form.ojt;
    let needs_detail = matches!(form.target, Some(TargetCategory::A | TargetCategory::I));
    if o.six_month_requirements && form.target != Some(TargetCategory::I) {
        c.push(
            "ojt.six_month_requirements",
            "only_for_target_i",
            "【OJT6ヶ月要件】は受講対象イを選んだ場合のみチェックしてください",
        );
    }
    if needs_detail {
        if o.start.is_none() {
            c.push("ojt.start", "required", "OJT期間の始期を入力してください");
        }
        if o.end.is_none() {
            c.push("ojt.end", "required", "OJT期間の終期を入力してください");
        }
        for (value, field, label) in [
            (o.total_years, "ojt.total_years", "トータルのOJT期間（年）"),
            (o.total_months, "ojt.total_months", "トータルのOJT期間（ヶ月）"),
            (o.working_days, "ojt.working_days", "トータルの勤務日数"),
        ] {
            if value.is_none() {
                c.push(field, "required", format!("{label}を入力してください"));
            }
        }
        if !(o.plan_creation || o.consultation_work || o.direct_support) {
            c.push("ojt.activities", "required", "OJT期間に従事した業務内容を一つ以上選んでください");
        }
    }
    for (day, field, label) in [(o.start, "ojt.start", "OJT期間の始期"), (o.end, "ojt.end", "OJT期間の終期")]
    {
        if let Some(day) = day {
            c.date_in(day, Years::PERSONAL, field, label);
        }
    }
    for (i, leave) in o.leave_periods.iter().enumerate() {
        c.date_in(leave.start, Years::PERSONAL, &format!("ojt.leave_periods[{i}].start"), "休職期間の始まり");
        c.date_in(leave.end, Years::PERSONAL, &format!("ojt.leave_periods[{i}].end"), "休職期間の終わり");
    }
    if let (Some(start), Some(end)) = (o.start, o.end) {
        if end < start {
            c.push("ojt.end", "end_before_start", "OJT期間の終期が始期より前になっています");
        }
    }
    if o.total_months.is_some_and(|m| m > 11) {
        c.push("ojt.total_months", "range", "ヶ月は0〜11で入力してください（12ヶ月は1年としてください）");
    }
    if o.total_years.is_some_and(|y| y > 60) {
        c.push("ojt.total_years", "range", "年数をご確認ください");
    }
    if o.working_days.is_some_and(|d| d > 366 * 10) {
        c.push("ojt.working_days", "range", "勤務日数をご確認ください");
    }
    let mut leaves: Vec<(usize, &LeavePeriod)> = o.leave_periods.iter().enumerate().collect();
    for (i, leave) in &leaves {
        if leave.end < leave.start {
            c.push(
                format!("ojt.leave_periods[{i}].end"),
                "end_before_start",
                "休職期間の終わりが始まりより前になっています",
            );
        }
    }
    leaves.sort_by_key(|(_, l)| l.start);
    for pair in leaves.windows(2) {
        let ((_, a), (j, b)) = (pair[0], pair[1]);
        if b.start <= a.end {
            c.push(format!("ojt.leave_periods[{j}].start"), "overlap", "休職期間が他の休職期間と重なっています");
        }
    }
    out.ojt.remarks = c.text(&o.remarks, "ojt.remarks", "OJT期間に関する備考", LONG_TEXT, false);
}

impl PracticalForm {
    /// What the eligibility rules read from this form.
    pub fn eligibility_input(&self) -> EligibilityInput {
        let completion = |e: &Option<HistoryEntry>| {
            e.as_ref().and_then(|e| Some(Completion { category: e.category?, completed_on: e.completed_on? }))
        };
        EligibilityInput {
            target: self.target,
            consultation: completion(&self.history.consultation),
            basic: completion(&self.history.basic),
            practical: completion(&self.history.practical),
            renewal: completion(&self.history.renewal),
            transitional: self.history.transitional,
            ojt_start: self.ojt.start,
            ojt_end: self.ojt.end,
            working_days: self.ojt.working_days,
            plan_creation: self.ojt.plan_creation,
            consultation_work: self.ojt.consultation_work,
            direct_support: self.ojt.direct_support,
            six_month_requirements: self.ojt.six_month_requirements,
            leave_periods: self.ojt.leave_periods.clone(),
        }
    }

    /// A preference the applicant says cannot be moved (a reason was given).
    pub fn binding_preference(&self) -> bool {
        self.preferred_schedule_id.is_some() && !self.schedule_reason.trim().is_empty()
    }
}

/// The person behind an address, for the one-address-per-person rule: the name without
/// spaces and the birth date. Two records with the same key are the same person.
pub fn person_key(full_name: &str, birth_date: Option<Date>) -> String {
    let name: String = full_name.chars().filter(|c| !c.is_whitespace()).collect();
    match birth_date {
        Some(day) => format!("{name}|{day}"),
        None => name,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use time::macros::date;

    /// The ア example of seed 003, filled in as the seed shows it.
    pub fn seed_example_a() -> PracticalForm {
        PracticalForm {
            kind: Some(PracticalKind::Sabikan),
            preferred_schedule_id: Some(1),
            any_schedule: false,
            schedule_reason: String::new(),
            applicant: Applicant {
                furigana: "たかはし はなこ".into(),
                full_name: "髙橋 花子".into(),
                job_title: "生活支援員".into(),
                birth_date: Some(date!(1985 - 04 - 01)),
                sex: Some(Sex::Female),
            },
            affiliation: Affiliation {
                via_other_corporation: false,
                corporation: "社会福祉法人 北の杜".into(),
                office: "就労支援センターきたのもり".into(),
                postal_code: "０６０－０００１".into(),
                address: "札幌市中央区北1条西1丁目".into(),
                phone: "０１１－１２３－４５６７".into(),
                fax: "".into(),
                email: "hanako@example.jp".into(),
                email_confirmation: "hanako@EXAMPLE.jp".into(),
            },
            notification: None,
            placement: PlacementOffice {
                setting: Some(SettingStatus::Existing),
                corporation: "社会福祉法人 北の杜".into(),
                office: "就労支援センターきたのもり".into(),
                office_number: "０１２３４５６７８９".into(),
                address: "札幌市中央区".into(),
                services: vec!["就労継続支援B型".into()],
            },
            target: Some(TargetCategory::A),
            history: History {
                consultation: Some(HistoryEntry {
                    category: Some(TrainingName::E),
                    completed_on: Some(date!(2019 - 12 - 15)),
                    certificate_number: "第１２３４５６号".into(),
                }),
                basic: Some(HistoryEntry {
                    category: Some(TrainingName::G),
                    completed_on: Some(date!(2019 - 11 - 02)),
                    certificate_number: "A123456".into(),
                }),
                ..History::default()
            },
            ojt: Ojt {
                start: Some(date!(2019 - 12 - 16)),
                end: Some(date!(2022 - 05 - 31)),
                total_years: Some(2),
                total_months: Some(1),
                working_days: Some(541),
                direct_support: true,
                leave_periods: vec![LeavePeriod { start: date!(2020 - 12 - 01), end: date!(2021 - 03 - 31) }],
                remarks: "2020年12月1日～2021年3月31日(4ヶ月間)病気療養のため休職".into(),
                ..Ojt::default()
            },
            accommodations: Accommodations::default(),
            placement_need: PlacementNeed {
                required_count: Some(2),
                completed_count: Some(1),
                plan_category: Some(PlanCategory::Retirement),
                plan_detail: String::new(),
                reason: "令和5年に現サビ管が定年退職するため後任のサビ管が必要".into(),
                office_priority: Some(1),
                wants_waitlist: true,
            },
            recommended: true,
            confirmed: true,
        }
    }

    fn ctx() -> FormContext {
        FormContext { today: date!(2022 - 05 - 01), schedule_ids: vec![1, 2], attachment_present: false }
    }

    fn fields(form: &PracticalForm) -> Vec<(String, &'static str)> {
        check(form, &ctx()).unwrap_err().into_iter().map(|i| (i.field, i.code)).collect()
    }

    #[test]
    fn an_office_without_service_types_is_a_warning_only() {
        let mut form = seed_example_a();
        assert!(warnings(&form).is_empty());
        form.placement.services = vec![" ".into()];
        let found = warnings(&form);
        assert_eq!((found[0].field.as_str(), found[0].code), ("placement.services", "none_listed"));
        form.kind = None;
        assert!(warnings(&form).is_empty(), "without a kind there is nothing to fit");
    }

    #[test]
    fn the_seed_example_passes_and_is_normalised() {
        let out = check(&seed_example_a(), &ctx()).unwrap();
        assert_eq!(out.affiliation.postal_code, "060-0001");
        assert_eq!(out.affiliation.phone, "011-123-4567");
        assert_eq!(out.placement.office_number, "0123456789");
        assert_eq!(out.history.consultation.unwrap().certificate_number, "123456");
        assert_eq!(out.applicant.full_name, "髙橋 花子");
        assert!(!seed_example_a().binding_preference());
    }

    #[test]
    fn a_phone_number_error_names_its_field_and_what_is_wrong() {
        let mut form = seed_example_a();
        form.affiliation.fax = "011-123-456".into();
        let issues = check(&form, &ctx()).unwrap_err();
        let fax = issues.iter().find(|i| i.field == "affiliation.fax").expect("fax issue");
        assert_eq!(fax.message, "FAX番号は0から始まる10桁または11桁で入力してください（例: 0123-45-6789）");
    }

    #[test]
    fn an_empty_form_reports_every_required_field_at_once() {
        let issues = fields(&PracticalForm::default());
        for field in [
            "kind",
            "preferred_schedule_id",
            "applicant.furigana",
            "applicant.full_name",
            "applicant.birth_date",
            "applicant.sex",
            "affiliation.address",
            "affiliation.email",
            "affiliation.email_confirmation",
            "placement.setting",
            "target",
            "history.consultation",
            "history.basic",
            "placement_need.required_count",
            "placement_need.completed_count",
            "placement_need.plan_category",
            "placement_need.reason",
            "recommended",
            "confirmed",
        ] {
            assert!(issues.iter().any(|(f, _)| f == field), "{field} missing from {issues:?}");
        }
    }

    #[test]
    fn bad_input_of_the_issue_is_reported_per_field() {
        let mut form = seed_example_a();
        form.applicant.furigana = "タカハシ".into();
        form.placement.office_number = "012345678".into();
        form.affiliation.postal_code = "06O-OOO1".into();
        form.history.consultation.as_mut().unwrap().category = Some(TrainingName::G);
        form.history.basic.as_mut().unwrap().completed_on = Some(date!(2030 - 01 - 01));
        form.ojt.end = Some(date!(2019 - 01 - 01));
        form.ojt.leave_periods.push(LeavePeriod { start: date!(2021 - 03 - 01), end: date!(2021 - 04 - 30) });
        let issues = fields(&form);
        for (field, code) in [
            ("applicant.furigana", "invalid"),
            ("placement.office_number", "invalid"),
            ("affiliation.postal_code", "invalid"),
            ("history.consultation.category", "wrong_slot"),
            ("history.basic.completed_on", "future_date"),
            ("ojt.end", "end_before_start"),
            ("ojt.leave_periods[1].start", "overlap"),
        ] {
            assert!(issues.contains(&(field.to_owned(), code)), "{field}/{code} missing from {issues:?}");
        }
    }

    #[test]
    fn a_completion_outside_its_fiscal_years_is_a_field_issue() {
        let mut form = seed_example_a();
        // e (FY2012-) completed in 2000, as in the seed's illustrative ウ example.
        form.history.consultation.as_mut().unwrap().completed_on = Some(date!(2000 - 10 - 30));
        assert!(fields(&form).contains(&("history.consultation.completed_on".into(), "outside_fiscal_years")));
    }

    #[test]
    fn control_characters_are_refused_in_every_kind_of_field() {
        let mut form = seed_example_a();
        form.applicant.full_name = "髙橋\0花子".into();
        form.applicant.furigana = "たかはし\tはなこ".into();
        form.affiliation.postal_code = "060-0001\0".into();
        form.affiliation.fax = "\u{7f}".into();
        form.affiliation.email_confirmation = "hanako@example.jp\0".into();
        form.placement.office_number = "0123456789\n".into();
        form.placement.services = vec!["就労継続支援B型".into(), "生活介護\0".into()];
        form.history.basic.as_mut().unwrap().certificate_number = "A123\u{9b}".into();
        form.placement_need.reason = "退職のため\0".into();
        let issues = fields(&form);
        for field in [
            "applicant.full_name",
            "applicant.furigana",
            "affiliation.postal_code",
            "affiliation.fax",
            "affiliation.email_confirmation",
            "placement.office_number",
            "placement.services[1]",
            "history.basic.certificate_number",
            "placement_need.reason",
        ] {
            assert!(issues.contains(&(field.to_owned(), "control_character")), "{field} missing from {issues:?}");
        }
        assert_eq!(issues.len(), 9, "{issues:?}");
    }

    #[test]
    fn multi_line_fields_keep_line_breaks_and_one_line_fields_refuse_them() {
        let mut form = seed_example_a();
        form.affiliation.address = "札幌市中央区\r\n北1条西1丁目".into();
        form.ojt.remarks = "一行目\n二行目".into();
        let out = check(&form, &ctx()).unwrap();
        assert_eq!(out.affiliation.address, "札幌市中央区\n北1条西1丁目");
        form.affiliation.office = "就労支援センター\nきたのもり".into();
        assert_eq!(fields(&form), [("affiliation.office".to_owned(), "control_character")]);
    }

    #[test]
    fn dates_outside_1900_to_2100_are_refused_per_field() {
        let mut form = seed_example_a();
        form.history.consultation.as_mut().unwrap().completed_on = Some(date!(9999 - 12 - 31));
        form.ojt.start = Some(date!(1800 - 01 - 01));
        form.ojt.leave_periods[0].end = date!(2101 - 01 - 01);
        let issues = fields(&form);
        for field in ["history.consultation.completed_on", "ojt.start", "ojt.leave_periods[0].end"] {
            assert!(issues.contains(&(field.to_owned(), "date_out_of_range")), "{field} missing from {issues:?}");
        }
    }

    #[test]
    fn via_another_corporation_needs_the_notification_address() {
        let mut form = seed_example_a();
        form.affiliation.via_other_corporation = true;
        assert!(fields(&form).contains(&("notification".into(), "required")));
        form.notification = Some(NotificationAddress {
            postal_code: "0600001".into(),
            address: "札幌市中央区北1条西1丁目".into(),
            addressee: "".into(),
            phone: "011-000-0000".into(),
        });
        assert_eq!(fields(&form), [("notification.addressee".to_owned(), "required")]);
    }

    #[test]
    fn services_must_fit_the_kind_and_six_month_box_is_for_i_only() {
        let mut form = seed_example_a();
        form.kind = Some(PracticalKind::Jihatsukan);
        form.ojt.six_month_requirements = true;
        let issues = fields(&form);
        assert!(issues.contains(&("placement.services".into(), "service_mismatch")));
        assert!(issues.contains(&("ojt.six_month_requirements".into(), "only_for_target_i")));
    }

    #[test]
    fn a_certificate_copy_is_attached_or_faxed() {
        let mut form = seed_example_a();
        form.history.completed_elsewhere = true;
        assert!(fields(&form).contains(&("attachment".into(), "required")));
        form.history.send_by_fax = true;
        assert!(check(&form, &ctx()).is_ok());
        form.history.send_by_fax = false;
        assert!(check(&form, &FormContext { attachment_present: true, ..ctx() }).is_ok());
    }

    #[test]
    fn the_seed_example_is_eligible_with_two_years_one_month_fifteen_days() {
        let form = check(&seed_example_a(), &ctx()).unwrap();
        let verdict = crate::eligibility::evaluate(&form.eligibility_input(), date!(2022 - 06 - 06));
        assert_eq!(verdict.derived.total_label, "2年1ヶ月15日");
        assert_eq!(verdict.outcome, crate::eligibility::Outcome::Eligible);
    }

    #[test]
    fn person_keys_ignore_spaces() {
        assert_eq!(
            person_key("髙橋 花子", Some(date!(1985 - 04 - 01))),
            person_key("髙橋花子", Some(date!(1985 - 04 - 01)))
        );
    }
}
