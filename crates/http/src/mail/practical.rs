//! Mails of the practical training: the acknowledgement of a submitted form and the
//! 受講可否通知 of each decision. Plain text, queued in the caller's transaction.

use kenshu_domain::practical_form::PracticalForm;
use kenshu_domain::selection::{requirement_line, NoticeGround};
use kenshu_domain::training::{ExerciseSchedulePlan, Training};
use kenshu_domain::wareki;
use kenshu_persistence::repos::outbox::NewMail;
use kenshu_persistence::ConnectionTrait;
use time::OffsetDateTime;

use crate::config::Config;
use crate::error::AppError;

pub const KIND_RECEIVED: &str = "practical_received";
pub const KIND_NOTICE: &str = "practical_notice";

fn footer(b: &mut String, config: &Config, training: &Training) {
    b.push_str("\n■□ -----\n");
    b.push_str(&training.plan.organiser);
    b.push('\n');
    if training.plan.contact.is_empty() {
        if let Some(inbox) = &config.organiser_inbox {
            b.push_str(&format!("E-mail：{inbox}\n"));
        }
    } else {
        b.push_str(&training.plan.contact);
        b.push('\n');
    }
    b.push_str("----- □■\n");
}

/// The schedule as one line: 演習日程A（令和8年1月20日(火) 9:30〜16:30）.
pub fn schedule_line(schedule: &ExerciseSchedulePlan) -> String {
    format!("{}（{}）", schedule.label, wareki::format_span(schedule.starts_at, schedule.ends_at))
}

/// The practical applicant's My Page.
pub fn my_page_url(config: &Config, key: &str) -> String {
    format!("{}/me/practical/{key}", config.public_url)
}

/// 申込内容のご確認（自動返信）, with the 受付番号 and the My Page link.
pub fn render_received(
    training: &Training,
    form: &PracticalForm,
    receipt_number: i32,
    key: &str,
    config: &Config,
) -> (String, String) {
    let plan = &training.plan;
    let a = &form.applicant;
    let subject = format!("【{}】実践研修 申込内容のご確認（自動返信）", plan.organiser);
    let mut b = String::new();
    b.push_str("■ 申込内容のご確認（自動返信） ■\n\n");
    b.push_str(&format!("{} 様\n\n", a.full_name));
    b.push_str(&format!("この度は「{}」へお申込みいただきありがとうございます。\n", plan.title));
    b.push_str("下記の内容で申込を受け付けました。受講の可否は、選考のうえ「受講可否通知」でお知らせします。\n");
    b.push_str("申込内容に誤りがある場合は、下記のお問い合わせ先までご連絡ください。\n\n");
    b.push_str(&format!("【受付番号】{receipt_number}\n"));
    b.push_str("お問い合わせの際は、受付番号をお知らせください。\n\n");
    b.push_str("【マイページ】\n");
    b.push_str(&format!("{}\n", my_page_url(config, key)));
    b.push_str("選考の状況と結果の確認、受講可否通知・修了証書のダウンロード、キャンセルができます。\n");
    b.push_str("このURLはあなた専用です。他の方に知らせないでください。\n\n");
    b.push_str("【研修名】\n");
    b.push_str(&format!("{}\n", plan.title));
    if let Some(kind) = form.kind {
        b.push_str(&format!("研修種別：{}\n", kind.label()));
    }
    b.push_str(&format!("講義日程：{}\n", wareki::format_span(plan.starts_at, plan.ends_at)));
    let preference = match form.preferred_schedule_id {
        Some(id) => {
            plan.exercise_schedules.iter().find(|s| s.id == Some(id)).map(schedule_line).unwrap_or_else(|| "—".into())
        }
        None => "どちらでもよい".into(),
    };
    b.push_str(&format!("演習日程の希望：{preference}\n\n"));
    b.push_str("【受講者】\n");
    b.push_str(&format!("氏名：{}（{}）\n", a.full_name, a.furigana));
    if let Some(birth) = a.birth_date {
        b.push_str(&format!("生年月日：{}\n", wareki::format_date(birth)));
    }
    b.push_str("※氏名と生年月日は修了証書に記載されます。誤りがある場合はお知らせください。\n");
    b.push_str(&format!("メールアドレス：{}\n", form.affiliation.email));
    footer(&mut b, config, training);
    (subject, b)
}

