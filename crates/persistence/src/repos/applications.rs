//! 申込: seats, the live-email rule, the waiting list.

use kenshu_domain::application::{Application, ApplicationStatus, Membership, StoredChecklist};
use kenshu_domain::attendance::{Attendance, DayRecord, ZoomChecks, ZoomReview};
use kenshu_domain::attendance_by_hand::{StaffNote, StaffRecorded};
use kenshu_domain::checklist::{Answers, Band, Score};
use kenshu_domain::office::{EntryChannel, OfficeRecord};
use kenshu_domain::time_jp::to_utc;
use kenshu_domain::ErrorCode;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use time::OffsetDateTime;

use super::Page;
use crate::entities::applications::{self, Column, Entity as Applications};
use crate::entities::trainings::{self, Entity as Trainings};
use crate::RepoError;

/// A new application as stored.
pub struct NewApplication<'a> {
    pub training_id: i32,
    pub status: ApplicationStatus,
    pub member: Membership,
    pub full_name: &'a str,
    pub job_title: Option<&'a str>,
    pub workplace: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub email_normalized: &'a str,
    pub key_hash: &'a str,
    pub checklist: Option<(&'a str, Answers, Score)>,
    /// Set when staff entered the application on someone's behalf (issue 12).
    pub office: Option<OfficeEntry<'a>>,
}

/// Who entered an application for someone, how it came, and the notes taken down.
#[derive(Debug, Clone, Copy)]
pub struct OfficeEntry<'a> {
    pub entered_by: Option<i32>,
    pub channel: EntryChannel,
    pub furigana: Option<&'a str>,
    pub address: Option<&'a str>,
}

pub(crate) fn to_domain(m: applications::Model) -> Result<Application, RepoError> {
    let status =
        ApplicationStatus::parse(&m.status).ok_or_else(|| RepoError::Corrupt(format!("status {}", m.status)))?;
    let checklist = match (m.checklist_version, m.checklist_answers.as_deref().and_then(Answers::decode)) {
        (Some(version), Some(answers)) => {
            Some(StoredChecklist { version, answers, score: kenshu_domain::checklist::score(&answers) })
        }
        _ => None,
    };
    Ok(Application {
        id: m.id,
        training_id: m.training_id,
        status,
        member: if m.member { Membership::Member } else { Membership::NonMember },
        full_name: m.full_name,
        job_title: m.job_title,
        workplace: m.workplace,
        phone: m.phone,
        email: m.email,
        checklist,
        created_at: m.created_at,
        cancelled_at: m.cancelled_at,
        day: DayRecord {
            attendance: Attendance { checked_in_at: m.checked_in_at, checked_out_at: m.checked_out_at },
            zoom_checks: ZoomChecks {
                face: m.zoom_face,
                display_name: m.zoom_display_name,
                breakout_room: m.zoom_breakout_room,
                throughout: m.zoom_throughout,
            },
            zoom_review: ZoomReview::parse(m.zoom_review.as_deref(), m.zoom_withheld_reason.as_deref())
                .ok_or_else(|| RepoError::Corrupt(format!("zoom_review {:?}", m.zoom_review)))?,
            survey_answered_at: m.survey_answered_at,
            by_staff: StaffRecorded {
                checked_in: staff_note(m.checked_in_by, m.checked_in_reason),
                checked_out: staff_note(m.checked_out_by, m.checked_out_reason),
            },
        },
        office: OfficeRecord {
            furigana: m.furigana,
            address: m.address,
            entered_by: m.entered_by,
            entry_channel: match m.entry_channel.as_deref() {
                None => None,
                Some(c) => {
                    Some(EntryChannel::parse(c).ok_or_else(|| RepoError::Corrupt(format!("entry_channel {c}")))?)
                }
            },
            cancel_reason: m.cancel_reason,
            cancelled_by: m.cancelled_by,
        },
    })
}

/// A time staff recorded has its reason; a time from the participant's code has none.
fn staff_note(by: Option<i32>, reason: Option<String>) -> Option<StaffNote> {
    reason.map(|reason| StaffNote { by, reason })
}

