//! Taking seats for many applicants in one transaction (group commit for the registration
//! rush). Each applicant's seat, application, acknowledgement mail and idempotent answer are
//! stored together or not at all, exactly as in a transaction of their own; what is shared is
//! the lock on the training's row and the commit, which one applicant at a time would each
//! pay for alone.
//!
//! Per training, the seats are granted with one conditional UPDATE of its counter, so
//! capacity holds whatever the number of instances. Trainings are locked in ascending id and
//! every grant happens before any insert, so two batches never wait for each other in a
//! cycle.

use std::collections::{HashMap, HashSet};

use kenshu_domain::application::{Application, ApplicationStatus};
use kenshu_domain::training::FormKind;
use kenshu_domain::webhook::{ApplicationEvent, WebhookEvent};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, QueryTrait, Set, Statement,
    TryIntoModel,
};
use time::OffsetDateTime;

use super::applications::{self as applications_repo, NewApplication};
use super::fixed_text::{row_values, FixedInsert, FixedText};
use super::idempotency::{self as idempotency_repo, StoredResponse};
use super::outbox::{self as outbox_repo, NewMail};
use crate::entities::applications::{self, Entity as Applications};
use crate::entities::idempotency_keys;
use crate::entities::outbox::{self, Entity as Outbox};
use crate::entities::trainings::{Column as T, Entity as Trainings};
use crate::RepoError;

/// One applicant asking for a seat, with everything that is stored if they get it.
#[derive(Debug, Clone)]
pub struct SeatClaim {
    training_id: i32,
    email_normalized: String,
    /// `(scope, key)` of the idempotent answer, when the client sent a key.
    answer_key: Option<(String, String)>,
    application: applications::ActiveModel,
    /// The acknowledgement; its `application_id` is filled in once the row exists.
    mail: outbox::ActiveModel,
    answer: Option<idempotency_keys::ActiveModel>,
}

impl SeatClaim {
    /// `application` is stored as confirmed, whatever its status says.
    pub fn new(
        application: NewApplication<'_>,
        mail: NewMail<'_>,
        answer: Option<(&str, &str, &StoredResponse)>,
        now: OffsetDateTime,
    ) -> Self {
        let training_id = application.training_id;
        let email_normalized = application.email_normalized.to_owned();
        let application = NewApplication { status: ApplicationStatus::Confirmed, ..application };
        Self {
            training_id,
            email_normalized,
            answer_key: answer.map(|(scope, key, _)| (scope.to_owned(), key.to_owned())),
            application: applications_repo::new_model(application, now),
            mail: outbox_repo::new_model(NewMail { application_id: None, ..mail }, now),
            answer: answer.map(|(scope, key, response)| idempotency_repo::new_model(scope, key, response, now)),
        }
    }
}

/// What became of one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatOutcome {
    /// The seat is taken and everything is stored.
    Seated(Box<Application>),
    /// No seat was left; nothing is stored.
    Full,
    /// The address already holds a live application for the training (stored earlier, or
    /// earlier in the same batch); nothing is stored.
    AlreadyApplied,
    /// Another request stored an answer under the same `Idempotency-Key` first; nothing is
    /// stored.
    KeyTaken,
    /// A seat of this sold-out training was freed a moment ago and is not offered before
    /// this instant (Unix ms, see [`hold_freed_seats`]); nothing is stored. Ask again then.
    NotBefore(i64),
}

