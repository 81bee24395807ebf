//! Refusals that cost nothing (issue 13, item 9): once a training is sold out, the
//! applicants who keep arriving are refused from memory, without a database round trip.
//!
//! An instance remembers a training as sold out when an application to it was refused with
//! `training_full`: it notes the instant, reads the training again and, if it is full and
//! keeps no waiting list, reads every `Idempotency-Key` stored for its form (read after the
//! training, so the key of every applicant who holds one of its seats is among them). For
//! [`MEMORY`] after that instant the same decision as the database path (`decide` on the
//! remembered training, the current time) answers every application from memory, except
//! one whose key is stored: that may be a retry of a request that got a seat, and it goes
//! to the database to get its first answer again. The memory is renewed in the background
//! while applicants keep coming; a renewal that finds the training exactly as remembered,
//! while the memory still holds, keeps the keys without reading them again (see [`read`]).
//!
//! A seat freed on any instance (a cancellation, a larger capacity, a waiting list, a
//! status change) first holds the training's seats for longer than [`MEMORY`]
//! (`repos::seats::hold_freed_seats`): nobody is seated before every instance's memory of
//! the sold-out training, which began before the change, has run out. So a request seated
//! after the change is never answered from an older memory (its retry would be refused
//! instead of replayed), and a freed seat is offered on every instance after the hold,
//! within a second. The instance that made the change also forgets at once.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use kenshu_domain::training::{seats_left, Training};
use kenshu_persistence::repos::{idempotency, trainings};
use kenshu_persistence::{Db, RepoError};
use prometheus::IntCounter;
use time::OffsetDateTime;

use crate::error::AppError;

/// How long a sold-out training is remembered, by default.
pub const MEMORY: Duration = Duration::from_millis(500);
/// How much longer than the memory freed seats are held: room for the clocks of instances
/// on different machines to disagree.
const CLOCK_MARGIN: Duration = Duration::from_millis(250);

/// The sold-out trainings this process remembers.
pub struct SoldOut {
    memory: Duration,
    entries: Arc<RwLock<Entries>>,
    /// Refusals answered from memory (`kenshu_refusals_from_memory_total`).
    refused: IntCounter,
}

#[derive(Default)]
struct Entries {
    by_training: HashMap<i32, Entry>,
    /// Bumped by [`SoldOut::forget_all`]: a reading begun before is not kept.
    generation: u64,
}

struct Entry {
    /// Taken before the training was read: trusted until `seen + memory`.
    seen: Instant,
    /// `None` while the first reading is under way.
    known: Option<Arc<Known>>,
    /// A reading is under way since then.
    reading: Option<Instant>,
}

struct Known {
    training: Training,
    /// The keys stored for the public form of the training.
    keys: HashSet<String>,
}

impl SoldOut {
    pub fn new(memory: Duration, refused: IntCounter) -> Self {
        Self { memory, entries: Arc::default(), refused }
    }

    /// Until when a training that frees a seat now holds its seats (Unix ms, real time: the
    /// hold is a promise between processes, whatever a test's pinned clock says).
    pub fn hold_until_ms(&self) -> i64 {
        let until = OffsetDateTime::now_utc() + self.memory + CLOCK_MARGIN;
        (until.unix_timestamp_nanos() / 1_000_000) as i64
    }

    /// The refusal for an application to `training_id`, when the training is remembered as
    /// sold out and `decide` refuses it; `None`: ask the database. `key` is the request's
    /// `Idempotency-Key`.
    pub fn refusal(
        &self,
        db: &Db,
        training_id: i32,
        key: Option<&str>,
        decide: impl FnOnce(&Training) -> Option<AppError>,
    ) -> Option<AppError> {
        let (known, renew) = {
            let entries = self.entries.read().ok()?;
            let entry = entries.by_training.get(&training_id)?;
            let age = entry.seen.elapsed();
            if age >= self.memory {
                return None;
            }
            (entry.known.clone()?, age >= self.memory / 2 && entry.reading.is_none())
        };
        if renew {
            self.learn(db, training_id);
        }
        if key.is_some_and(|key| known.keys.contains(key)) {
            return None;
        }
        let refusal = decide(&known.training)?;
        self.refused.inc();
        Some(refusal)
    }

    /// Called when an application to `training_id` was refused as full: reads the training
    /// and its stored keys in the background and remembers them if it is still sold out.
    pub fn learn(&self, db: &Db, training_id: i32) {
        let (generation, remembered) = {
            let Ok(mut entries) = self.entries.write() else { return };
            let generation = entries.generation;
            let now = Instant::now();
            let entry =
                entries.by_training.entry(training_id).or_insert(Entry { seen: now, known: None, reading: None });
            // A reading that has not come back in a few seconds has failed.
            if entry.reading.is_some_and(|since| since.elapsed() < Duration::from_secs(5)) {
                return;
            }
            entry.reading = Some(now);
            (generation, entry.known.clone().map(|known| (entry.seen, known)))
        };
        let (db, entries, memory) = (db.clone(), Arc::clone(&self.entries), self.memory);
        tokio::spawn(async move {
            let seen = Instant::now();
            let known = read(&db, training_id, remembered, memory).await;
            let Ok(mut entries) = entries.write() else { return };
            if entries.generation != generation {
                return;
            }
            match known {
                Ok(Some(known)) => {
                    entries.by_training.insert(training_id, Entry { seen, known: Some(known), reading: None });
                }
                Ok(None) => {
                    entries.by_training.remove(&training_id);
                }
                Err(err) => {
                    tracing::warn!(training.id = training_id, error = %err, "could not read a sold-out training");
                    entries.by_training.remove(&training_id);
                }
            }
        });
    }

    /// Forgets every training: called by this process whenever it frees a seat or changes
    /// a training.
    pub fn forget_all(&self) {
        if let Ok(mut entries) = self.entries.write() {
            entries.by_training.clear();
            entries.generation += 1;
        }
    }
}

/// The training and its keys, if it is sold out and keeps no waiting list. `remembered`:
/// the reading this one renews, and since when it was trusted.
///
/// When the training reads exactly as remembered and the remembered reading was still
/// trusted when this read came back, its keys are kept without reading them again. A key is
/// stored only with a seat; a seat is taken only after one was freed; freeing one changes
/// the training's row and holds its seats for longer than [`MEMORY`] plus a margin (see the
/// module). So a seat freed after the remembered reading and taken again before this read
/// would have had to wait past the end of the remembered memory: this read, back before that
/// end, would have seen the training changed. And a seat freed after this read cannot be
/// taken before the memory this read begins has run out.
async fn read(
    db: &Db,
    training_id: i32,
    remembered: Option<(Instant, Arc<Known>)>,
    memory: Duration,
) -> Result<Option<Arc<Known>>, RepoError> {
    let Some(training) = trainings::find(db, training_id).await? else { return Ok(None) };
    if seats_left(training.plan.capacity, training.seats_taken) > 0 || training.plan.waiting_list {
        return Ok(None);
    }
    if let Some((seen, known)) = remembered {
        if known.training == training && seen.elapsed() < memory {
            return Ok(Some(known));
        }
    }
    // After the training: every key whose request holds one of the seats just read.
    let keys = idempotency::keys_in_scope(db, &public_scope(training_id)).await?;
    Ok(Some(Arc::new(Known { training, keys: keys.into_iter().collect() })))
}

/// The scope of the answers to the public application form.
pub fn public_scope(training_id: i32) -> String {
    format!("apply:{training_id}")
}
