//! Staff sign-in: argon2 passwords, JWTs, role extractors, login rate limits.

pub mod actor;
pub mod extractors;
pub mod jwt;
pub mod password;
pub mod rate_limit;

pub use actor::{Actor, ActorKind};
pub use extractors::{AdminUser, SignedIn, StaffUser, Viewer};
