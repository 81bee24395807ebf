//! Staff sign-in: argon2 passwords, JWTs in a cookie or bearer header, API tokens with
//! scopes, role extractors, login rate limits.

pub mod actor;
pub mod api_token;
pub mod extractors;
pub mod jwt;
pub mod middleware;
pub mod password;
pub mod rate_limit;
pub mod scopes;
pub mod session;

pub use actor::{Actor, ActorKind};
pub use extractors::{AdminUser, SignedIn, StaffSession, StaffUser, Viewer};
