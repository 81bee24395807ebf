//! The mails Kenshu sends, rendered as plain text in the seed's wording (seed 000,
//! 研修申込完了メール), and queued in the outbox inside the caller's transaction.

pub mod cancelled;
pub mod practical;

use kenshu_domain::application::{Application, ApplicationStatus, Membership};
use kenshu_domain::training::Training;
use kenshu_domain::wareki;
use kenshu_persistence::repos::outbox::{self, NewMail};
use kenshu_persistence::ConnectionTrait;
use time::{Duration, OffsetDateTime};

use crate::config::Config;
use crate::error::AppError;

/// Which mail: its `kind` in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// 申込内容のご確認（自動返信）
    ApplicationReceived,
    /// キャンセル待ちからの繰り上げ
    WaitlistPromoted,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::ApplicationReceived => "application_received",
            MailKind::WaitlistPromoted => "waitlist_promoted",
        }
    }
}

/// The links a mail carries.
pub fn my_page_url(config: &Config, key: &str) -> String {
    format!("{}/me/{key}", config.public_url)
}

pub fn cancel_url(config: &Config, key: &str) -> String {
    format!("{}/me/{key}/cancel", config.public_url)
}

/// Whom a mail is about: an application's entries, stored or about to be.
#[derive(Debug, Clone, Copy)]
pub struct Applicant<'a> {
    pub status: ApplicationStatus,
    pub member: Membership,
    pub full_name: &'a str,
    pub job_title: Option<&'a str>,
    pub workplace: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
}

impl<'a> From<&'a Application> for Applicant<'a> {
    fn from(a: &'a Application) -> Self {
        Self {
            status: a.status,
            member: a.member,
            full_name: &a.full_name,
            job_title: a.job_title.as_deref(),
            workplace: &a.workplace,
            phone: &a.phone,
            email: &a.email,
        }
    }
}

