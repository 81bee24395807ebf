//! Valid request bodies, to be changed field by field: a training, a simple application,
//! the practical-training form.

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// Now plus `offset`, in RFC 3339 with the Tokyo offset.
pub fn rfc3339_in(offset: Duration) -> String {
    rfc3339(OffsetDateTime::now_utc().replace_nanosecond(0).expect("ns") + offset)
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.to_offset(kenshu_domain::time_jp::JST).format(&Rfc3339).expect("format")
}

/// A valid in-person training two weeks from now, open for applications since yesterday.
pub fn training_input() -> Value {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).expect("ns");
    let starts = now + Duration::days(14);
    json!({
        "title": "令和8年度第3回ケアマネ資質向上研修会",
        "purpose": "福祉に従事する方に必要な知識・技術・資質の維持・向上を目的とする。",
        "organiser": "一般社団法人札幌市介護支援専門員連絡協議会",
        "starts_at": rfc3339(starts),
        "ends_at": rfc3339(starts + Duration::minutes(90)),
        "venue": "札幌市社会福祉総合センター 4階 大研修室",
        "theme": "「自立をどのように考えるか」",
        "lecturer": "研修委員長 尾崎 哲",
        "target_audience": "主任介護支援専門員",
        "fee_yen": 0,
        "capacity": 100,
        "format": "in_person",
        "application_opens_at": rfc3339(now - Duration::days(1)),
        "application_closes_at": rfc3339(starts - Duration::days(3)),
        "issues_certificate": true,
        "checklist_required": false,
        "form_kind": "simple"
    })
}

/// A practical training (seed 003) whose lecture starts on `day` (JST) with two exercise
/// schedules of `capacity` places each, open for applications since yesterday.
pub fn practical_training_input(day: &str, capacity: i64) -> Value {
    let schedule = |label: &str| {
        json!({"label": label, "starts_at": format!("{day}T09:30:00+09:00"),
               "ends_at": format!("{day}T16:30:00+09:00"), "capacity": capacity})
    };
    json!({
        "title": "北海道サービス管理責任者実践研修",
        "purpose": "サービス管理責任者等の実践的な知識・技術の習得",
        "organiser": "北海道サービス管理責任者等研修事務局",
        "starts_at": format!("{day}T09:30:00+09:00"),
        "ends_at": format!("{day}T16:30:00+09:00"),
        "venue": "かでる2・7",
        "theme": "実践研修",
        "lecturer": "研修講師",
        "target_audience": "サービス管理責任者等",
        "fee_yen": 0,
        "capacity": capacity * 2,
        "format": "in_person",
        "application_opens_at": rfc3339_in(Duration::days(-1)),
        "application_closes_at": format!("{day}T09:00:00+09:00"),
        "issues_certificate": true,
        "checklist_required": false,
        "form_kind": "practical",
        "waiting_list": true,
        "contact": "北海道サービス管理責任者等研修事務局\nFAX：011-521-8551",
        "exercise_schedules": [schedule("第1日程"), schedule("第2日程")]
    })
}

/// A valid simple application for `email` (all 34 checklist answers, はい for the first 20).
pub fn application_form(email: &str) -> Value {
    let answers: Vec<bool> = (0..34).map(|i| i < 20).collect();
    json!({
        "member": "non_member",
        "full_name": "札幌 花子",
        "workplace": "有限会社谷川企画",
        "phone": "0123-45-6789",
        "email": email,
        "email_confirmation": email,
        "privacy_consent": true,
        "checklist_answers": answers
    })
}

/// The practical form filled with the seed's ア example, moved five years later (lecture
/// 2027-06-07): completions stay in the past and the art. 143 periods are the same, so the
/// verdict is still 2年1ヶ月15日. `schedule_id: None` means any schedule.
pub fn practical_form(email: &str, schedule_id: Option<i64>) -> Value {
    json!({
        "kind": "sabikan",
        "preferred_schedule_id": schedule_id,
        "any_schedule": schedule_id.is_none(),
        "schedule_reason": "",
        "applicant": {"furigana": "たかはし はなこ", "full_name": "髙橋 花子", "job_title": "生活支援員",
                      "birth_date": "1985-04-01", "sex": "female"},
        "affiliation": {"via_other_corporation": false, "corporation": "社会福祉法人 北の杜",
                        "office": "就労支援センターきたのもり", "postal_code": "０６０－０００１",
                        "address": "札幌市中央区北1条西1丁目", "phone": "011-123-4567", "fax": "",
                        "email": email, "email_confirmation": email},
        "notification": null,
        "placement": {"setting": "existing", "corporation": "社会福祉法人 北の杜", "office": "就労支援センターきたのもり",
                      "office_number": "0123456789", "address": "札幌市中央区", "services": ["就労継続支援B型"]},
        "target": "a",
        "history": {
            "consultation": {"category": "e", "completed_on": "2024-12-15", "certificate_number": "第１２３４５６号"},
            "basic": {"category": "g", "completed_on": "2024-11-02", "certificate_number": "A123456"},
            "practical": null, "renewal": null,
            "completed_elsewhere": false, "send_by_fax": false, "transitional": false
        },
        "ojt": {"six_month_requirements": false, "start": "2024-12-16", "end": "2027-05-31",
                "total_years": 2, "total_months": 1, "working_days": 541,
                "plan_creation": false, "consultation_work": false, "direct_support": true,
                "leave_periods": [{"start": "2025-12-01", "end": "2026-03-31"}],
                "remarks": "2025年12月1日～2026年3月31日(4ヶ月間)病気療養のため休職"},
        "accommodations": {"wheelchair": false, "sign_language": false, "large_print": false, "other": ""},
        "placement_need": {"required_count": 2, "completed_count": 1, "plan_category": "retirement",
                           "plan_detail": "", "reason": "現サビ管が定年退職するため後任が必要",
                           "office_priority": 1, "wants_waitlist": true},
        "recommended": true,
        "confirmed": true
    })
}

/// The same input with some top-level fields replaced.
pub fn with(mut base: Value, changes: Value) -> Value {
    for (key, value) in changes.as_object().expect("object") {
        base[key] = value.clone();
    }
    base
}

/// Sets one field by its dotted path (`"applicant.full_name"`), as problems name it.
pub fn set_at(form: &mut Value, path: &str, value: Value) {
    let (parents, field) = path.rsplit_once('.').unwrap_or(("", path));
    let mut target = form;
    for part in parents.split('.').filter(|p| !p.is_empty()) {
        target = &mut target[part];
    }
    target[field] = value;
}

/// A staff upload of one file titled 研修資料, for `public` or `participants`.
pub fn file_form(bytes: &[u8], filename: &str, visibility: &str) -> reqwest::multipart::Form {
    titled_file_form("研修資料", bytes, filename, visibility)
}

/// A staff upload of one file with this title.
pub fn titled_file_form(title: &str, bytes: &[u8], filename: &str, visibility: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("title", title.to_owned())
        .text("visibility", visibility.to_owned())
        .part("file", reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(filename.to_owned()))
}

/// The practical form as the SPA sends it with files: its `application` JSON part, to which
/// `attachment` parts are added.
pub fn practical_multipart(form: &Value) -> reqwest::multipart::Form {
    let application = reqwest::multipart::Part::text(form.to_string()).mime_str("application/json").expect("mime");
    reqwest::multipart::Form::new().part("application", application)
}
