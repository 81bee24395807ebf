//! Issued certificates: numbered without gaps or duplicates, found again by application or
//! by verification code, revoked with a reason.

use kenshu_domain::certificate::{CertificateKind, VerificationCode, ORGANISER_ID};
use kenshu_domain::webhook::WebhookEvent;
use kenshu_domain::ErrorCode;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use time::OffsetDateTime;

use crate::entities::certificate_sequences::{self, Entity as Sequences};
use crate::entities::certificates::{self, Column, Entity as Certificates};
use crate::RepoError;

/// Why and when a certificate was revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revocation {
    pub at: OffsetDateTime,
    pub reason: String,
    pub by: Option<i32>,
}

/// A stored certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRecord {
    pub id: i32,
    pub kind: CertificateKind,
    pub subject_id: i32,
    pub training_id: i32,
    pub fiscal_year: i32,
    pub number: Option<i32>,
    pub code: VerificationCode,
    pub holder_name: String,
    pub training_title: String,
    pub held: String,
    pub hours: Option<String>,
    /// What the document prints, as issued (JSON; the usecase knows its type).
    pub snapshot: String,
    pub issued_at: OffsetDateTime,
    pub revocation: Option<Revocation>,
}

/// A certificate about to be recorded.
#[derive(Debug, Clone)]
pub struct NewCertificate {
    pub kind: CertificateKind,
    pub subject_id: i32,
    pub training_id: i32,
    pub fiscal_year: i32,
    pub code: VerificationCode,
    pub holder_name: String,
    pub training_title: String,
    pub held: String,
    pub hours: Option<String>,
    pub issued_at: OffsetDateTime,
}

fn to_record(m: certificates::Model) -> Result<CertificateRecord, RepoError> {
    let kind = CertificateKind::parse(&m.kind).ok_or_else(|| RepoError::Corrupt(format!("kind {}", m.kind)))?;
    let code = VerificationCode::parse(&m.verification_code)
        .map_err(|_| RepoError::Corrupt(format!("verification code of certificate {}", m.id)))?;
    let revocation = match (m.revoked_at, m.revoked_reason) {
        (Some(at), Some(reason)) => Some(Revocation { at, reason, by: m.revoked_by }),
        (None, None) => None,
        _ => return Err(RepoError::Corrupt(format!("revocation of certificate {}", m.id))),
    };
    Ok(CertificateRecord {
        id: m.id,
        kind,
        subject_id: m.subject_id,
        training_id: m.training_id,
        fiscal_year: m.fiscal_year,
        number: m.number,
        code,
        holder_name: m.holder_name,
        training_title: m.training_title,
        held: m.held,
        hours: m.hours,
        snapshot: m.snapshot,
        issued_at: m.issued_at,
        revocation,
    })
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<CertificateRecord>, RepoError> {
    Certificates::find_by_id(id).one(db).await?.map(to_record).transpose()
}

/// The certificate of one application, if issued.
pub async fn find_by_subject(
    db: &impl ConnectionTrait,
    kind: CertificateKind,
    subject_id: i32,
) -> Result<Option<CertificateRecord>, RepoError> {
    Certificates::find()
        .filter(Column::Kind.eq(kind.as_str()))
        .filter(Column::SubjectId.eq(subject_id))
        .one(db)
        .await?
        .map(to_record)
        .transpose()
}

pub async fn find_by_code(
    db: &impl ConnectionTrait,
    code: &VerificationCode,
) -> Result<Option<CertificateRecord>, RepoError> {
    Certificates::find().filter(Column::VerificationCode.eq(code.as_str())).one(db).await?.map(to_record).transpose()
}

/// Every certificate of a training of one kind, by number then id.
pub async fn list_for_training(
    db: &impl ConnectionTrait,
    training_id: i32,
    kind: CertificateKind,
) -> Result<Vec<CertificateRecord>, RepoError> {
    Certificates::find()
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::Kind.eq(kind.as_str()))
        .order_by_asc(Column::Number)
        .order_by_asc(Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_record)
        .collect()
}

fn row(new: &NewCertificate, number: Option<i32>, snapshot: String) -> certificates::ActiveModel {
    certificates::ActiveModel {
        kind: Set(new.kind.as_str().to_owned()),
        subject_id: Set(new.subject_id),
        training_id: Set(new.training_id),
        organiser_id: Set(ORGANISER_ID),
        fiscal_year: Set(new.fiscal_year),
        number: Set(number),
        verification_code: Set(new.code.as_str().to_owned()),
        holder_name: Set(new.holder_name.clone()),
        training_title: Set(new.training_title.clone()),
        held: Set(new.held.clone()),
        hours: Set(new.hours.clone()),
        snapshot: Set(snapshot),
        issued_at: Set(new.issued_at),
        revoked_at: Set(None),
        revoked_reason: Set(None),
        revoked_by: Set(None),
        ..Default::default()
    }
}

