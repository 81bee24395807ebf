//! `kenshu demo`: two realistic trainings and a demo admin, loaded idempotently.
//!
//! Dates are set relative to today so the demo always shows open trainings: the Sapporo
//! online training of seed 000 and a Hokkaido practical training (seed 003) with two
//! exercise schedules.

use kenshu_domain::practical::CERTIFICATE_FAX;
use kenshu_domain::staff::Role;
use kenshu_domain::time_jp::JST;
use kenshu_domain::training::{ExerciseSchedulePlan, FormKind, Format, StatusAction, TrainingPlan};
use kenshu_domain::wareki::fiscal_year_label;
use kenshu_persistence::repos::{staff_users, trainings};
use kenshu_persistence::{Db, RepoError};
use rand::distributions::{Alphanumeric, DistString};
use time::{Duration, OffsetDateTime, Time, Weekday};

use crate::auth::password;
use crate::usecases::trainings as usecase;

pub const DEMO_ADMIN_EMAIL: &str = "admin@kenshu.example";
/// The prefecture's read-only viewer of the demo.
pub const DEMO_PREFECTURE_EMAIL: &str = "hokkaido@kenshu.example";

/// What the demo loaded, for the command to print.
pub struct DemoReport {
    pub trainings: Vec<(i32, String, bool)>,
    pub admin_email: &'static str,
    pub admin_password: String,
    pub prefecture_email: &'static str,
    pub prefecture_password: String,
}

/// The first `weekday` at least `days` days after `today`, at `hour:minute` Tokyo time.
fn upcoming(now: OffsetDateTime, days: i64, weekday: Weekday, hour: u8, minute: u8) -> OffsetDateTime {
    let mut day = (now.to_offset(JST) + Duration::days(days)).date();
    while day.weekday() != weekday {
        day = day.next_day().expect("dates continue");
    }
    day.with_time(Time::from_hms(hour, minute, 0).expect("valid time")).assume_offset(JST)
}

fn sapporo_plan(now: OffsetDateTime) -> TrainingPlan {
    let starts_at = upcoming(now, 21, Weekday::Thursday, 18, 30);
    TrainingPlan {
        title: format!("{}第3回ケアマネ資質向上研修会", fiscal_year_label(starts_at.date())),
        purpose: "福祉に従事する方に必要な知識・技術・資質の維持・向上を目的とする。".into(),
        organiser: "一般社団法人札幌市介護支援専門員連絡協議会".into(),
        starts_at,
        ends_at: starts_at + Duration::minutes(90),
        venue: "WEB研修（Zoom）".into(),
        theme: "「自立をどのように考えるか」～新任ケアマネに自立支援を伝えるにあたって～".into(),
        lecturer: "札幌市介護支援専門員連絡協議会 研修委員長 尾崎 哲".into(),
        target_audience: "特定施設入居者生活介護を実施している施設、地域包括支援センターに勤務する主任介護支援専門員"
            .into(),
        fee_yen: 0,
        capacity: 100,
        format: Format::Online,
        zoom_url: Some("https://us02web.zoom.us/j/87320701848?pwd=dn16azYzRi9lWk1ZeCtyTjZMaTc5U0R0".into()),
        zoom_meeting_id: Some("873 2070 1848".into()),
        zoom_passcode: Some("548733".into()),
        room_opens_minutes_before: 30,
        application_opens_at: now - Duration::days(1),
        application_closes_at: starts_at - Duration::days(7),
        check_in_opens_minutes_before: 30,
        check_in_grace_minutes: 5,
        check_out_window_minutes: 30,
        issues_certificate: true,
        checklist_required: true,
        form_kind: FormKind::Simple,
        waiting_list: false,
        contact: "〒001-0010 北海道札幌市北区北10条西4丁目1 SCビル2F\nTel：011-792-1811 Fax：011-792-5140\nE-mail：info@sapporo-cmrenkyo.jp".into(),
        exercise_schedules: vec![],
    }
}

