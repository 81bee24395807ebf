//! Reading a request body without trusting its size.

use actix_web::http::header;
use actix_web::web::{Bytes, BytesMut};
use actix_web::HttpRequest;
use futures_util::{Stream, StreamExt};
use kenshu_domain::ErrorCode;

use crate::error::AppError;

/// The media type of the request, lower case, without parameters (`multipart/form-data`).
pub fn mime_of(req: &HttpRequest) -> String {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A declared `Content-Length` past `limit` is refused before a byte is read.
pub fn check_declared_length(req: &HttpRequest, limit: usize) -> Result<(), AppError> {
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(len) if len > limit as u64 => Err(AppError::payload_too_large(limit)),
        _ => Ok(()),
    }
}

/// The whole body, stopping with 413 as soon as it grows past `limit`.
pub async fn read_body<S, E>(mut payload: S, limit: usize) -> Result<Bytes, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::new(ErrorCode::UnreadableBody).with_detail(e.to_string()))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::payload_too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// 415 naming the type that is expected.
pub fn unsupported_media_type(expected: &str) -> AppError {
    AppError::new(ErrorCode::UnsupportedMediaType).with_detail(format!("Content-Type は {expected} で送信してください"))
}