/// Takes one seat if one is free: a single conditional update, so under any concurrency
/// the seats taken never pass capacity. Returns whether a seat was taken.
pub async fn take_seat(db: &impl ConnectionTrait, training_id: i32) -> Result<bool, RepoError> {
    let result = Trainings::update_many()
        .col_expr(trainings::Column::SeatsTaken, Expr::col(trainings::Column::SeatsTaken).add(1))
        .filter(trainings::Column::Id.eq(training_id))
        .filter(Expr::col(trainings::Column::SeatsTaken).lt(Expr::col(trainings::Column::Capacity)))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Gives a seat back.
pub async fn release_seat(db: &impl ConnectionTrait, training_id: i32) -> Result<(), RepoError> {
    Trainings::update_many()
        .col_expr(trainings::Column::SeatsTaken, Expr::col(trainings::Column::SeatsTaken).sub(1))
        .filter(trainings::Column::Id.eq(training_id))
        .filter(trainings::Column::SeatsTaken.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Stores an application; `Conflict(AlreadyApplied)` when the address already holds
/// a live application for the training.
pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewApplication<'_>,
    now: OffsetDateTime,
) -> Result<Application, RepoError> {
    let model = new_model(new, now).insert(db).await.map_err(|e| RepoError::on_unique(e, ErrorCode::AlreadyApplied))?;
    to_domain(model)
}

/// The row to insert for `new`.
pub(crate) fn new_model(new: NewApplication<'_>, now: OffsetDateTime) -> applications::ActiveModel {
    // Whole microseconds, as PostgreSQL keeps them: the row built from this model is the row
    // read back on either backend.
    let now = to_utc(now);
    let now = now.replace_nanosecond(now.nanosecond() / 1_000 * 1_000).unwrap_or(now);
    let (version, answers, score) = match new.checklist {
        Some((version, answers, score)) => (
            Some(version.to_owned()),
            Some(answers.encode()),
            Some((Some(i16::from(score.yes_count)), Some(score.band.as_str().to_owned()))),
        ),
        None => (None, None, None),
    };
    let sections = new.checklist.map(|(_, _, s)| s.section_yes.iter().map(u8::to_string).collect::<Vec<_>>().join(","));
    let (checklist_score, checklist_band) = score.unwrap_or((None, None));
    applications::ActiveModel {
        training_id: Set(new.training_id),
        status: Set(new.status.as_str().to_owned()),
        member: Set(new.member == Membership::Member),
        full_name: Set(new.full_name.to_owned()),
        job_title: Set(new.job_title.map(str::to_owned)),
        workplace: Set(new.workplace.to_owned()),
        phone: Set(new.phone.to_owned()),
        email: Set(new.email.to_owned()),
        email_normalized: Set(new.email_normalized.to_owned()),
        key_hash: Set(new.key_hash.to_owned()),
        checklist_version: Set(version),
        checklist_answers: Set(answers),
        checklist_score: Set(checklist_score),
        checklist_band: Set(checklist_band),
        checklist_sections: Set(sections),
        created_at: Set(now),
        updated_at: Set(now),
        cancelled_at: Set(None),
        promoted_at: Set(None),
        zoom_face: Set(false),
        zoom_display_name: Set(false),
        zoom_breakout_room: Set(false),
        zoom_throughout: Set(false),
        furigana: Set(new.office.and_then(|o| o.furigana.map(str::to_owned))),
        address: Set(new.office.and_then(|o| o.address.map(str::to_owned))),
        entered_by: Set(new.office.and_then(|o| o.entered_by)),
        entry_channel: Set(new.office.map(|o| o.channel.as_str().to_owned())),
        // Every column but the id is set, so that the seat desk can build the stored row
        // from this model and the id alone (`seats::insert_applications`).
        checked_in_at: Set(None),
        checked_out_at: Set(None),
        zoom_review: Set(None),
        zoom_withheld_reason: Set(None),
        zoom_reviewed_at: Set(None),
        survey_answered_at: Set(None),
        cancel_reason: Set(None),
        cancelled_by: Set(None),
        checked_in_by: Set(None),
        checked_in_reason: Set(None),
        checked_out_by: Set(None),
        checked_out_reason: Set(None),
        id: Default::default(),
    }
}

/// Whether the address already holds a live application for the training.
pub async fn has_live(db: &impl ConnectionTrait, training_id: i32, email_normalized: &str) -> Result<bool, RepoError> {
    let count = Applications::find()
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::EmailNormalized.eq(email_normalized))
        .filter(Column::Status.ne(ApplicationStatus::Cancelled.as_str()))
        .count(db)
        .await?;
    Ok(count > 0)
}

/// The live (not cancelled) application of this address for the training, if any.
pub async fn find_live(
    db: &impl ConnectionTrait,
    training_id: i32,
    email_normalized: &str,
) -> Result<Option<Application>, RepoError> {
    Applications::find()
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::EmailNormalized.eq(email_normalized))
        .filter(Column::Status.ne(ApplicationStatus::Cancelled.as_str()))
        .one(db)
        .await?
        .map(to_domain)
        .transpose()
}