fn practical_plan(now: OffsetDateTime) -> TrainingPlan {
    let starts_at = upcoming(now, 42, Weekday::Monday, 9, 30);
    let exercise = |label: &str, offset_days: i64| {
        let day = starts_at + Duration::days(offset_days);
        ExerciseSchedulePlan {
            id: None,
            label: label.into(),
            starts_at: day,
            ends_at: day + Duration::days(1) + Duration::hours(7),
            capacity: 60,
        }
    };
    TrainingPlan {
        title: format!(
            "{} 北海道サービス管理責任者実践研修・児童発達支援管理責任者実践研修",
            fiscal_year_label(starts_at.date())
        ),
        purpose: "サービス管理責任者・児童発達支援管理責任者として、実践的な支援の質の向上と人材育成に必要な知識・技術を習得することを目的とする。".into(),
        organiser: "北海道（研修事業者：北海道ケアマネジメントネットワーク）".into(),
        starts_at,
        ends_at: starts_at + Duration::days(8) + Duration::hours(7),
        venue: "講義：eラーニング／演習：Zoom（オンライン）".into(),
        theme: "障害福祉サービスの質の向上と、サービス提供プロセスの管理・人材育成".into(),
        lecturer: "北海道相談支援従事者・サービス管理責任者等研修 講師団".into(),
        target_audience: "基礎研修修了後、OJT期間（原則2年以上、要件を満たす場合6か月以上）を満たす方、又は更新研修の受講期限を過ぎた方".into(),
        fee_yen: 0,
        capacity: 120,
        format: Format::Online,
        zoom_url: Some("https://us02web.zoom.us/j/81234567890".into()),
        zoom_meeting_id: Some("812 3456 7890".into()),
        zoom_passcode: Some("203415".into()),
        room_opens_minutes_before: 30,
        application_opens_at: now - Duration::days(1),
        application_closes_at: starts_at - Duration::days(21),
        check_in_opens_minutes_before: 30,
        check_in_grace_minutes: 5,
        check_out_window_minutes: 30,
        issues_certificate: false,
        checklist_required: false,
        form_kind: FormKind::Practical,
        waiting_list: true,
        contact: format!("北海道サービス管理責任者等実践研修 事務局\nFAX：{CERTIFICATE_FAX}（修了証書の写しの送付先）"),
        exercise_schedules: vec![exercise("第1日程", 3), exercise("第2日程", 6)],
    }
}

/// Four applicants to the practical training, so that the staff review screen has an order
/// to propose: different plan categories, offices and schedule preferences, one binding.
async fn practical_applicants(
    db: &Db,
    training: &kenshu_domain::training::Training,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    use kenshu_domain::eligibility::period::end_of_previous_month;
    use kenshu_domain::eligibility::{evaluate, TargetCategory, TrainingName};
    use kenshu_domain::practical::{PlanCategory, PracticalKind, SettingStatus};
    use kenshu_domain::practical_form::*;
    use kenshu_domain::text::contact::Email;
    use kenshu_persistence::repos::practical::{self, NewPractical};

    let lecture = kenshu_domain::practical::lecture_start(training);
    let schedules: Vec<i32> = training.plan.exercise_schedules.iter().filter_map(|s| s.id).collect();
    let people = [
        ("さっぽろ はなこ", "札幌 花子", "sapporo", PlanCategory::Reduction, Some(0), "", "0110100001"),
        ("はこだて たろう", "函館 太郎", "hakodate", PlanCategory::NewOffice, None, "", "0110200002"),
        (
            "よしの あゆみ",
            "𠮷野 歩",
            "yoshino",
            PlanCategory::Retirement,
            Some(1),
            "第1日程は事業所の行事と重なるため",
            "0110300003",
        ),
        ("たかさき けん", "髙﨑 健", "takasaki", PlanCategory::Development, Some(0), "", "0110100001"),
    ];
    for (i, (kana, name, mail, plan, schedule, reason, office)) in people.into_iter().enumerate() {
        let basic = lecture - Duration::days(1000 + 40 * i as i64);
        let email = format!("{mail}@example.jp");
        let form = PracticalForm {
            kind: Some(PracticalKind::Sabikan),
            preferred_schedule_id: schedule.and_then(|k: usize| schedules.get(k).copied()),
            any_schedule: schedule.is_none(),
            schedule_reason: reason.into(),
            applicant: Applicant {
                furigana: kana.into(),
                full_name: name.into(),
                job_title: "生活支援員".into(),
                birth_date: Some(time::macros::date!(1980 - 04 - 01) + Duration::days(400 * i as i64)),
                sex: Some(if i % 2 == 0 { Sex::Female } else { Sex::Male }),
            },
            affiliation: Affiliation {
                corporation: "社会福祉法人 北の杜".into(),
                office: format!("北の杜 第{}事業所", i + 1),
                postal_code: "060-0001".into(),
                address: "札幌市中央区北1条西1丁目".into(),
                phone: "011-123-4567".into(),
                email: email.clone(),
                email_confirmation: email.clone(),
                ..Affiliation::default()
            },
            placement: PlacementOffice {
                setting: Some(SettingStatus::Existing),
                corporation: "社会福祉法人 北の杜".into(),
                office: format!("北の杜 第{}事業所", i + 1),
                office_number: office.into(),
                address: "札幌市".into(),
                services: vec!["生活介護".into()],
            },
            notification: None,
            target: Some(TargetCategory::A),
            history: History {
                consultation: Some(HistoryEntry {
                    category: Some(TrainingName::E),
                    completed_on: Some(basic - Duration::days(30)),
                    certificate_number: format!("S{:05}", 100 + i),
                }),
                basic: Some(HistoryEntry {
                    category: Some(TrainingName::G),
                    completed_on: Some(basic),
                    certificate_number: format!("B{:05}", 200 + i),
                }),
                ..History::default()
            },
            ojt: Ojt {
                start: Some(basic + Duration::days(1)),
                end: end_of_previous_month(lecture),
                total_years: Some(2),
                total_months: Some(6),
                working_days: Some(600),
                direct_support: true,
                ..Ojt::default()
            },
            accommodations: Accommodations::default(),
            placement_need: PlacementNeed {
                required_count: Some(2),
                completed_count: Some((i % 2) as u32),
                plan_category: Some(plan),
                reason: "サービス管理責任者の配置が必要なため".into(),
                office_priority: Some(if i == 3 { 2 } else { 1 }),
                wants_waitlist: true,
                ..PlacementNeed::default()
            },
            recommended: true,
            confirmed: true,
        };
        let ctx = FormContext {
            today: lecture.min(now.to_offset(JST).date()),
            schedule_ids: schedules.clone(),
            attachment_present: false,
        };
        let form = check(&form, &ctx).map_err(|issues| anyhow::anyhow!("demo applicant is invalid: {issues:?}"))?;
        let verdict = evaluate(&form.eligibility_input(), lecture);
        let email = Email::parse(&form.affiliation.email).map_err(|e| anyhow::anyhow!(e))?;
        practical::insert(
            db,
            NewPractical {
                training_id: training.id,
                form: &form,
                email_normalized: email.normalized(),
                person_key: &person_key(&form.applicant.full_name, form.applicant.birth_date),
                submitted_verdict: &verdict,
                attachment: None,
                // Demo applicants get no mail, so no one holds a key to their My Page.
                key_hash: &crate::usecases::apply::new_key().1,
            },
            now + Duration::minutes(i as i64),
        )
        .await?;
    }
    Ok(())
}

