//! What every handler needs from HTTP and none should write itself: bounded bodies and
//! multipart forms, the `Idempotency-Key` header, and downloads. Each answers with a
//! problem document from the catalogue when the request is wrong.

pub mod body;
pub mod client;
pub mod download;
pub mod export;
pub mod idempotency;
pub mod multipart;

pub use body::{mime_of, read_body, unsupported_media_type};
pub use client::ClientAddress;
pub use download::{Download, Privacy};
pub use idempotency::IdempotencyKey;
pub use multipart::{Part, PartLimit, Parts};
