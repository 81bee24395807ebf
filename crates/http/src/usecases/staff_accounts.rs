//! Staff accounts, changed by an admin. The last enabled admin can be neither demoted nor
//! disabled, whoever asks: the office must never lock itself out.

use kenshu_domain::staff::{Role, StaffAccount};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::staff_users::{self, AccountChange};
use kenshu_persistence::{Db, RepoError};
use time::OffsetDateTime;

use crate::error::AppError;

/// Applies `change` to account `id` in one transaction, refusing to remove the last
/// enabled admin.
pub async fn change(db: &Db, id: i32, change: AccountChange, now: OffsetDateTime) -> Result<StaffAccount, AppError> {
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    let account = staff_users::find(&tx, id).await?.ok_or_else(|| AppError::new(ErrorCode::StaffAccountNotFound))?;
    let active_admin = account.user.role == Role::Admin && !account.disabled;
    let stays_admin =
        change.role.unwrap_or(account.user.role) == Role::Admin && !change.disabled.unwrap_or(account.disabled);
    if active_admin && !stays_admin && staff_users::count_active_admins(&tx).await? <= 1 {
        return Err(AppError::new(ErrorCode::LastActiveAdmin));
    }
    let saved = staff_users::change(&tx, id, change, now).await.map_err(|e| match e {
        RepoError::NotFound => AppError::new(ErrorCode::StaffAccountNotFound),
        other => other.into(),
    })?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(saved)
}
