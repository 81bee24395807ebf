//! 関連ファイル (files attached to a training).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::text::line::SingleLine;
use crate::FieldIssue;

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

/// The name a file is kept and handed out under: the uploader's name, with the extension of
/// what its bytes are appended when the name says otherwise. A PDF named `案内.html` would be
/// saved by the browser as a web page and opened as one from the disk; as `案内.html.pdf` it
/// opens as the PDF it is.
pub fn stored_name(filename: &str, content_type: &str) -> String {
    let extensions: &[&str] = match content_type {
        "application/pdf" => &["pdf"],
        "image/png" => &["png"],
        "image/jpeg" => &["jpg", "jpeg"],
        "image/heif" => &["heic", "heif"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => &["docx"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => &["xlsx"],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => &["pptx"],
        _ => return filename.to_owned(),
    };
    let extension = filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension {
        Some(e) if extensions.contains(&e.as_str()) => filename.to_owned(),
        _ => format!("{filename}.{}", extensions[0]),
    }
}

/// A staff upload as it came: the form's text fields and the file's name, if any.
#[derive(Debug, Clone, Default)]
pub struct UploadFields {
    pub visibility: Option<String>,
    pub title: Option<String>,
    pub filename: Option<String>,
    /// A non-empty file came with the form.
    pub has_content: bool,
}

/// An upload whose fields follow the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedUpload {
    pub visibility: FileVisibility,
    /// Shown to people; the file's name when none is given.
    pub title: String,
    pub filename: String,
}

/// The rules of the upload form, every broken one reported at once: a visibility chosen
/// from the two, a title of one line and at most 200 characters, a file.
pub fn check_upload(fields: &UploadFields) -> Result<CheckedUpload, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let visibility = match fields.visibility.as_deref().map(FileVisibility::parse) {
        Some(Some(v)) => Some(v),
        Some(None) => {
            issues.push(FieldIssue::new(
                "visibility",
                "invalid_choice",
                "公開範囲は public か participants を選んでください",
            ));
            None
        }
        None => {
            issues.push(FieldIssue::new("visibility", "required", "公開範囲を選んでください"));
            None
        }
    };
    let filename = fields.filename.clone().filter(|n| !n.is_empty());
    let typed = fields.title.clone().filter(|t| !t.trim().is_empty()).or_else(|| filename.clone()).unwrap_or_default();
    let title = SingleLine::parse(&typed, 200).map(SingleLine::into_string).unwrap_or_else(|error| {
        issues.push(error.issue("title", "表示名"));
        String::new()
    });
    if !fields.has_content {
        issues.push(FieldIssue::new("file", "required", "ファイルを選んでください"));
    }
    match visibility {
        Some(visibility) if issues.is_empty() => {
            Ok(CheckedUpload { visibility, title, filename: filename.unwrap_or_else(|| "file".to_owned()) })
        }
        _ => Err(issues),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(
        visibility: Option<&str>,
        title: Option<&str>,
        filename: Option<&str>,
        has_content: bool,
    ) -> UploadFields {
        UploadFields {
            visibility: visibility.map(str::to_owned),
            title: title.map(str::to_owned),
            filename: filename.map(str::to_owned),
            has_content,
        }
    }

    #[test]
    fn a_name_gets_the_extension_of_what_the_bytes_are() {
        let cases = [
            ("案内.pdf", "application/pdf", "案内.pdf"),
            ("案内.PDF", "application/pdf", "案内.PDF"),
            ("案内.html", "application/pdf", "案内.html.pdf"),
            ("資料.pdf.exe", "application/pdf", "資料.pdf.exe.pdf"),
            ("写真.jpeg", "image/jpeg", "写真.jpeg"),
            ("写真.svg", "image/jpeg", "写真.svg.jpg"),
            ("IMG_0001.HEIC", "image/heif", "IMG_0001.HEIC"),
            ("名簿", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "名簿.xlsx"),
            ("file", "application/octet-stream", "file"),
        ];
        for (name, content_type, want) in cases {
            assert_eq!(stored_name(name, content_type), want, "{name} as {content_type}");
        }
    }

    #[test]
    fn upload_rules_as_a_table() {
        let long = "資".repeat(201);
        let cases = [
            (fields(Some("public"), Some("研修資料"), Some("a.pdf"), true), Ok(("研修資料", "a.pdf"))),
            (fields(Some("participants"), None, Some("操作方法.pdf"), true), Ok(("操作方法.pdf", "操作方法.pdf"))),
            (fields(Some("public"), Some(""), None, true), Ok(("", "file"))),
            (fields(None, None, None, false), Err(vec!["visibility", "file"])),
            (fields(Some("everyone"), Some(&long), Some("a.pdf"), true), Err(vec!["visibility", "title"])),
            (fields(Some("public"), None, Some("a.pdf"), false), Err(vec!["file"])),
            (fields(Some("public"), Some("研修\n資料"), Some("a.pdf"), true), Err(vec!["title"])),
        ];
        for (input, expected) in cases {
            let got = check_upload(&input)
                .map(|c| (c.title, c.filename))
                .map_err(|issues| issues.into_iter().map(|i| i.field).collect::<Vec<_>>());
            let expected = expected
                .map(|(t, f)| (t.to_owned(), f.to_owned()))
                .map_err(|fs| fs.into_iter().map(str::to_owned).collect::<Vec<_>>());
            assert_eq!(got, expected, "{input:?}");
        }
    }
}
