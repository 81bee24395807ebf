//! The organiser's settings that certificates print (issuer, representative, seal).

use kenshu_domain::certificate::{check_settings, seal_format, SEAL_MAX_BYTES};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::organiser::{self, NewSeal, Organiser, SealChange};
use kenshu_persistence::Db;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::AppError;

/// The settings form as it came.
pub struct SettingsInput {
    pub issuer: String,
    pub representative: String,
    /// A new seal image, as uploaded.
    pub seal: Option<Vec<u8>>,
    pub remove_seal: bool,
}

/// A seal is taken when its content is a PNG or JPEG (not its name), at most 1 MB, and it
/// decodes into a page.
fn check_seal(bytes: &[u8]) -> Result<&'static str, AppError> {
    if bytes.len() > SEAL_MAX_BYTES {
        return Err(AppError::new(ErrorCode::PayloadTooLarge).with_detail("印影の画像は1MB以下にしてください"));
    }
    let unsupported =
        || AppError::new(ErrorCode::UnsupportedFileType).with_detail("印影はPNGまたはJPEGの画像を選んでください");
    let content_type = infer::get(bytes).and_then(|kind| seal_format(kind.mime_type())).ok_or_else(unsupported)?;
    let format = match content_type {
        "image/png" => kenshu_pdf::SealFormat::Png,
        _ => kenshu_pdf::SealFormat::Jpeg,
    };
    kenshu_pdf::Seal::new(format, bytes.to_vec()).check().map_err(|_| {
        AppError::new(ErrorCode::UnsupportedFileType)
            .with_detail("印影の画像を読み取れませんでした。別の画像を選んでください")
    })?;
    Ok(content_type)
}

/// Saves the settings; nothing is stored when any part is refused.
pub async fn save(db: &Db, input: SettingsInput, now: OffsetDateTime) -> Result<Organiser, AppError> {
    let settings = check_settings(&input.issuer, &input.representative).map_err(AppError::validation)?;
    let seal = match &input.seal {
        Some(bytes) if !bytes.is_empty() => Some((check_seal(bytes)?, bytes)),
        _ => None,
    };
    let sha256 = seal.map(|(_, bytes)| format!("{:x}", Sha256::digest(bytes))).unwrap_or_default();
    let change = match seal {
        Some((content_type, bytes)) => SealChange::Replace(NewSeal { content_type, bytes, sha256: &sha256 }),
        None if input.remove_seal => SealChange::Remove,
        None => SealChange::Keep,
    };
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    let saved = organiser::save(&tx, &settings, change, now).await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(saved)
}

/// The seal as krilla draws it.
pub async fn load_seal(db: &Db, id: i32) -> Result<Option<kenshu_pdf::Seal>, AppError> {
    Ok(organiser::seal(db, id).await?.map(|(content_type, bytes)| {
        let format =
            if content_type == "image/png" { kenshu_pdf::SealFormat::Png } else { kenshu_pdf::SealFormat::Jpeg };
        kenshu_pdf::Seal::new(format, bytes)
    }))
}

/// Seals as krilla draws them, kept per process so that printing a certificate does not read
/// and decode the seal again each time (`kenshu_pdf::Seal` keeps its decoded image). A seal
/// row is never changed (a new upload is a new row), so an entry never goes stale; only the
/// last few are kept.
#[derive(Default)]
pub struct SealCache(std::sync::Mutex<Vec<(i32, Option<kenshu_pdf::Seal>)>>);

impl SealCache {
    const KEPT: usize = 4;

    pub async fn get(&self, db: &Db, id: Option<i32>) -> Result<Option<kenshu_pdf::Seal>, AppError> {
        let Some(id) = id else { return Ok(None) };
        if let Some((_, seal)) = self.entries().iter().find(|(kept, _)| *kept == id) {
            return Ok(seal.clone());
        }
        let seal = load_seal(db, id).await?;
        let mut entries = self.entries();
        if !entries.iter().any(|(kept, _)| *kept == id) {
            if entries.len() == Self::KEPT {
                entries.remove(0);
            }
            entries.push((id, seal.clone()));
        }
        Ok(seal)
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Vec<(i32, Option<kenshu_pdf::Seal>)>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
