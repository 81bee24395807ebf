//! 関連ファイル (files attached to a training).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Who may download a file: anyone from the detail page, or only participants from My Page
/// (研修資料, Zoom操作方法, システム操作方法).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileVisibility {
    Public,
    Participants,
}

impl FileVisibility {
    pub fn as_str(self) -> &'static str {
        match self {
            FileVisibility::Public => "public",
            FileVisibility::Participants => "participants",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [FileVisibility::Public, FileVisibility::Participants].into_iter().find(|v| v.as_str() == s)
    }
}

/// What is known of a stored file without reading its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingFile {
    pub id: i32,
    pub training_id: i32,
    pub visibility: FileVisibility,
    pub title: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256: String,
    pub created_at: OffsetDateTime,
}

/// The kinds of file a training office shares, recognised by their content (magic bytes),
/// never by the name the uploader gave. Returns the MIME type to store and serve.
pub fn accepted_content_type(detected_mime: &str) -> Option<&'static str> {
    const ACCEPTED: [&str; 6] = [
        "application/pdf",
        "image/png",
        "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ];
    ACCEPTED.iter().find(|m| **m == detected_mime).copied()
}
