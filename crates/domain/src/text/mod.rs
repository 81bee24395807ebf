//! Text rules for what people type: width normalisation and length counting.

pub mod contact;
pub mod kana;
pub mod postal;
pub mod width;
