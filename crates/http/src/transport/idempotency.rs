//! The `Idempotency-Key` header, and answers given (or given again) under it.

use std::future::{ready, Ready};

use actix_web::body::BoxBody;
use actix_web::http::{header, StatusCode};
use actix_web::{FromRequest, HttpRequest, HttpResponse, Responder};
use kenshu_domain::{idempotency, ErrorCode};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::usecases::idempotency::Answer;

/// The client's key for one form submission (a UUID is recommended): printable ASCII, at
/// most 200 characters. Absent is fine; malformed is a 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(Option<String>);

impl IdempotencyKey {
    pub const HEADER: &'static str = "Idempotency-Key";

    /// The key as sent, if any.
    pub fn as_str(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The key together with the hash of what was sent under it, for the usecase to compare
    /// a replay with the first request.
    pub fn with_request(self, parts: &[&[u8]]) -> Option<(String, String)> {
        let key = self.0?;
        let mut hasher = Sha256::new();
        for part in parts {
            // Length-prefixed, so two parts cannot be confused with one.
            hasher.update((part.len() as u64).to_be_bytes());
            hasher.update(part);
        }
        Some((key, hex::encode(hasher.finalize())))
    }

    fn parse(req: &HttpRequest) -> Result<Self, AppError> {
        let Some(value) = req.headers().get(Self::HEADER) else { return Ok(Self(None)) };
        match idempotency::parse_key(value.as_bytes()) {
            Some(key) => Ok(Self(Some(key.to_owned()))),
            None => Err(AppError::new(ErrorCode::InvalidIdempotencyKey)
                .with_detail("英数字と記号で200文字以内にしてください（UUID を推奨）")),
        }
    }
}

impl FromRequest for IdempotencyKey {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(Self::parse(req))
    }
}

impl Responder for Answer {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        let mut response = HttpResponse::build(StatusCode::from_u16(self.status).unwrap_or(StatusCode::CREATED));
        if self.replayed {
            response.insert_header(("Idempotency-Replayed", "true"));
        }
        if let Some(location) = self.location {
            response.insert_header((header::LOCATION, location));
        }
        response.insert_header((header::CACHE_CONTROL, "no-store"));
        response.content_type("application/json").body(self.body)
    }
}