/// Takes seats for `claims` in arrival order, inside the caller's transaction (which must
/// commit for any of it to hold). Returns one outcome per claim, in the same order.
/// `now_ms`: the real time (Unix ms), against the hold of [`hold_freed_seats`].
pub async fn take(db: &impl ConnectionTrait, claims: &[SeatClaim], now_ms: i64) -> Result<Vec<SeatOutcome>, RepoError> {
    let mut outcomes: Vec<Option<SeatOutcome>> = vec![None; claims.len()];
    // One address, one claim (a double click often lands in one batch): the first stands.
    let mut emails = HashSet::new();
    for (i, claim) in claims.iter().enumerate() {
        if !emails.insert((claim.training_id, claim.email_normalized.as_str())) {
            outcomes[i] = Some(SeatOutcome::AlreadyApplied);
        }
    }

    let mut trainings: Vec<i32> = claims.iter().map(|c| c.training_id).collect();
    trainings.sort_unstable();
    trainings.dedup();
    let mut seated = Vec::new();
    for training_id in trainings {
        let wanting: Vec<usize> =
            (0..claims.len()).filter(|&i| claims[i].training_id == training_id && outcomes[i].is_none()).collect();
        let granted = match grant(db, training_id, wanting.len(), now_ms).await? {
            Granted::Seats(n) => n,
            Granted::NotBefore(at) => {
                wanting.iter().for_each(|&i| outcomes[i] = Some(SeatOutcome::NotBefore(at)));
                continue;
            }
        };
        for (n, &i) in wanting.iter().enumerate() {
            if n < granted {
                seated.push(i);
            } else {
                outcomes[i] = Some(SeatOutcome::Full);
            }
        }
    }

    let mut stored = insert_applications(db, claims, &seated).await?;
    let mut given_back: HashMap<i32, i32> = HashMap::new();
    let mut kept = Vec::with_capacity(seated.len());
    for i in seated {
        match stored.remove(&(claims[i].training_id, claims[i].email_normalized.clone())) {
            Some(row) => kept.push((i, row)),
            None => {
                outcomes[i] = Some(SeatOutcome::AlreadyApplied);
                *given_back.entry(claims[i].training_id).or_default() += 1;
            }
        }
    }

    // One key, one answer: among this batch's stored claims the first with a key keeps it;
    // against other transactions, the key's row decides. The others are undone.
    let mut keys = HashSet::new();
    let (mut undone, rest): (Vec<_>, Vec<_>) =
        kept.into_iter().partition(|(i, _)| claims[*i].answer_key.as_ref().is_some_and(|k| !keys.insert(k)));
    let lost_keys = insert_answers(db, claims, &rest).await?;
    let (lost, kept): (Vec<_>, Vec<_>) = rest.into_iter().partition(|(i, _)| lost_keys.contains(i));
    undone.extend(lost);
    if !undone.is_empty() {
        for (i, _) in &undone {
            outcomes[*i] = Some(SeatOutcome::KeyTaken);
            *given_back.entry(claims[*i].training_id).or_default() += 1;
        }
        let ids: Vec<i32> = undone.iter().map(|(_, row)| row.id).collect();
        Applications::delete_many().filter(applications::Column::Id.is_in(ids)).exec(db).await?;
    }
    for (training_id, count) in given_back {
        Trainings::update_many()
            .col_expr(T::SeatsTaken, Expr::col(T::SeatsTaken).sub(count))
            .filter(T::Id.eq(training_id))
            .exec(db)
            .await?;
    }

    if !kept.is_empty() {
        static TEXT: FixedInsert = FixedInsert::new();
        let mails: Vec<outbox::ActiveModel> = kept
            .iter()
            .map(|(i, row)| outbox::ActiveModel { application_id: Set(Some(row.id)), ..claims[*i].mail.clone() })
            .collect();
        let values = mails.iter().flat_map(row_values).collect();
        let backend = db.get_database_backend();
        let statement = TEXT.statement(backend, mails.len(), values, || {
            backend.build(&Outbox::insert_many(mails.iter().cloned()).into_query())
        });
        db.execute(statement).await?;
        let created: Vec<ApplicationEvent> = kept
            .iter()
            .map(|(_, row)| ApplicationEvent::created(FormKind::Simple, row.id, row.training_id, row.status.clone()))
            .collect();
        let at = kept[0].1.created_at;
        super::webhooks::enqueue_many(db, WebhookEvent::ApplicationCreated, &created, at).await?;
    }
    for (i, row) in kept {
        outcomes[i] = Some(SeatOutcome::Seated(Box::new(applications_repo::to_domain(row)?)));
    }
    Ok(outcomes.into_iter().map(|o| o.expect("every claim has an outcome")).collect())
}

enum Granted {
    Seats(usize),
    /// None: freed seats are held until then.
    NotBefore(i64),
}

