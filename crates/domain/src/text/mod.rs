//! Text rules for what people type: width normalisation and length counting.

pub mod width;
