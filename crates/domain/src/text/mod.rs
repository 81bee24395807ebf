//! Text rules for what people type: width normalisation and length counting.

pub mod contact;
pub mod width;
