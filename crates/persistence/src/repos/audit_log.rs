//! The audit log: rows are appended and read, never changed. There is deliberately no update
//! or delete here, and the database refuses both (triggers, see the migration).

use kenshu_domain::time_jp::to_utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use time::OffsetDateTime;

use super::Page;
use crate::entities::audit_log::{self, Column, Entity as AuditLog};
use crate::RepoError;

/// One recorded action. Ids, a route pattern and a status: never personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i32,
    pub at: OffsetDateTime,
    /// `staff` or `token`.
    pub actor_kind: String,
    /// `None` for a failed sign-in (the account is not known, and its email is not kept).
    pub actor_id: Option<i32>,
    pub role: Option<String>,
    /// Method and matched route pattern: `POST /api/v1/admin/trainings/{id}/close`.
    pub action: String,
    pub training_id: Option<i32>,
    /// The other numeric path parameters (`id=12`, `application_id=7`).
    pub target: Option<String>,
    pub status: i32,
    pub client: Option<String>,
}

/// What to append (the id and nothing else is given by the database).
#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub at: OffsetDateTime,
    pub actor_kind: &'static str,
    pub actor_id: Option<i32>,
    pub role: Option<&'static str>,
    pub action: String,
    pub training_id: Option<i32>,
    pub target: Option<String>,
    pub status: u16,
    pub client: Option<String>,
}

impl From<audit_log::Model> for AuditEntry {
    fn from(m: audit_log::Model) -> Self {
        Self {
            id: m.id,
            at: m.at,
            actor_kind: m.actor_kind,
            actor_id: m.actor_id,
            role: m.role,
            action: m.action,
            training_id: m.training_id,
            target: m.target,
            status: m.status,
            client: m.client,
        }
    }
}

pub async fn append(db: &impl ConnectionTrait, entry: NewAuditEntry) -> Result<i32, RepoError> {
    let model = audit_log::ActiveModel {
        at: Set(to_utc(entry.at)),
        actor_kind: Set(entry.actor_kind.to_owned()),
        actor_id: Set(entry.actor_id),
        role: Set(entry.role.map(str::to_owned)),
        action: Set(entry.action.chars().take(200).collect()),
        training_id: Set(entry.training_id),
        target: Set(entry.target.map(|t| t.chars().take(100).collect())),
        status: Set(i32::from(entry.status)),
        client: Set(entry.client.map(|c| c.chars().take(64).collect())),
        ..Default::default()
    };
    Ok(model.insert(db).await?.id)
}

/// What to look for; every field narrows the list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_kind: Option<String>,
    pub actor_id: Option<i32>,
    pub training_id: Option<i32>,
    /// Part of the action (`close`, `POST`, `/certificates.zip`).
    pub action: Option<String>,
    /// From this instant, included.
    pub from: Option<OffsetDateTime>,
    /// Before this instant, excluded.
    pub until: Option<OffsetDateTime>,
}

/// Entries matching `filter`, newest first (by id, so pages never shift or repeat within a
/// second), and how many there are.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    page: Page,
) -> Result<(Vec<AuditEntry>, u64), RepoError> {
    let mut query = AuditLog::find();
    if let Some(kind) = &filter.actor_kind {
        query = query.filter(Column::ActorKind.eq(kind.as_str()));
    }
    if let Some(id) = filter.actor_id {
        query = query.filter(Column::ActorId.eq(id));
    }
    if let Some(id) = filter.training_id {
        query = query.filter(Column::TrainingId.eq(id));
    }
    if let Some(action) = &filter.action {
        query = query.filter(Column::Action.contains(action.as_str()));
    }
    if let Some(from) = filter.from {
        query = query.filter(Column::At.gte(to_utc(from)));
    }
    if let Some(until) = filter.until {
        query = query.filter(Column::At.lt(to_utc(until)));
    }
    let total = query.clone().count(db).await?;
    let rows = query.order_by_desc(Column::Id).offset(page.offset()).limit(page.per_page).all(db).await?;
    Ok((rows.into_iter().map(Into::into).collect(), total))
}
