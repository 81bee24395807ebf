//! 事務局 (the organiser's staff) and the prefecture's read-only viewers.

use serde::{Deserialize, Serialize};

/// What a signed-in person may do (SPEC §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything staff do, plus managing staff and tokens.
    Admin,
    /// Runs trainings: creates, publishes, selects, exports.
    Staff,
    /// 北海道: reads rosters, changes nothing.
    Prefecture,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Staff, Role::Prefecture];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Prefecture => "prefecture",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Admins and staff run trainings; the prefecture only reads.
    pub fn runs_trainings(self) -> bool {
        matches!(self, Role::Admin | Role::Staff)
    }
}

/// A signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffUser {
    pub id: i32,
    /// Lower-cased at creation; sign-in compares lower-cased.
    pub email: String,
    pub role: Role,
}

/// What an API token may do (README, "API tokens"). Each endpoint open to tokens names
/// exactly one scope; a token never acts as an admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Scope {
    /// Reads trainings (the staff list and details).
    #[serde(rename = "trainings:read")]
    TrainingsRead,
    /// Reads applications.
    #[serde(rename = "applications:read")]
    ApplicationsRead,
    /// Changes applications.
    #[serde(rename = "applications:write")]
    ApplicationsWrite,
    /// Reads rosters and other bulk lists of participants.
    #[serde(rename = "rosters:read")]
    RostersRead,
}

impl Scope {
    pub const ALL: [Scope; 4] =
        [Scope::TrainingsRead, Scope::ApplicationsRead, Scope::ApplicationsWrite, Scope::RostersRead];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::TrainingsRead => "trainings:read",
            Scope::ApplicationsRead => "applications:read",
            Scope::ApplicationsWrite => "applications:write",
            Scope::RostersRead => "rosters:read",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scope| scope.as_str() == s)
    }
}

/// An API token as listed (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i32,
    pub name: String,
    pub prefix: String,
    pub scopes: Vec<Scope>,
    pub created_by: i32,
    pub created_at: time::OffsetDateTime,
    pub expires_at: Option<time::OffsetDateTime>,
    pub revoked_at: Option<time::OffsetDateTime>,
    pub last_used_at: Option<time::OffsetDateTime>,
}

impl ApiToken {
    /// Why the token cannot be used at `now`, if it cannot.
    pub fn refusal(&self, now: time::OffsetDateTime) -> Option<crate::ErrorCode> {
        if self.revoked_at.is_some() {
            Some(crate::ErrorCode::ApiTokenRevoked)
        } else if self.expires_at.is_some_and(|at| at <= now) {
            Some(crate::ErrorCode::ApiTokenExpired)
        } else {
            None
        }
    }
}

/// A staff account as the accounts screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    pub user: StaffUser,
    pub disabled: bool,
    pub created_at: time::OffsetDateTime,
}
