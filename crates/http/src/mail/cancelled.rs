//! キャンセルのご確認: sent when an applicant cancels on My Page, to them and (as every
//! application mail) to the organiser's inbox. Queued in the cancellation's transaction.

use kenshu_domain::application::Application;
use kenshu_domain::training::Training;
use kenshu_domain::wareki;
use kenshu_persistence::repos::outbox::NewMail;
use kenshu_persistence::ConnectionTrait;
use time::OffsetDateTime;

use crate::config::Config;
use crate::error::AppError;

pub const KIND: &str = "application_cancelled";

pub fn render(config: &Config, training: &Training, application: &Application) -> (String, String) {
    let plan = &training.plan;
    let organiser = &plan.organiser;
    let name = &application.full_name;
    let subject = format!("【{organiser}】キャンセルを承りました");
    let mut lines = vec![
        "■ キャンセルのご確認（自動返信） ■".to_owned(),
        String::new(),
        format!("{name} 様"),
        String::new(),
        "下記の研修のお申込みのキャンセルを承りました。".to_owned(),
        "再度受講を希望される場合は、研修の詳細ページからあらためてお申し込みください。".to_owned(),
    ];
    if config.organiser_inbox.is_some() {
        lines.push(String::new());
        lines.push(format!("（このメールは{name}様、【{organiser} 研修申込窓口】双方に送られております。）"));
    }
    lines.extend([
        String::new(),
        "【研修名】".to_owned(),
        plan.title.clone(),
        String::new(),
        "【研修会日時】".to_owned(),
        format!("日時：{}", wareki::format_span(plan.starts_at, plan.ends_at)),
        String::new(),
        "【キャンセルされた方】".to_owned(),
        format!("氏名：{name}"),
        format!("勤務先：{}", application.workplace),
        format!("メールアドレス：{}", application.email),
        String::new(),
        "■□ -----".to_owned(),
        organiser.clone(),
    ]);
    match (plan.contact.is_empty(), &config.organiser_inbox) {
        (false, _) => lines.push(plan.contact.clone()),
        (true, Some(inbox)) => lines.push(format!("E-mail：{inbox}")),
        (true, None) => {}
    }
    lines.push("----- □■".to_owned());
    (subject, lines.join("\n") + "\n")
}

pub async fn queue(
    db: &impl ConnectionTrait,
    config: &Config,
    training: &Training,
    application: &Application,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let (subject, body) = render(config, training, application);
    let mail = NewMail {
        kind: KIND,
        application_id: Some(application.id),
        training_id: Some(training.id),
        recipient: &application.email,
        cc: None,
        subject: &subject,
        body: &body,
    };
    super::enqueue(db, config, mail, now).await
}
