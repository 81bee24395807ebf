//! `multipart/form-data` read within limits: each named part has its own, the whole request
//! has one more, and parts nobody asked for are read past (within the request's limit) and
//! dropped. File names are cleaned once, here.

use actix_multipart::{Multipart, MultipartError};
use actix_web::{web, HttpRequest};
use futures_util::StreamExt;
use kenshu_domain::ErrorCode;

use super::body::{check_declared_length, mime_of, unsupported_media_type};
use crate::error::AppError;

/// What one named part may hold.
#[derive(Debug, Clone, Copy)]
pub struct PartLimit {
    pub name: &'static str,
    /// Bytes kept; a larger part is still read (up to `max`) so that its real size can be
    /// reported as a field error, but its bytes are dropped.
    pub keep: usize,
    /// Past this the request stops with 413.
    pub max: usize,
}

impl PartLimit {
    /// A part kept whole up to `max`.
    pub const fn up_to(name: &'static str, max: usize) -> Self {
        Self { name, keep: max, max }
    }
}

/// One part as read.
#[derive(Debug)]
pub struct Part {
    /// The uploaded file's name, cleaned (see [`clean_filename`]); `None` for plain fields.
    pub filename: Option<String>,
    /// The bytes, unless the part was larger than its `keep`.
    pub bytes: Vec<u8>,
    /// The real size in bytes.
    pub size: usize,
}

impl Part {
    /// The part as trimmed UTF-8 text; `None` if it is not UTF-8.
    pub fn text(&self) -> Option<String> {
        std::str::from_utf8(&self.bytes).ok().map(|s| s.trim().to_owned())
    }

    pub fn is_truncated(&self) -> bool {
        self.bytes.len() < self.size
    }
}

/// The parts that were asked for, by name (the first of each name wins).
#[derive(Debug, Default)]
pub struct Parts(Vec<(&'static str, Part)>);

impl Parts {
    pub fn take(&mut self, name: &str) -> Option<Part> {
        let index = self.0.iter().position(|(n, _)| *n == name)?;
        Some(self.0.swap_remove(index).1)
    }

    /// Reads a `multipart/form-data` request: 415 for another type, 413 when a part passes
    /// its `max` or the whole body passes `total`, 400 for a broken form.
    pub async fn read(
        req: &HttpRequest,
        payload: web::Payload,
        limits: &[PartLimit],
        total: usize,
    ) -> Result<Parts, AppError> {
        if mime_of(req) != "multipart/form-data" {
            return Err(unsupported_media_type("multipart/form-data"));
        }
        check_declared_length(req, total)?;
        read_parts(Multipart::new(req.headers(), payload), limits, total).await
    }
}

/// The parts of a form already recognised as multipart.
pub async fn read_parts(mut form: Multipart, limits: &[PartLimit], total: usize) -> Result<Parts, AppError> {
    let mut parts = Parts::default();
    let mut read = 0usize;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(bad_form)?;
        let wanted = field.name().and_then(|name| limits.iter().find(|l| l.name == name)).copied();
        let already = wanted.is_some_and(|l| parts.0.iter().any(|(n, _)| *n == l.name));
        let limit = wanted.filter(|_| !already);
        let filename = field.content_disposition().and_then(|cd| cd.get_filename()).map(clean_filename);
        let mut part = Part { filename, bytes: Vec::new(), size: 0 };
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad_form)?;
            read += chunk.len();
            part.size += chunk.len();
            if read > total {
                return Err(AppError::payload_too_large(total));
            }
            let Some(limit) = limit else { continue };
            if part.size > limit.max {
                return Err(AppError::payload_too_large(limit.max));
            }
            if part.size <= limit.keep {
                part.bytes.extend_from_slice(&chunk);
            }
        }
        if let Some(limit) = limit {
            if part.is_truncated() {
                part.bytes = Vec::new();
            }
            parts.0.push((limit.name, part));
        }
    }
    Ok(parts)
}

fn bad_form(err: MultipartError) -> AppError {
    AppError::new(ErrorCode::MalformedForm).with_detail(err.to_string())
}

/// The last path segment of an uploaded file's name, without control characters or the
/// bidirectional marks that make `資料\u{202e}fdp.exe` look like `資料exe.pdf`, trimmed, at
/// most 200 characters; empty when nothing is left.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let bidi =
        |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    base.chars().filter(|c| !c.is_control() && !bidi(*c)).take(200).collect::<String>().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_path_and_control_characters() {
        assert_eq!(clean_filename("C:\\Users\\髙橋\\修了証.pdf"), "修了証.pdf");
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename(" a\u{0}b\r\n.pdf "), "ab.pdf");
        assert_eq!(clean_filename("dir/"), "");
        assert_eq!(clean_filename("資料\u{202e}fdp.exe"), "資料fdp.exe");
    }
}
