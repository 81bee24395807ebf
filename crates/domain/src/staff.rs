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
