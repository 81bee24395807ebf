//! Webhook subscriptions and their deliveries. A delivery row is written by [`enqueue`] in
//! the transaction of the event it announces, and sent by a worker that claims it, so that
//! several instances never send one delivery twice (the mail outbox's pattern).

use kenshu_domain::time_jp::to_utc;
use kenshu_domain::webhook::WebhookEvent;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set,
};
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::fixed_text::FixedText;
use super::Page;
use crate::entities::webhook_deliveries::{self, Column as D, Entity as Deliveries};
use crate::entities::webhook_subscriptions::{self, Column as S, Entity as Subscriptions};
use crate::RepoError;

pub const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";

/// A subscription. `secret` signs its deliveries; the API shows it only at creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: i32,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub secret: String,
    pub active: bool,
    pub created_at: OffsetDateTime,
}

impl From<webhook_subscriptions::Model> for Subscription {
    fn from(m: webhook_subscriptions::Model) -> Self {
        Self {
            id: m.id,
            url: m.url,
            events: m.events.split(',').filter_map(WebhookEvent::parse).collect(),
            secret: m.secret,
            active: m.active,
            created_at: m.created_at,
        }
    }
}

/// One event for one subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i32,
    pub subscription_id: i32,
    pub event: String,
    pub data: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: OffsetDateTime,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
    pub delivered_at: Option<OffsetDateTime>,
}

impl From<webhook_deliveries::Model> for Delivery {
    fn from(m: webhook_deliveries::Model) -> Self {
        Self {
            id: m.id,
            subscription_id: m.subscription_id,
            event: m.event,
            data: m.data,
            status: m.status,
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at,
            last_status_code: m.last_status_code,
            last_error: m.last_error,
            created_at: m.created_at,
            delivered_at: m.delivered_at,
        }
    }
}

pub async fn create_subscription(
    db: &impl ConnectionTrait,
    url: &str,
    events: &[WebhookEvent],
    secret: &str,
    now: OffsetDateTime,
) -> Result<Subscription, RepoError> {
    let events: Vec<&str> = events.iter().map(|e| e.as_str()).collect();
    let model = webhook_subscriptions::ActiveModel {
        url: Set(url.to_owned()),
        events: Set(events.join(",")),
        secret: Set(secret.to_owned()),
        active: Set(true),
        created_at: Set(to_utc(now)),
        ..Default::default()
    };
    Ok(model.insert(db).await?.into())
}

pub async fn list_subscriptions(db: &impl ConnectionTrait) -> Result<Vec<Subscription>, RepoError> {
    Ok(Subscriptions::find().order_by_asc(S::Id).all(db).await?.into_iter().map(Into::into).collect())
}

pub async fn find_subscription(db: &impl ConnectionTrait, id: i32) -> Result<Option<Subscription>, RepoError> {
    Ok(Subscriptions::find_by_id(id).one(db).await?.map(Into::into))
}

/// Turns deliveries of new events on or off; queued deliveries stay queued.
pub async fn set_active(db: &impl ConnectionTrait, id: i32, active: bool) -> Result<Subscription, RepoError> {
    let result = Subscriptions::update_many().col_expr(S::Active, active.into()).filter(S::Id.eq(id)).exec(db).await?;
    if result.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    find_subscription(db, id).await?.ok_or(RepoError::NotFound)
}

/// Removes a subscription and its deliveries.
pub async fn delete_subscription(db: &impl ConnectionTrait, id: i32) -> Result<(), RepoError> {
    Deliveries::delete_many().filter(D::SubscriptionId.eq(id)).exec(db).await?;
    let result = Subscriptions::delete_by_id(id).exec(db).await?;
    if result.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Ok(())
}

/// Queues `event` for every active subscription to it; call it inside the transaction that
/// makes the event happen, so the delivery exists exactly when the event does. `data` is
/// the event's JSON object (ids, no personal data: for an application's events
/// `kenshu_domain::webhook::ApplicationEvent`). Returns how many were queued.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    event: WebhookEvent,
    data: &impl Serialize,
    now: OffsetDateTime,
) -> Result<usize, RepoError> {
    enqueue_many(db, event, std::slice::from_ref(data), now).await
}

/// [`enqueue`] for several events of one kind at once (a batch of seats): one read of the
/// subscriptions, one insert.
pub async fn enqueue_many<T: Serialize>(
    db: &impl ConnectionTrait,
    event: WebhookEvent,
    data: &[T],
    now: OffsetDateTime,
) -> Result<usize, RepoError> {
    if data.is_empty() {
        return Ok(0);
    }
    // Read with every batch of seats: its text is kept. The events are matched here, not
    // with LIKE: SQLite prepares a statement again whenever a LIKE pattern is bound anew
    // (a tenth of a lone seat's CPU), and the active subscriptions are few.
    static TEXT: FixedText = FixedText::new();
    let backend = db.get_database_backend();
    let statement =
        TEXT.statement(backend, vec![true.into()], || Subscriptions::find().filter(S::Active.eq(true)).build(backend));
    let subscribed: Vec<i32> = webhook_subscriptions::Model::find_by_statement(statement)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| s.events.split(',').any(|e| e == event.as_str()))
        .map(|s| s.id)
        .collect();
    if subscribed.is_empty() {
        return Ok(0);
    }
    let now = to_utc(now);
    let data: Vec<String> = data
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<_, _>>()
        .map_err(|e| RepoError::Db(DbErr::Json(e.to_string())))?;
    let pairs = subscribed.iter().flat_map(|&subscription_id| data.iter().map(move |d| (subscription_id, d)));
    let rows = pairs.map(|(subscription_id, data)| webhook_deliveries::ActiveModel {
        subscription_id: Set(subscription_id),
        event: Set(event.as_str().to_owned()),
        data: Set(data.clone()),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_status_code: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        delivered_at: Set(None),
        ..Default::default()
    });
    Deliveries::insert_many(rows).exec_without_returning(db).await?;
    Ok(subscribed.len() * data.len())
}

