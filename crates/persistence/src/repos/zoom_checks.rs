//! The Zoom checks of a training's participants (seed 000 6(5)), on the application rows.

use kenshu_domain::application::{Application, ApplicationStatus};
use kenshu_domain::attendance::{ZoomChecks, ZoomReview};
use kenshu_domain::time_jp::to_utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use time::OffsetDateTime;

use super::applications::to_domain;
use crate::entities::applications::{Column, Entity as Applications};
use crate::RepoError;

/// The confirmed applications of a training, in the order they applied.
pub async fn participants(db: &impl ConnectionTrait, training_id: i32) -> Result<Vec<Application>, RepoError> {
    Applications::find()
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::Status.eq(ApplicationStatus::Confirmed.as_str()))
        .order_by_asc(Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

/// Stores one participant's ticks and the decision that follows from them.
pub async fn save(
    db: &impl ConnectionTrait,
    application_id: i32,
    checks: ZoomChecks,
    review: &ZoomReview,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    let reason = match review {
        ZoomReview::Withheld { reason } => Some(reason.clone()),
        _ => None,
    };
    let reviewed_at = review.as_str().map(|_| to_utc(now));
    Applications::update_many()
        .col_expr(Column::ZoomFace, Expr::value(checks.face))
        .col_expr(Column::ZoomDisplayName, Expr::value(checks.display_name))
        .col_expr(Column::ZoomBreakoutRoom, Expr::value(checks.breakout_room))
        .col_expr(Column::ZoomThroughout, Expr::value(checks.throughout))
        .col_expr(Column::ZoomReview, Expr::value(review.as_str().map(str::to_owned)))
        .col_expr(Column::ZoomWithheldReason, Expr::value(reason))
        .col_expr(Column::ZoomReviewedAt, Expr::value(reviewed_at))
        .col_expr(Column::UpdatedAt, Expr::value(to_utc(now)))
        .filter(Column::Id.eq(application_id))
        .exec(db)
        .await?;
    Ok(())
}