/// Issues a numbered certificate in `txn`, or returns the one the application already has.
///
/// The caller begins `txn` with [`crate::begin_write`] and locks the subject's row in it
/// before deciding the certificate is due, so that a change of attendance made meanwhile
/// waits for the commit (and then finds the certificate) or is seen by the decision.
/// The number is the next of the organiser's sequence for the fiscal year, taken in the
/// same transaction: the sequence row is written first, so PostgreSQL holds its row lock
/// and SQLite its write lock until the commit. Two requests never get one number, and a
/// request that fails (or finds the certificate already issued by a concurrent one) rolls
/// its increment back, so no number is skipped. `snapshot` makes the printed data from the
/// number; its error rolls back too and comes back as the inner `Err`.
pub async fn issue_numbered<E>(
    db: &DatabaseConnection,
    txn: DatabaseTransaction,
    new: &NewCertificate,
    snapshot: impl FnOnce(i32) -> Result<String, E>,
) -> Result<Result<CertificateRecord, E>, RepoError> {
    let key = (ORGANISER_ID, new.fiscal_year);
    Sequences::insert(certificate_sequences::ActiveModel {
        organiser_id: Set(key.0),
        fiscal_year: Set(key.1),
        last_number: Set(0),
    })
    .on_conflict(OnConflict::new().do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    Sequences::update_many()
        .col_expr(
            certificate_sequences::Column::LastNumber,
            Expr::col(certificate_sequences::Column::LastNumber).add(1),
        )
        .filter(certificate_sequences::Column::OrganiserId.eq(key.0))
        .filter(certificate_sequences::Column::FiscalYear.eq(key.1))
        .exec(&txn)
        .await?;
    let number = Sequences::find_by_id(key)
        .one(&txn)
        .await?
        .ok_or_else(|| RepoError::Corrupt("certificate sequence row missing".into()))?
        .last_number;
    if let Some(existing) = find_by_subject(&txn, new.kind, new.subject_id).await? {
        txn.rollback().await?;
        return Ok(Ok(existing));
    }
    // A failure from here on rolls the number back with the transaction: no gap.
    let snapshot = match snapshot(number) {
        Ok(snapshot) => snapshot,
        Err(err) => {
            txn.rollback().await?;
            return Ok(Err(err));
        }
    };
    let stored = row(new, Some(number), snapshot).insert(&txn).await;
    match stored {
        Ok(model) => {
            super::webhooks::enqueue(&txn, WebhookEvent::CertificateIssued, &issued_event(&model), new.issued_at)
                .await?;
            txn.commit().await?;
            to_record(model).map(Ok)
        }
        Err(err) => {
            txn.rollback().await?;
            match RepoError::on_unique(err, ErrorCode::StatusChanged) {
                // Issued by a concurrent request meanwhile: that one stands.
                RepoError::Conflict(_) => find_by_subject(db, new.kind, new.subject_id)
                    .await?
                    .map(Ok)
                    .ok_or(RepoError::Conflict(ErrorCode::StatusChanged)),
                other => Err(other),
            }
        }
    }
}

/// Records a certificate that prints its own number (the 修了証書), or returns the one
/// the application already has.
pub async fn record_unnumbered(
    db: &DatabaseConnection,
    new: &NewCertificate,
    snapshot: String,
) -> Result<CertificateRecord, RepoError> {
    if let Some(existing) = find_by_subject(db, new.kind, new.subject_id).await? {
        return Ok(existing);
    }
    let txn = db.begin().await?;
    match row(new, None, snapshot).insert(&txn).await {
        Ok(model) => {
            super::webhooks::enqueue(&txn, WebhookEvent::CertificateIssued, &issued_event(&model), new.issued_at)
                .await?;
            txn.commit().await?;
            to_record(model)
        }
        Err(err) => match RepoError::on_unique(err, ErrorCode::StatusChanged) {
            RepoError::Conflict(_) => find_by_subject(db, new.kind, new.subject_id)
                .await?
                .ok_or(RepoError::Conflict(ErrorCode::StatusChanged)),
            other => Err(other),
        },
    }
}

/// Revokes a certificate unless it is revoked already (`Conflict(CertificateAlreadyRevoked)`).
pub async fn revoke(
    db: &impl ConnectionTrait,
    id: i32,
    reason: &str,
    by: i32,
    at: OffsetDateTime,
) -> Result<CertificateRecord, RepoError> {
    let changed = Certificates::update_many()
        .col_expr(Column::RevokedAt, Expr::value(at))
        .col_expr(Column::RevokedReason, Expr::value(reason.to_owned()))
        .col_expr(Column::RevokedBy, Expr::value(by))
        .filter(Column::Id.eq(id))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    let record = find(db, id).await?.ok_or(RepoError::NotFound)?;
    if changed.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::CertificateAlreadyRevoked));
    }
    Ok(record)
}

/// The `certificate.issued` webhook's data: ids, kind and number, never the holder's name.
fn issued_event(model: &certificates::Model) -> serde_json::Value {
    serde_json::json!({
        "certificate_id": model.id,
        "kind": model.kind,
        "subject_id": model.subject_id,
        "training_id": model.training_id,
        "fiscal_year": model.fiscal_year,
        "number": model.number,
    })
}