/// The application a My Page key opens.
pub async fn find_by_key_hash(db: &impl ConnectionTrait, key_hash: &str) -> Result<Option<Application>, RepoError> {
    Applications::find().filter(Column::KeyHash.eq(key_hash)).one(db).await?.map(to_domain).transpose()
}

/// Marks an application cancelled, only if it is still `from`.
pub async fn cancel(
    db: &impl ConnectionTrait,
    id: i32,
    from: ApplicationStatus,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    let result = Applications::update_many()
        .col_expr(Column::Status, ApplicationStatus::Cancelled.as_str().into())
        .col_expr(Column::CancelledAt, Some(to_utc(now)).into())
        .col_expr(Column::UpdatedAt, to_utc(now).into())
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::StatusChanged));
    }
    Ok(())
}

/// The first applicant on the waiting list (first come, first served).
pub async fn first_waitlisted(db: &impl ConnectionTrait, training_id: i32) -> Result<Option<Application>, RepoError> {
    Applications::find()
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::Status.eq(ApplicationStatus::Waitlisted.as_str()))
        .order_by_asc(Column::Id)
        .one(db)
        .await?
        .map(to_domain)
        .transpose()
}

/// Moves a waiting applicant onto a seat (the seat must already be taken for them).
pub async fn promote(db: &impl ConnectionTrait, id: i32, now: OffsetDateTime) -> Result<(), RepoError> {
    let result = Applications::update_many()
        .col_expr(Column::Status, ApplicationStatus::Confirmed.as_str().into())
        .col_expr(Column::PromotedAt, Some(to_utc(now)).into())
        .col_expr(Column::UpdatedAt, to_utc(now).into())
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(ApplicationStatus::Waitlisted.as_str()))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::StatusChanged));
    }
    Ok(())
}

/// 1-based place on the waiting list.
pub async fn waitlist_position(db: &impl ConnectionTrait, application: &Application) -> Result<Option<u64>, RepoError> {
    if application.status != ApplicationStatus::Waitlisted {
        return Ok(None);
    }
    let ahead = Applications::find()
        .filter(Column::TrainingId.eq(application.training_id))
        .filter(Column::Status.eq(ApplicationStatus::Waitlisted.as_str()))
        .filter(Column::Id.lt(application.id))
        .count(db)
        .await?;
    Ok(Some(ahead + 1))
}

/// Applications of a training in the order they arrived.
pub async fn list(
    db: &impl ConnectionTrait,
    training_id: i32,
    status: Option<ApplicationStatus>,
    page: Page,
) -> Result<(Vec<Application>, u64), RepoError> {
    let mut query = Applications::find().filter(Column::TrainingId.eq(training_id));
    if let Some(status) = status {
        query = query.filter(Column::Status.eq(status.as_str()));
    }
    let total = query.clone().count(db).await?;
    let rows = query.order_by_asc(Column::Id).offset(page.offset()).limit(page.per_page).all(db).await?;
    Ok((rows.into_iter().map(to_domain).collect::<Result<_, _>>()?, total))
}

/// Counts per status, for checking the seat invariant.
pub async fn count(db: &impl ConnectionTrait, training_id: i32, status: ApplicationStatus) -> Result<u64, RepoError> {
    Ok(Applications::find()
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::Status.eq(status.as_str()))
        .count(db)
        .await?)
}

/// Bands and per-section はい counts of the live applications that answered the checklist.
pub async fn checklist_scores(db: &impl ConnectionTrait, training_id: i32) -> Result<Vec<(Band, Vec<u8>)>, RepoError> {
    let rows: Vec<(Option<String>, Option<String>)> = Applications::find()
        .select_only()
        .column(Column::ChecklistBand)
        .column(Column::ChecklistSections)
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::Status.ne(ApplicationStatus::Cancelled.as_str()))
        .filter(Column::ChecklistBand.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(band, sections)| {
            let band = Band::parse(band.as_deref()?)?;
            let sections = sections?.split(',').map(|n| n.parse().unwrap_or(0)).collect();
            Some((band, sections))
        })
        .collect())
}

/// Holds the training's row lock until the transaction ends, so that applicants joining
/// the waiting list at the same moment are numbered one after another.
pub async fn lock_training(db: &impl ConnectionTrait, training_id: i32) -> Result<(), RepoError> {
    Trainings::update_many()
        .col_expr(trainings::Column::SeatsTaken, Expr::col(trainings::Column::SeatsTaken).into())
        .filter(trainings::Column::Id.eq(training_id))
        .exec(db)
        .await?;
    Ok(())
}