/// Claims up to `limit` due deliveries for `lease`, with their subscriptions. PostgreSQL
/// skips rows another worker is claiming (`FOR UPDATE SKIP LOCKED`); SQLite has one writer
/// at a time, so the update itself is the claim.
pub async fn claim(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    lease: Duration,
    limit: u64,
) -> Result<Vec<(Delivery, Subscription)>, RepoError> {
    let ids = super::lease::claim_ids(db, "webhook_deliveries", now, lease, limit).await?;
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let deliveries = Deliveries::find().filter(D::Id.is_in(ids)).order_by_asc(D::Id).all(db).await?;
    // The batch's subscriptions in one read, not one per delivery.
    let wanted: std::collections::BTreeSet<i32> = deliveries.iter().map(|d| d.subscription_id).collect();
    let subscriptions: std::collections::HashMap<i32, Subscription> = Subscriptions::find()
        .filter(S::Id.is_in(wanted))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.into()))
        .collect();
    Ok(deliveries
        .into_iter()
        .filter_map(|delivery| {
            let subscription = subscriptions.get(&delivery.subscription_id)?.clone();
            Some((delivery.into(), subscription))
        })
        .collect())
}

/// The receiver answered 2xx.
pub async fn mark_delivered(
    db: &impl ConnectionTrait,
    id: i32,
    attempts: i32,
    status_code: u16,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    Deliveries::update_many()
        .col_expr(D::Status, DELIVERED.into())
        .col_expr(D::Attempts, attempts.into())
        .col_expr(D::LastStatusCode, Some(i32::from(status_code)).into())
        .col_expr(D::LastError, Option::<String>::None.into())
        .col_expr(D::LockedUntil, Option::<OffsetDateTime>::None.into())
        .col_expr(D::DeliveredAt, Some(to_utc(now)).into())
        .filter(D::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// A failed attempt: tried again at `retry_at`, or marked failed when `None`.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    id: i32,
    attempts: i32,
    status_code: Option<u16>,
    error: &str,
    retry_at: Option<OffsetDateTime>,
) -> Result<(), RepoError> {
    let mut update = Deliveries::update_many()
        .col_expr(D::Attempts, attempts.into())
        .col_expr(D::LastStatusCode, status_code.map(i32::from).into())
        .col_expr(D::LastError, Some(error.chars().take(1000).collect::<String>()).into())
        .col_expr(D::LockedUntil, Option::<OffsetDateTime>::None.into());
    update = match retry_at {
        Some(at) => update.col_expr(D::NextAttemptAt, to_utc(at).into()),
        None => update.col_expr(D::Status, FAILED.into()),
    };
    update.filter(D::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Deliveries (of one subscription, or all), newest first.
pub async fn list_deliveries(
    db: &impl ConnectionTrait,
    subscription_id: Option<i32>,
    page: Page,
) -> Result<(Vec<Delivery>, u64), RepoError> {
    let mut query = Deliveries::find();
    if let Some(id) = subscription_id {
        query = query.filter(D::SubscriptionId.eq(id));
    }
    let total = query.clone().count(db).await?;
    let rows = query.order_by_desc(D::Id).offset(page.offset()).limit(page.per_page).all(db).await?;
    Ok((rows.into_iter().map(Into::into).collect(), total))
}

/// Sends a delivery again (whatever became of it), due now, with a fresh count of attempts.
pub async fn redeliver(db: &impl ConnectionTrait, id: i32, now: OffsetDateTime) -> Result<Delivery, RepoError> {
    let result = Deliveries::update_many()
        .col_expr(D::Status, PENDING.into())
        .col_expr(D::Attempts, 0.into())
        .col_expr(D::NextAttemptAt, to_utc(now).into())
        .col_expr(D::LockedUntil, Option::<OffsetDateTime>::None.into())
        .col_expr(D::DeliveredAt, Option::<OffsetDateTime>::None.into())
        .filter(D::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Deliveries::find_by_id(id).one(db).await?.map(Into::into).ok_or(RepoError::NotFound)
}

/// How many deliveries there are (all statuses).
pub async fn count_deliveries(db: &impl ConnectionTrait) -> Result<u64, RepoError> {
    Ok(Deliveries::find().select_only().column(D::Id).count(db).await?)
}