/// The subject and body of the acknowledgement (or promotion) mail.
pub fn render(
    kind: MailKind,
    config: &Config,
    training: &Training,
    application: Applicant<'_>,
    key: Option<&str>,
    waitlist_position: Option<u64>,
) -> (String, String) {
    let plan = &training.plan;
    let organiser = &plan.organiser;
    let name = application.full_name;
    let subject = match kind {
        MailKind::ApplicationReceived => format!("【{organiser}】申込内容のご確認（自動返信）"),
        MailKind::WaitlistPromoted => format!("【{organiser}】キャンセル待ちからの繰り上げのご案内"),
    };
    let mut b = String::new();
    let mut line = |s: &str| {
        b.push_str(s);
        b.push('\n');
    };
    match kind {
        MailKind::ApplicationReceived => {
            line("■ 申込内容のご確認（自動返信） ■");
            line("");
            line(&format!("この度は、【{organiser} 研修申込窓口】へお申込みいただきましてありがとうございます。"));
            if application.status == ApplicationStatus::Waitlisted {
                let position = waitlist_position.map(|p| format!("（{p}番目）")).unwrap_or_default();
                line(&format!("定員に達しているため、キャンセル待ちとして承りました{position}。"));
                line("お席に空きが出ましたら、お申込み順に繰り上げのご案内をメールでお送りします。");
            } else {
                line("下記の内容にて申込を承りましたのでご確認ください。");
            }
        }
        MailKind::WaitlistPromoted => {
            line("■ キャンセル待ちからの繰り上げのご案内 ■");
            line("");
            line(&format!("{name} 様"));
            line("");
            line("キャンセル待ちでお申込みいただいていた研修に空きが出ましたので、受講が確定しました。");
            line("下記の内容をご確認ください。");
        }
    }
    if config.organiser_inbox.is_some() {
        line("");
        line(&format!("（このメールは{name}様、【{organiser} 研修申込窓口】双方に送られております。）"));
    }
    line("");
    line("【研修名】");
    line(&plan.title);
    line("");
    line("【研修会日時】");
    line(&format!("日時：{}", wareki::format_span(plan.starts_at, plan.ends_at)));
    line(&format!("会場：{}", plan.venue));
    line("");
    line("【お申し込み者】");
    line(&format!("会員/非会員：{}", application.member.label()));
    line(&format!("氏名：{name}"));
    if let Some(title) = application.job_title {
        line(&format!("資格・職名：{title}"));
    }
    line(&format!("勤務先：{}", application.workplace));
    line(&format!("電話番号：{}", application.phone));
    line(&format!("メールアドレス：{}", application.email));
    if application.status == ApplicationStatus::Confirmed && plan.format.uses_zoom() {
        if let Some(url) = &plan.zoom_url {
            let opens = plan.starts_at - Duration::minutes(i64::from(plan.room_opens_minutes_before));
            line("");
            line("【Zoomミーティング】");
            line(url);
            if let Some(id) = &plan.zoom_meeting_id {
                line(&format!("ミーティングID：{id}"));
            }
            if let Some(passcode) = &plan.zoom_passcode {
                line(&format!("パスコード：{passcode}"));
            }
            line(&format!(
                "※研修開始{}分前（{}）から入室できます。",
                plan.room_opens_minutes_before,
                wareki::time_of_day(opens)
            ));
            line("上記URLクリック後、主催者より入室手続きが行われるまでお待ちください。");
            line("※Zoomのアプリをインストールされていない方は、研修の前に予めご準備ください。");
        }
    }
    line("");
    line("【マイページの取り扱い】");
    let check_in_opens = plan.starts_at - Duration::minutes(i64::from(plan.check_in_opens_minutes_before));
    let check_in_window = format!(
        "「研修開始{}分前から研修開始までの間（{}〜{}）」に必ずマイページURLをクリックしてください。",
        plan.check_in_opens_minutes_before,
        wareki::time_of_day(check_in_opens),
        wareki::time_of_day(plan.starts_at)
    );
    match key {
        Some(key) => {
            line("【マイページURL】");
            line(&my_page_url(config, key));
            line("※マイページURLは本メール到着後からすぐにご利用いただけます。");
            line("※マイページURLは研修当日に使用します。");
            line(&check_in_window);
            line("※マイページURLに「研修の資料」や「マイページ操作方法」「Zoomの操作手順」をご案内しておりますのでご確認ください。");
            line("※マイページURLは本研修でのみ利用可能です。他の研修ではご利用いただけません。");
            line("");
            line("【キャンセルの取り扱い】");
            line("【キャンセルURL】");
            line(&cancel_url(config, key));
            line("※研修のキャンセルを行う場合、キャンセルURLをクリックしてください。");
            line("※申込内容を変更する場合は、一旦キャンセルを行った後で再度予約してください。");
        }
        None => {
            line("※マイページURL・キャンセルURLは、お申込み時にお送りした「申込内容のご確認（自動返信）」メールに記載のものをそのままご利用ください。");
            line("※マイページURLは研修当日に使用します。");
            line(&check_in_window);
        }
    }
    line("");
    line("■□ -----");
    line(organiser);
    if plan.contact.is_empty() {
        if let Some(inbox) = &config.organiser_inbox {
            line(&format!("E-mail：{inbox}"));
        }
    } else {
        line(&plan.contact);
    }
    line("----- □■");
    (subject, b)
}

/// Renders and queues a mail in the caller's transaction.
#[allow(clippy::too_many_arguments)] // what the mail says, where it goes, and the transaction
pub async fn queue(
    db: &impl ConnectionTrait,
    kind: MailKind,
    config: &Config,
    training: &Training,
    application: &Application,
    key: Option<&str>,
    waitlist_position: Option<u64>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let (subject, body) = render(kind, config, training, application.into(), key, waitlist_position);
    let mail = NewMail {
        kind: kind.as_str(),
        application_id: Some(application.id),
        training_id: Some(training.id),
        recipient: &application.email,
        cc: None,
        subject: &subject,
        body: &body,
    };
    enqueue(db, config, mail, now).await
}

/// Puts a rendered mail in the outbox of the caller's transaction, copied to the
/// organiser's inbox when one is configured.
pub(crate) async fn enqueue(
    db: &impl ConnectionTrait,
    config: &Config,
    mail: NewMail<'_>,
    now: OffsetDateTime,
) -> Result<i32, AppError> {
    let kind = mail.kind;
    let id = outbox::enqueue(db, NewMail { cc: config.organiser_inbox.as_deref(), ..mail }, now).await?;
    if config.smtp_url.is_none() {
        tracing::info!(mail.id = id, kind, "mail kept in the outbox: KENSHU_SMTP_URL is not set");
    }
    Ok(id)
}
