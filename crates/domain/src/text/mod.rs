//! Text rules for what people type: characters allowed, width normalisation, length.

pub mod contact;
pub mod cp932;
pub mod kana;
pub mod line;
pub mod postal;
pub mod search;
pub mod width;
