//! The mail outbox: rows written in the same transaction as what they announce, sent by
//! a worker that claims them so that several instances never send one mail twice.

use kenshu_domain::ErrorCode;
use sea_orm::sea_query::{Expr, Order, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use time::{Duration, OffsetDateTime};

use super::Page;
use crate::entities::outbox::{self, Column, Entity as Outbox};
use crate::RepoError;
use kenshu_domain::time_jp::to_utc;

/// A mail to send.
pub struct NewMail<'a> {
    pub kind: &'a str,
    pub application_id: Option<i32>,
    pub training_id: Option<i32>,
    pub recipient: &'a str,
    pub cc: Option<&'a str>,
    pub subject: &'a str,
    pub body: &'a str,
}

/// A mail in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMail {
    pub id: i32,
    pub kind: String,
    pub application_id: Option<i32>,
    pub training_id: Option<i32>,
    pub recipient: String,
    pub cc: Option<String>,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: OffsetDateTime,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
}

impl From<outbox::Model> for OutboxMail {
    fn from(m: outbox::Model) -> Self {
        Self {
            id: m.id,
            kind: m.kind,
            application_id: m.application_id,
            training_id: m.training_id,
            recipient: m.recipient,
            cc: m.cc,
            subject: m.subject,
            body: m.body,
            status: m.status,
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at,
            last_error: m.last_error,
            created_at: m.created_at,
            sent_at: m.sent_at,
        }
    }
}

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

pub async fn enqueue(db: &impl ConnectionTrait, mail: NewMail<'_>, now: OffsetDateTime) -> Result<i32, RepoError> {
    Ok(new_model(mail, now).insert(db).await?.id)
}

/// The row to insert for `mail`.
pub(crate) fn new_model(mail: NewMail<'_>, now: OffsetDateTime) -> outbox::ActiveModel {
    let now = to_utc(now);
    outbox::ActiveModel {
        kind: Set(mail.kind.to_owned()),
        application_id: Set(mail.application_id),
        training_id: Set(mail.training_id),
        recipient: Set(mail.recipient.to_owned()),
        cc: Set(mail.cc.map(str::to_owned)),
        subject: Set(mail.subject.to_owned()),
        body: Set(mail.body.to_owned()),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
}

/// Claims up to `limit` due mails for `lease`: other workers skip them until it runs out.
/// PostgreSQL skips rows another worker is claiming (`FOR UPDATE SKIP LOCKED`); SQLite has
/// one writer at a time, so the update itself is the claim.
pub async fn claim(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    lease: Duration,
    limit: u64,
) -> Result<Vec<OutboxMail>, RepoError> {
    let ids = super::lease::claim_ids(db, "outbox", now, lease, limit).await?;
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(Outbox::find()
        .filter(Column::Id.is_in(ids))
        .order_by_asc(Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Marks a mail delivered; `kept_body` replaces the body (the caller removes secrets).
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    id: i32,
    kept_body: &str,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    Outbox::update_many()
        .col_expr(Column::Status, SENT.into())
        .col_expr(Column::Body, kept_body.into())
        .col_expr(Column::SentAt, Some(to_utc(now)).into())
        .col_expr(Column::LockedUntil, Option::<OffsetDateTime>::None.into())
        .col_expr(Column::LastError, Option::<String>::None.into())
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or marked failed when `None`.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    id: i32,
    attempts: i32,
    retry_at: Option<OffsetDateTime>,
    error: &str,
) -> Result<(), RepoError> {
    let mut update = Outbox::update_many()
        .col_expr(Column::Attempts, attempts.into())
        .col_expr(Column::LockedUntil, Option::<OffsetDateTime>::None.into())
        .col_expr(Column::LastError, Some(error.chars().take(1000).collect::<String>()).into());
    update = match retry_at {
        Some(at) => update.col_expr(Column::NextAttemptAt, to_utc(at).into()),
        None => update.col_expr(Column::Status, FAILED.into()),
    };
    update.filter(Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Mails of one status (or all), of one training (or all): failures first, then those
/// still queued, then the delivered ones; newest first within each.
pub async fn list(
    db: &impl ConnectionTrait,
    status: Option<&str>,
    training_id: Option<i32>,
    page: Page,
) -> Result<(Vec<OutboxMail>, u64), RepoError> {
    let mut query = Outbox::find();
    if let Some(status) = status {
        query = query.filter(Column::Status.eq(status));
    }
    if let Some(training_id) = training_id {
        query = query.filter(Column::TrainingId.eq(training_id));
    }
    let total = query.clone().count(db).await?;
    let rank: SimpleExpr =
        Expr::case(Column::Status.eq(FAILED), 0).case(Column::Status.eq(PENDING), 1).finally(2).into();
    let rows = query
        .order_by(rank, Order::Asc)
        .order_by_desc(Column::Id)
        .offset(page.offset())
        .limit(page.per_page)
        .all(db)
        .await?;
    Ok((rows.into_iter().map(Into::into).collect(), total))
}

/// Puts a mail back in the queue, due now, with a fresh count of attempts.
/// `Conflict` for a delivered mail: its body no longer holds the key it was sent with.
pub async fn resend(db: &impl ConnectionTrait, id: i32, now: OffsetDateTime) -> Result<OutboxMail, RepoError> {
    let current = Outbox::find_by_id(id).one(db).await?.ok_or(RepoError::NotFound)?;
    if current.status == SENT {
        return Err(RepoError::Conflict(ErrorCode::AlreadySent));
    }
    let result = Outbox::update_many()
        .col_expr(Column::Status, PENDING.into())
        .col_expr(Column::Attempts, 0.into())
        .col_expr(Column::NextAttemptAt, to_utc(now).into())
        .col_expr(Column::LockedUntil, Option::<OffsetDateTime>::None.into())
        .filter(Column::Id.eq(id))
        .filter(Column::Status.ne(SENT))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::AlreadySent));
    }
    Outbox::find_by_id(id).one(db).await?.map(Into::into).ok_or(RepoError::NotFound)
}

/// How many mails are in the outbox (all statuses).
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, RepoError> {
    Ok(Outbox::find().select_only().column(Column::Id).count(db).await?)
}