/// Takes up to `wanted` seats of one training; returns how many it got. The first UPDATE
/// takes them all when enough are left and no hold is running (the usual case: one
/// statement). Otherwise the row is read under lock (SQLite: the UPDATE already holds the
/// database's write lock) and what is left is taken, unless seats are held.
async fn grant(db: &impl ConnectionTrait, training_id: i32, wanted: usize, now_ms: i64) -> Result<Granted, RepoError> {
    let mut want = i32::try_from(wanted).unwrap_or(i32::MAX);
    while want > 0 {
        // Run with every batch: its text is kept.
        static TEXT: FixedText = FixedText::new();
        let backend = db.get_database_backend();
        let values = vec![want.into(), training_id.into(), want.into(), now_ms.into()];
        let statement = TEXT.statement(backend, values, || {
            Trainings::update_many()
                .col_expr(T::SeatsTaken, Expr::col(T::SeatsTaken).add(want))
                .filter(T::Id.eq(training_id))
                .filter(Expr::col(T::SeatsTaken).add(want).lte(Expr::col(T::Capacity)))
                .filter(T::OffersFromMs.is_null().or(T::OffersFromMs.lte(now_ms)))
                .build(backend)
        });
        let taken = db.execute(statement).await?;
        if taken.rows_affected() == 1 {
            return Ok(Granted::Seats(want as usize));
        }
        let row: Option<(i32, Option<i64>)> = Trainings::find_by_id(training_id)
            .select_only()
            .column_as(Expr::col(T::Capacity).sub(Expr::col(T::SeatsTaken)), "left")
            .column(T::OffersFromMs)
            .lock_exclusive()
            .into_tuple()
            .one(db)
            .await?;
        let (left, offers_from) = row.unwrap_or((0, None));
        if let Some(at) = offers_from.filter(|&at| at > now_ms && left > 0) {
            return Ok(Granted::NotBefore(at));
        }
        want = want.min(left.max(0));
    }
    Ok(Granted::Seats(0))
}

/// Holds the seats of a sold-out training that is about to free one (a cancellation, a
/// larger capacity, a waiting list, another status): none is granted before `until_ms`.
/// Only a training that is full and keeps no waiting list is held: only such a training is
/// refused from memory (`kenshu_http::sold_out`), and the hold outlasts every
/// instance's memory of it, so that an applicant seated after the change is never refused
/// from a memory older than the change (which would refuse a retry of their own request).
/// The caller holds the training's row lock in the same transaction
/// (`applications::lock_training`), so that no seat is taken between this and the change.
pub async fn hold_freed_seats(db: &impl ConnectionTrait, training_id: i32, until_ms: i64) -> Result<(), RepoError> {
    Trainings::update_many()
        .col_expr(T::OffersFromMs, Expr::value(until_ms))
        .filter(T::Id.eq(training_id))
        .filter(Expr::col(T::SeatsTaken).gte(Expr::col(T::Capacity)))
        .filter(T::WaitingList.eq(false))
        .exec(db)
        .await?;
    Ok(())
}

/// Until when the seats of a training are held ([`hold_freed_seats`]); `None` if never.
pub async fn offers_from(db: &impl ConnectionTrait, training_id: i32) -> Result<Option<i64>, RepoError> {
    let at: Option<Option<i64>> =
        Trainings::find_by_id(training_id).select_only().column(T::OffersFromMs).into_tuple().one(db).await?;
    Ok(at.flatten())
}

/// Inserts the seated claims' applications, skipping any that meet a live application of
/// the same address; returns the stored rows by training and address (unique among live
/// applications, and within the batch). Only the ids come back from the database: each row
/// is the claim's model with its id (decoding some 40 columns of every row the database had
/// just been given was a good part of the desk's time). Debug builds read the rows back and
/// assert that they are the rows built.
async fn insert_applications(
    db: &impl ConnectionTrait,
    claims: &[SeatClaim],
    seated: &[usize],
) -> Result<HashMap<(i32, String), applications::Model>, RepoError> {
    if seated.is_empty() {
        return Ok(HashMap::new());
    }
    static TEXT: FixedInsert = FixedInsert::new();
    let models = || seated.iter().map(|&i| &claims[i].application);
    let values = models().flat_map(row_values).collect();
    let statement = TEXT.statement(db.get_database_backend(), seated.len(), values, || {
        use applications::Column as A;
        inserting_returning::<applications::Entity>(db, models().cloned(), [A::Id, A::TrainingId, A::EmailNormalized])
    });
    let mut ids: HashMap<(i32, String), i32> = StoredApplication::find_by_statement(statement)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ((row.training_id, row.email_normalized), row.id))
        .collect();
    let mut stored = HashMap::with_capacity(ids.len());
    for &i in seated {
        let address = (claims[i].training_id, claims[i].email_normalized.clone());
        if let Some(id) = ids.remove(&address) {
            let row = applications::ActiveModel { id: Set(id), ..claims[i].application.clone() }
                .try_into_model()
                .map_err(|e| RepoError::Corrupt(format!("a seated application's model: {e}")))?;
            stored.insert(address, row);
        }
    }
    if cfg!(debug_assertions) {
        let read = Applications::find()
            .filter(applications::Column::Id.is_in(stored.values().map(|row| row.id)))
            .all(db)
            .await?;
        assert_eq!(read.len(), stored.len(), "every seated application is stored");
        for row in read {
            assert_eq!(Some(&row), stored.get(&(row.training_id, row.email_normalized.clone())), "built as stored");
        }
    }
    Ok(stored)
}