/// 受講可否通知 by mail; the printed letter (PDF) goes to the notification address.
pub fn render_notice(
    training: &Training,
    form: &PracticalForm,
    ground: &NoticeGround,
    schedule: Option<&ExerciseSchedulePlan>,
    number: Option<&str>,
    config: &Config,
) -> (String, String) {
    let plan = &training.plan;
    let short = match ground {
        NoticeGround::Accepted => "受講決定",
        NoticeGround::Waitlisted { .. } => "キャンセル待ち",
        NoticeGround::NotEligible { .. } | NoticeGround::Oversubscribed => "受講不可",
    };
    let subject = format!("【{}】{} 受講可否通知（{short}）", plan.organiser, plan.title);
    let mut b = String::new();
    b.push_str(&format!("{} 様\n\n", form.applicant.full_name));
    b.push_str(&format!("先日お申込みいただいた「{}」について、選考の結果をお知らせします。\n", plan.title));
    if let Some(number) = number {
        b.push_str(&format!("（通知文書 {number}）\n"));
    }
    b.push('\n');
    match ground {
        NoticeGround::Accepted => {
            b.push_str("【結果】受講決定\n\n");
            b.push_str("受講が決定しましたので通知します。\n");
            b.push_str(&format!("講義日程：{}\n", wareki::format_span(plan.starts_at, plan.ends_at)));
            if let Some(schedule) = schedule {
                b.push_str(&format!("演習日程：{}\n", schedule_line(schedule)));
            }
            b.push_str(&format!("会場：{}\n\n", plan.venue));
            b.push_str("eラーニング及びZoom演習のご案内は、このメールアドレスへ別途お送りします。\n");
        }
        NoticeGround::Waitlisted { position } => {
            b.push_str("【結果】キャンセル待ち\n\n");
            b.push_str("申込多数のため、現時点ではキャンセル待ち（補欠）として登録しました。\n");
            if let Some(n) = position {
                b.push_str(&format!("補欠順位：第{n}位\n"));
            }
            b.push_str("キャンセルが出た場合は、順位に従い追加で受講決定のご連絡をいたします。\n");
        }
        NoticeGround::Oversubscribed => {
            b.push_str("【結果】受講不可（申込多数のため）\n\n");
            b.push_str("申込多数のため、誠に残念ながら今回は受講いただけないこととなりました。\n");
            b.push_str("何卒ご了承くださいますようお願い申し上げます。\n");
        }
        NoticeGround::NotEligible { failed } => {
            b.push_str("【結果】受講不可（受講要件を満たしていないため）\n\n");
            b.push_str("お申込みの内容を審査したところ、次の受講要件を満たしていないため、今回は受講いただけないこととなりました。\n");
            for r in failed {
                b.push_str(&format!("・{}\n", requirement_line(r)));
            }
            b.push_str(
                "記載内容に誤りがある場合や、要件を満たす修了証書等をお持ちの場合は、下記までご連絡ください。\n",
            );
        }
    }
    b.push_str("\n通知文書は、申込時にご記入いただいた宛先へ郵送します。\n");
    footer(&mut b, config, training);
    (subject, b)
}

/// Queues a practical-training mail in the caller's transaction.
pub async fn queue(
    db: &impl ConnectionTrait,
    kind: &str,
    config: &Config,
    training: &Training,
    recipient: &str,
    (subject, body): (String, String),
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let mail = NewMail {
        kind,
        application_id: None,
        training_id: Some(training.id),
        recipient,
        cc: None,
        subject: &subject,
        body: &body,
    };
    super::enqueue(db, config, mail, now).await
}
