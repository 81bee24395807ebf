//! Background work started by `kenshu serve`.

pub mod mail;
pub mod seats;
pub mod webhooks;
