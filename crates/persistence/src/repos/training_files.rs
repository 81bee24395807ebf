//! 関連ファイル: metadata and bytes, kept in the database.

use kenshu_domain::file::{FileVisibility, TrainingFile};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use time::OffsetDateTime;

use crate::entities::training_files::{self, Column, Entity as TrainingFiles};
use crate::RepoError;

/// A new file to store; `content_type` is what its bytes were recognised as.
pub struct NewFile<'a> {
    pub training_id: i32,
    pub visibility: FileVisibility,
    pub title: &'a str,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub sha256: &'a str,
    pub content: Vec<u8>,
}

type MetaRow = (i32, i32, String, String, String, String, i32, String, OffsetDateTime);

const META_COLUMNS: [Column; 9] = [
    Column::Id,
    Column::TrainingId,
    Column::Visibility,
    Column::Title,
    Column::Filename,
    Column::ContentType,
    Column::SizeBytes,
    Column::Sha256,
    Column::CreatedAt,
];

fn meta(row: MetaRow) -> Result<TrainingFile, RepoError> {
    let (id, training_id, visibility, title, filename, content_type, size_bytes, sha256, created_at) = row;
    Ok(TrainingFile {
        id,
        training_id,
        visibility: FileVisibility::parse(&visibility)
            .ok_or_else(|| RepoError::Corrupt(format!("visibility {visibility}")))?,
        title,
        filename,
        content_type,
        size_bytes,
        sha256,
        created_at,
    })
}

pub async fn insert(
    db: &impl ConnectionTrait,
    file: NewFile<'_>,
    now: OffsetDateTime,
) -> Result<TrainingFile, RepoError> {
    let size = i32::try_from(file.content.len()).map_err(|_| RepoError::Corrupt("size".into()))?;
    let m = training_files::ActiveModel {
        training_id: Set(file.training_id),
        visibility: Set(file.visibility.as_str().to_owned()),
        title: Set(file.title.to_owned()),
        filename: Set(file.filename.to_owned()),
        content_type: Set(file.content_type.to_owned()),
        size_bytes: Set(size),
        sha256: Set(file.sha256.to_owned()),
        content: Set(file.content),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(TrainingFile {
        id: m.id,
        training_id: m.training_id,
        visibility: file.visibility,
        title: m.title,
        filename: m.filename,
        content_type: m.content_type,
        size_bytes: m.size_bytes,
        sha256: m.sha256,
        created_at: m.created_at,
    })
}

/// The files of some trainings, without their bytes, in upload order;
/// `only` restricts to one visibility.
pub async fn list(
    db: &impl ConnectionTrait,
    training_ids: &[i32],
    only: Option<FileVisibility>,
) -> Result<Vec<TrainingFile>, RepoError> {
    if training_ids.is_empty() {
        return Ok(vec![]);
    }
    let mut query = TrainingFiles::find()
        .select_only()
        .columns(META_COLUMNS)
        .filter(Column::TrainingId.is_in(training_ids.iter().copied()));
    if let Some(visibility) = only {
        query = query.filter(Column::Visibility.eq(visibility.as_str()));
    }
    query.order_by_asc(Column::Id).into_tuple::<MetaRow>().all(db).await?.into_iter().map(meta).collect()
}

/// A file with its bytes, if it belongs to the training (and has the visibility asked for).
pub async fn find_content(
    db: &impl ConnectionTrait,
    training_id: i32,
    file_id: i32,
    only: Option<FileVisibility>,
) -> Result<Option<(TrainingFile, Vec<u8>)>, RepoError> {
    let mut query = TrainingFiles::find_by_id(file_id).filter(Column::TrainingId.eq(training_id));
    if let Some(visibility) = only {
        query = query.filter(Column::Visibility.eq(visibility.as_str()));
    }
    let Some(m) = query.one(db).await? else { return Ok(None) };
    let file = meta((
        m.id,
        m.training_id,
        m.visibility,
        m.title,
        m.filename,
        m.content_type,
        m.size_bytes,
        m.sha256,
        m.created_at,
    ))?;
    Ok(Some((file, m.content)))
}

/// Deletes a file of a training; `NotFound` if there is none.
pub async fn delete(db: &impl ConnectionTrait, training_id: i32, file_id: i32) -> Result<(), RepoError> {
    let result = TrainingFiles::delete_many()
        .filter(Column::Id.eq(file_id))
        .filter(Column::TrainingId.eq(training_id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Ok(())
}
