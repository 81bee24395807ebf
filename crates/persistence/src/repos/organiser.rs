//! The organiser's settings that certificates print: issuer, representative and seal.
//! Seals are kept as versions, never overwritten, so a certificate issued with one prints
//! it again on every re-download.

use kenshu_domain::certificate::{OrganiserSettings, ORGANISER_ID};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QuerySelect, Set};
use time::OffsetDateTime;

use crate::entities::organiser_seals::{self, Entity as Seals};
use crate::entities::organisers::{self, Entity as Organisers};
use crate::RepoError;

/// What is stored of a seal without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealInfo {
    pub id: i32,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organiser {
    pub settings: OrganiserSettings,
    pub seal: Option<SealInfo>,
    /// `None` until the settings are first saved.
    pub updated_at: Option<OffsetDateTime>,
}

/// A checked seal image about to be kept.
pub struct NewSeal<'a> {
    pub content_type: &'a str,
    pub bytes: &'a [u8],
    pub sha256: &'a str,
}

/// What to do with the seal when the settings are saved.
pub enum SealChange<'a> {
    Keep,
    Replace(NewSeal<'a>),
    Remove,
}

async fn seal_info(db: &impl ConnectionTrait, id: i32) -> Result<Option<SealInfo>, RepoError> {
    Ok(Seals::find_by_id(id)
        .select_only()
        .columns([
            organiser_seals::Column::Id,
            organiser_seals::Column::ContentType,
            organiser_seals::Column::SizeBytes,
            organiser_seals::Column::Sha256,
        ])
        .into_tuple::<(i32, String, i32, String)>()
        .one(db)
        .await?
        .map(|(id, content_type, size_bytes, sha256)| SealInfo { id, content_type, size_bytes, sha256 }))
}

/// The settings; empty ones before anyone saved them.
pub async fn get(db: &impl ConnectionTrait) -> Result<Organiser, RepoError> {
    let Some(row) = Organisers::find_by_id(ORGANISER_ID).one(db).await? else {
        return Ok(Organiser { settings: OrganiserSettings::default(), seal: None, updated_at: None });
    };
    let seal = match row.seal_id {
        Some(id) => Some(seal_info(db, id).await?.ok_or_else(|| RepoError::Corrupt(format!("seal {id} is gone")))?),
        None => None,
    };
    Ok(Organiser {
        settings: OrganiserSettings { issuer: row.issuer, representative: row.representative },
        seal,
        updated_at: Some(row.updated_at),
    })
}

/// Saves the settings (call inside a transaction when the seal changes).
pub async fn save(
    db: &impl ConnectionTrait,
    settings: &OrganiserSettings,
    seal: SealChange<'_>,
    now: OffsetDateTime,
) -> Result<Organiser, RepoError> {
    let current = Organisers::find_by_id(ORGANISER_ID).one(db).await?;
    let seal_id = match seal {
        SealChange::Keep => current.as_ref().and_then(|c| c.seal_id),
        SealChange::Remove => None,
        SealChange::Replace(new) => {
            let row = organiser_seals::ActiveModel {
                organiser_id: Set(ORGANISER_ID),
                content_type: Set(new.content_type.to_owned()),
                size_bytes: Set(i32::try_from(new.bytes.len()).unwrap_or(i32::MAX)),
                sha256: Set(new.sha256.to_owned()),
                content: Set(new.bytes.to_vec()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Some(row.id)
        }
    };
    let row = organisers::ActiveModel {
        id: Set(ORGANISER_ID),
        issuer: Set(settings.issuer.clone()),
        representative: Set(settings.representative.clone()),
        seal_id: Set(seal_id),
        updated_at: Set(now),
    };
    match current {
        Some(_) => row.update(db).await?,
        None => row.insert(db).await?,
    };
    get(db).await
}

/// A seal's type and bytes.
pub async fn seal(db: &impl ConnectionTrait, id: i32) -> Result<Option<(String, Vec<u8>)>, RepoError> {
    Ok(Seals::find_by_id(id).one(db).await?.map(|s| (s.content_type, s.content)))
}
