//! Zoom checks (seed 000 6(5)): load the participants, let the domain decide, save together.

use kenshu_domain::application::Application;
use kenshu_domain::attendance::{ZoomChecks, ZoomReview};
use kenshu_domain::training::Training;
use kenshu_domain::zoom::{self, Candidate};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::{applications, trainings, zoom_checks as repo};
use kenshu_persistence::Db;
use time::OffsetDateTime;

use crate::error::AppError;

/// A training with Zoom checks and its confirmed participants.
pub async fn load(db: &Db, training_id: i32) -> Result<(Training, Vec<Application>), AppError> {
    let training = trainings::find(db, training_id).await?.ok_or_else(|| AppError::new(ErrorCode::TrainingNotFound))?;
    zoom::applies_to(training.plan.format)?;
    let participants = repo::participants(db, training_id).await?;
    Ok((training, participants))
}

/// The participant with this id, or why there is none: another training's or an unknown
/// id is not found; a waitlisted or cancelled one of this training is not confirmed.
async fn pick<'a>(
    db: &Db,
    participants: &'a [Application],
    id: i32,
    training_id: i32,
) -> Result<&'a Application, AppError> {
    if let Some(found) = participants.iter().find(|a| a.id == id) {
        return Ok(found);
    }
    match applications::find(db, id).await? {
        Some(other) if other.training_id == training_id => {
            zoom::participant(other.id, other.status)?;
            Err(AppError::new(ErrorCode::StatusChanged))
        }
        _ => Err(AppError::new(ErrorCode::ApplicationNotFound)
            .with_detail(format!("申込ID {id} はこの研修の申込ではありません"))),
    }
}

/// The ticks of many participants at once; an approval whose ticks fall short goes back
/// to review.
pub async fn save_ticks(
    db: &Db,
    training_id: i32,
    ticks: &[(i32, ZoomChecks)],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let (_, participants) = load(db, training_id).await?;
    let mut changes = Vec::new();
    for (id, checks) in ticks {
        let a = pick(db, &participants, *id, training_id).await?;
        changes.push((a.id, *checks, zoom::after_ticks(&a.day.zoom_review, *checks)));
    }
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    for (id, checks, review) in &changes {
        repo::save(&tx, *id, *checks, review, now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!(training.id = training_id, count = changes.len(), "zoom checks saved");
    Ok(())
}

/// Approves the participants named (all or none), or, without ids, every participant still
/// under review whose ①–④ are ticked. Returns how many were approved.
pub async fn approve(db: &Db, training_id: i32, ids: Option<&[i32]>, now: OffsetDateTime) -> Result<usize, AppError> {
    let (_, participants) = load(db, training_id).await?;
    let chosen: Vec<&Application> = match ids {
        Some(ids) => {
            let mut chosen = Vec::new();
            for id in ids {
                chosen.push(pick(db, &participants, *id, training_id).await?);
            }
            chosen
        }
        None => participants
            .iter()
            .filter(|a| a.day.zoom_review == ZoomReview::Pending && a.day.zoom_checks.all())
            .collect(),
    };
    let review = zoom::approve(chosen.iter().enumerate().map(|(index, a)| Candidate {
        index,
        full_name: &a.full_name,
        checks: a.day.zoom_checks,
    }))?;
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    for a in &chosen {
        repo::save(&tx, a.id, a.day.zoom_checks, &review, now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!(training.id = training_id, count = chosen.len(), "zoom checks approved");
    Ok(chosen.len())
}

/// What staff decide for one participant apart from approval.
pub enum Step<'a> {
    Withhold(&'a str),
    InPerson,
    Reopen,
}

/// Withholds one certificate with its reason, marks 会場参加, or takes the decision back.
pub async fn decide(db: &Db, training_id: i32, id: i32, step: Step<'_>, now: OffsetDateTime) -> Result<(), AppError> {
    let (training, participants) = load(db, training_id).await?;
    let review = match step {
        Step::Withhold(reason) => zoom::withhold(reason)?,
        Step::InPerson => zoom::in_person(training.plan.format)?,
        Step::Reopen => ZoomReview::Pending,
    };
    let a = pick(db, &participants, id, training_id).await?;
    repo::save(db, a.id, a.day.zoom_checks, &review, now).await?;
    tracing::info!(training.id = training_id, application.id = id, review = review.as_str(), "zoom decision");
    Ok(())
}