/// An application that went in: its id, and the training and address it is found by.
#[derive(FromQueryResult)]
struct StoredApplication {
    id: i32,
    training_id: i32,
    email_normalized: String,
}

/// Inserts the idempotent answers of the stored claims; returns the claims whose key
/// another request stored first.
async fn insert_answers(
    db: &impl ConnectionTrait,
    claims: &[SeatClaim],
    kept: &[(usize, applications::Model)],
) -> Result<HashSet<usize>, RepoError> {
    let with_answers: Vec<usize> = kept.iter().map(|(i, _)| *i).filter(|&i| claims[i].answer.is_some()).collect();
    if with_answers.is_empty() {
        return Ok(HashSet::new());
    }
    static TEXT: FixedInsert = FixedInsert::new();
    let models = || with_answers.iter().filter_map(|&i| claims[i].answer.as_ref());
    let values = models().flat_map(row_values).collect();
    let statement = TEXT.statement(db.get_database_backend(), with_answers.len(), values, || {
        use idempotency_keys::Column as K;
        inserting_returning::<idempotency_keys::Entity>(db, models().cloned(), [K::Scope, K::Key])
    });
    let stored: HashSet<(String, String)> =
        StoredKey::find_by_statement(statement).all(db).await?.into_iter().map(|row| (row.scope, row.key)).collect();
    Ok(with_answers
        .into_iter()
        .filter(|&i| claims[i].answer_key.as_ref().is_none_or(|k| !stored.contains(k)))
        .collect())
}

/// The key of an idempotent answer that went in.
#[derive(FromQueryResult)]
struct StoredKey {
    scope: String,
    key: String,
}

/// `INSERT … ON CONFLICT DO NOTHING RETURNING` the given columns of the rows that went in.
fn inserting_returning<E: EntityTrait>(
    db: &impl ConnectionTrait,
    models: impl IntoIterator<Item = E::ActiveModel>,
    returning: impl IntoIterator<Item = E::Column>,
) -> Statement {
    let mut insert = E::insert_many(models).on_conflict(OnConflict::new().do_nothing().to_owned()).into_query();
    insert.returning(Query::returning().columns(returning));
    db.get_database_backend().build(&insert)
}

/// The minimal race of issue 13 (reliability tests only): one racer for one seat, with
/// `widen` awaited inside the racer's critical window so that a rival lands in it.
///
/// `guarded`: the desk's own path: [`grant`] (check and write in one conditional UPDATE),
/// then `widen` before the commit, holding the row's lock. Unguarded, the negative control:
/// the bug the conditional UPDATE exists to prevent: read what is left, await `widen`, then
/// write unconditionally. Returns whether this racer got the seat.
#[doc(hidden)]
pub async fn race_for_one_seat(
    db: &crate::Db,
    training_id: i32,
    guarded: bool,
    widen: impl std::future::Future<Output = ()>,
) -> Result<bool, RepoError> {
    use sea_orm::TransactionTrait;
    if guarded {
        let txn = db.begin().await?;
        let got = grant(&txn, training_id, 1, i64::MAX).await?;
        widen.await;
        txn.commit().await?;
        return Ok(matches!(got, Granted::Seats(1)));
    }
    let left: Option<i32> = Trainings::find_by_id(training_id)
        .select_only()
        .column_as(Expr::col(T::Capacity).sub(Expr::col(T::SeatsTaken)), "left")
        .into_tuple()
        .one(db)
        .await?;
    if left.unwrap_or(0) <= 0 {
        return Ok(false);
    }
    widen.await;
    Trainings::update_many()
        .col_expr(T::SeatsTaken, Expr::col(T::SeatsTaken).add(1))
        .filter(T::Id.eq(training_id))
        .exec(db)
        .await?;
    Ok(true)
}