/// One application by id.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Application>, RepoError> {
    Applications::find_by_id(id).one(db).await?.map(to_domain).transpose()
}

/// Replaces the My Page key (its hash): the old links stop working.
pub async fn set_key_hash(db: &impl ConnectionTrait, id: i32, key_hash: &str) -> Result<(), RepoError> {
    Applications::update_many().col_expr(Column::KeyHash, key_hash.into()).filter(Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Every application of a training in the order they arrived (a training holds at most its
/// capacity and waiting list, so staff search reads them all and filters in the domain).
pub async fn list_all(db: &impl ConnectionTrait, training_id: i32) -> Result<Vec<Application>, RepoError> {
    let rows = Applications::find().filter(Column::TrainingId.eq(training_id)).order_by_asc(Column::Id).all(db).await?;
    rows.into_iter().map(to_domain).collect()
}

/// The contact fields staff correct, as checked by the form's rules.
pub struct ContactUpdate<'a> {
    pub email: &'a str,
    pub email_normalized: &'a str,
    pub phone: &'a str,
    pub address: Option<&'a str>,
    /// `None`: left as it is; `Some(None)`: removed.
    pub job_title: Option<Option<&'a str>>,
}

/// Replaces the contact fields of a live application; `Conflict(AlreadyApplied)` when the
/// new address holds another live application of the training.
pub async fn update_contact(
    db: &impl ConnectionTrait,
    id: i32,
    contact: &ContactUpdate<'_>,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    let ContactUpdate { email, email_normalized, phone, address, job_title } = *contact;
    let mut update = Applications::update_many()
        .col_expr(Column::Email, email.into())
        .col_expr(Column::EmailNormalized, email_normalized.into())
        .col_expr(Column::Phone, phone.into())
        .col_expr(Column::Address, address.map(str::to_owned).into())
        .col_expr(Column::UpdatedAt, to_utc(now).into());
    if let Some(job_title) = job_title {
        update = update.col_expr(Column::JobTitle, job_title.map(str::to_owned).into());
    }
    let result = update
        .filter(Column::Id.eq(id))
        .filter(Column::Status.ne(ApplicationStatus::Cancelled.as_str()))
        .exec(db)
        .await
        .map_err(|e| RepoError::on_unique(e, ErrorCode::AlreadyApplied))?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::StatusChanged));
    }
    Ok(())
}

/// Notes why and by whom staff cancelled an application.
pub async fn set_cancel_note(
    db: &impl ConnectionTrait,
    id: i32,
    reason: &str,
    cancelled_by: Option<i32>,
) -> Result<(), RepoError> {
    Applications::update_many()
        .col_expr(Column::CancelReason, Some(reason.to_owned()).into())
        .col_expr(Column::CancelledBy, cancelled_by.into())
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// A training's numbers at a glance (issue 12): counted in the database, one row each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Every application ever made, cancelled ones included.
    pub applied: u64,
    pub confirmed: u64,
    pub waitlisted: u64,
    pub cancelled: u64,
    /// Confirmed applications with a start code / an end code entered.
    pub checked_in: u64,
    pub checked_out: u64,
    /// Certificates issued for the training and not revoked.
    pub certified: u64,
}

pub async fn tally(db: &impl ConnectionTrait, training_id: i32) -> Result<Tally, RepoError> {
    let by_status: Vec<(String, i64)> = Applications::find()
        .select_only()
        .column(Column::Status)
        .column_as(Column::Id.count(), "n")
        .filter(Column::TrainingId.eq(training_id))
        .group_by(Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut tally = Tally::default();
    for (status, n) in by_status {
        let n = n as u64;
        tally.applied += n;
        match ApplicationStatus::parse(&status) {
            Some(ApplicationStatus::Confirmed) => tally.confirmed = n,
            Some(ApplicationStatus::Waitlisted) => tally.waitlisted = n,
            Some(ApplicationStatus::Cancelled) => tally.cancelled = n,
            None => return Err(RepoError::Corrupt(format!("status {status}"))),
        }
    }
    let confirmed = Applications::find()
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::Status.eq(ApplicationStatus::Confirmed.as_str()));
    tally.checked_in = confirmed.clone().filter(Column::CheckedInAt.is_not_null()).count(db).await?;
    tally.checked_out = confirmed.filter(Column::CheckedOutAt.is_not_null()).count(db).await?;
    tally.certified = crate::entities::certificates::Entity::find()
        .filter(crate::entities::certificates::Column::TrainingId.eq(training_id))
        .filter(crate::entities::certificates::Column::RevokedAt.is_null())
        .count(db)
        .await?;
    Ok(tally)
}
