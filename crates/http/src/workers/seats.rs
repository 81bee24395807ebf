//! The seat desk: every seat this process takes goes through one queue, and the applicants
//! who arrive while a transaction is running are seated together in the next one (group
//! commit).
//!
//! When a popular training opens, every applicant needs the same row: the training's seat
//! counter. One transaction per applicant holds that row (on PostgreSQL) or the database's
//! only write lock (on SQLite) from the seat UPDATE to the COMMIT, so the rush is served one
//! applicant at a time, each paying for a commit. The desk pays for one lock and one commit
//! per batch instead. Nothing about an applicant's answer changes: each claim is still all
//! or nothing (`kenshu_persistence::repos::seats`), and capacity is still held by the
//! database, so instances sharing one database stay correct. An idle desk sends a lone
//! applicant through at once; batches only form when requests queue up anyway.

use kenshu_persistence::repos::seats::{self, SeatClaim, SeatOutcome};
use kenshu_persistence::{is_unavailable, Db, DbErr, RepoError, RuntimeErr, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

use crate::error::AppError;

/// The most claims in one transaction.
const MAX_BATCH: usize = 256;
/// Claims waiting for the desk before senders wait as well.
const QUEUE: usize = 4096;

type Reply = oneshot::Sender<Result<SeatOutcome, RepoError>>;

/// The sending side; cheap to clone.
#[derive(Clone)]
pub struct SeatDesk {
    queue: mpsc::Sender<(SeatClaim, Reply)>,
}

impl SeatDesk {
    /// Starts the desk on the current tokio runtime; it stops when every `SeatDesk` is gone.
    pub fn start(db: Db) -> Self {
        let (queue, claims) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, claims));
        Self { queue }
    }

    /// Waits for the claim's turn and its outcome, once it is committed.
    pub async fn take(&self, claim: SeatClaim) -> Result<SeatOutcome, AppError> {
        let (reply, outcome) = oneshot::channel();
        let stopped = || AppError::internal(anyhow::anyhow!("the seat desk has stopped"));
        self.queue.send((claim, reply)).await.map_err(|_| stopped())?;
        Ok(outcome.await.map_err(|_| stopped())??)
    }
}

async fn run(db: Db, mut queue: mpsc::Receiver<(SeatClaim, Reply)>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        serve(&db, batch.drain(..).unzip()).await;
    }
}

async fn serve(db: &Db, (claims, replies): (Vec<SeatClaim>, Vec<Reply>)) {
    match in_one_transaction(db, &claims).await {
        Ok(outcomes) => {
            tracing::debug!(claims = claims.len(), "seats committed");
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                let _ = reply.send(Ok(outcome));
            }
        }
        // Alone, or the database out of reach: every claim gets the error, 503 when the
        // database is away (taking them one at a time would wait out a connection timeout
        // per claim, and the queue behind them). A connection lost during COMMIT leaves the
        // outcome unknown, which 503 says: asked again, a claim meets its own row (already
        // applied, or its `Idempotency-Key` answered as the first time).
        Err(err) if claims.len() == 1 || matches!(&err, RepoError::Db(e) if is_unavailable(e)) => {
            let mut replies = replies.into_iter();
            for reply in replies.by_ref().take(claims.len() - 1) {
                let _ = reply.send(Err(RepoError::Db(DbErr::Conn(RuntimeErr::Internal(err.to_string())))));
            }
            let _ = replies.next().map(|reply| reply.send(Err(err)));
        }
        // One claim must not fail the others: each goes again on its own.
        Err(err) => {
            tracing::warn!(error = %err, claims = claims.len(), "a batch of seats failed; taking them one at a time");
            for (claim, reply) in claims.into_iter().zip(replies) {
                let outcome = in_one_transaction(db, std::slice::from_ref(&claim)).await.map(|mut o| o.remove(0));
                let _ = reply.send(outcome);
            }
        }
    }
}

async fn in_one_transaction(db: &Db, claims: &[SeatClaim]) -> Result<Vec<SeatOutcome>, RepoError> {
    let tx = db.begin().await?;
    let outcomes = seats::take(&tx, claims, crate::usecases::apply::now_ms()).await?;
    tx.commit().await?;
    Ok(outcomes)
}