/// Loads the demo. A training whose title already exists is left alone, and the demo
/// admin gets a fresh password every run (printed, since it is the only way in).
pub async fn load(db: &Db, now: OffsetDateTime) -> anyhow::Result<DemoReport> {
    // Whole minutes read better on the list than 20:15:03.398.
    let now = now.replace_second(0)?.replace_nanosecond(0)?;
    let mut loaded = Vec::new();
    for plan in [sapporo_plan(now), practical_plan(now)] {
        let issues = kenshu_domain::training::check_plan(&plan);
        anyhow::ensure!(issues.is_empty(), "demo plan is invalid: {issues:?}");
        match trainings::find_by_title(db, &plan.title).await? {
            Some(existing) => loaded.push((existing.id, existing.plan.title, false)),
            None => {
                let created = usecase::create(db, plan, now).await.map_err(|e| anyhow::anyhow!("{e}"))?;
                // 0: a new draft holds no seat, so there is nothing to hold.
                usecase::change_status(db, created.id, StatusAction::Publish, now, 0)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                if created.plan.form_kind == FormKind::Practical {
                    practical_applicants(db, &created, now).await?;
                }
                loaded.push((created.id, created.plan.title, true));
            }
        }
    }
    let admin_password = demo_account(db, DEMO_ADMIN_EMAIL, Role::Admin, now).await?;
    let prefecture_password = demo_account(db, DEMO_PREFECTURE_EMAIL, Role::Prefecture, now).await?;
    Ok(DemoReport {
        trainings: loaded,
        admin_email: DEMO_ADMIN_EMAIL,
        admin_password,
        prefecture_email: DEMO_PREFECTURE_EMAIL,
        prefecture_password,
    })
}

/// Creates the account, or gives it this role and a fresh password; returns the password.
async fn demo_account(db: &Db, email: &str, role: Role, now: OffsetDateTime) -> anyhow::Result<String> {
    let fresh = Alphanumeric.sample_string(&mut rand::rngs::OsRng, 16);
    let hash = password::hash(&fresh)?;
    match staff_users::create(db, email, &hash, role, now).await {
        Ok(_) => {}
        Err(RepoError::Conflict(_)) => {
            staff_users::reset(db, email, &hash, role, now).await?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(fresh)
}
