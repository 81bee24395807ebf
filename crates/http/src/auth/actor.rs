//! Who made a request, as authentication found it.
//!
//! Authentication puts an [`Actor`] into the request's extensions, so what runs around the
//! handler (the audit log) knows who acted without each handler passing it on. It names the
//! account or token, never a person's data.

use actix_web::{HttpMessage, HttpRequest};
use kenshu_domain::staff::Role;

/// The account or API token behind a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// A staff member signed in with a password (bearer JWT or session cookie).
    Staff { user_id: i32 },
    /// An integration's API token.
    Token { token_id: i32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    pub role: Role,
}

impl Actor {
    /// Marks `req` as made by this actor; called once authentication succeeded.
    pub fn attach(self, req: &HttpRequest) {
        req.extensions_mut().insert(self);
    }

    /// The actor of `req`, if it was authenticated.
    pub fn of(req: &HttpRequest) -> Option<Actor> {
        req.extensions().get::<Actor>().copied()
    }
}
