//! THE table of what API tokens may call: (method, route pattern under `/api/v1`) → the
//! one scope it needs. A route that is not listed, or listed with `None`, is not open to
//! tokens at all (`not_for_api_tokens`). Authentication checks it for every token request
//! (`auth::middleware`), so handlers never look at scopes.
//!
//! Roles are enforced by the handlers' extractors (`Viewer`, `StaffUser`, `AdminUser`); a
//! token acts with the `staff` role at most, never as an admin. When you add a staff route
//! that integrations need, add one line here and one in tests/api/roles_and_scopes.rs.

use kenshu_domain::staff::Scope;

use Scope::{ApplicationsRead, ApplicationsWrite, RostersRead, TrainingsRead};

pub const ROUTE_SCOPES: &[(&str, &str, Option<Scope>)] = &[
    // Trainings.
    ("GET", "/admin/trainings", Some(TrainingsRead)),
    ("GET", "/admin/trainings/{id}", Some(TrainingsRead)),
    ("GET", "/admin/trainings/{id}/files/{file_id}", Some(TrainingsRead)),
    ("GET", "/admin/trainings/{id}/survey", Some(TrainingsRead)),
    // Applications.
    ("GET", "/admin/trainings/{id}/applications", Some(ApplicationsRead)),
    ("GET", "/admin/trainings/{id}/checklist-summary", Some(ApplicationsRead)),
    ("GET", "/admin/trainings/{id}/practical-applications", Some(ApplicationsRead)),
    ("GET", "/admin/practical-applications/{id}", Some(ApplicationsRead)),
    ("GET", "/admin/practical-applications/{id}/attachment", Some(ApplicationsRead)),
    ("GET", "/admin/practical-applications/{id}/notice.pdf", Some(ApplicationsRead)),
    ("GET", "/admin/practical-applications/{id}/certificate.pdf", Some(ApplicationsRead)),
    ("GET", "/admin/trainings/{id}/zoom-checks", Some(ApplicationsRead)),
    ("POST", "/admin/practical-applications/{id}/decision", Some(ApplicationsWrite)),
    ("POST", "/admin/practical-applications/{id}/cancel", Some(ApplicationsWrite)),
    ("POST", "/admin/practical-applications/{id}/attendance", Some(ApplicationsWrite)),
    ("POST", "/admin/practical-applications/{id}/completion", Some(ApplicationsWrite)),
    ("POST", "/admin/practical-applications/{id}/attendance/undo", Some(ApplicationsWrite)),
    ("POST", "/admin/practical-applications/{id}/completion/undo", Some(ApplicationsWrite)),
    // Rosters and bulk reads of personal data.
    ("GET", "/admin/trainings/{id}/certificates", Some(RostersRead)),
    ("GET", "/admin/trainings/{id}/certificates.zip", Some(RostersRead)),
    ("GET", "/admin/trainings/{id}/certificates.pdf", Some(RostersRead)),
    ("GET", "/admin/trainings/{id}/survey/answers.csv", Some(RostersRead)),
    ("GET", "/admin/trainings/{id}/survey/answers.xlsx", Some(RostersRead)),
    // Exports and rosters (issue 12, exports).
    ("GET", "/admin/trainings/{id}/rosters/{kind}", Some(RostersRead)),
    ("GET", "/admin/trainings/{id}/rosters/{kind}/columns", Some(RostersRead)),
    ("GET", "/admin/trainings/{id}/rosters/{kind}/cp932-report", Some(RostersRead)),
    ("GET", "/rosters", Some(RostersRead)),
    ("GET", "/rosters/columns", Some(RostersRead)),
    ("GET", "/rosters/trainings", Some(RostersRead)),
    // The office's daily work (issue 12, console).
    ("POST", "/admin/trainings/{id}/applications", Some(ApplicationsWrite)),
    ("PATCH", "/admin/applications/{id}", Some(ApplicationsWrite)),
    ("POST", "/admin/applications/{id}/cancel", Some(ApplicationsWrite)),
    ("PUT", "/admin/applications/{id}/attendance", Some(ApplicationsWrite)),
    ("GET", "/admin/trainings/{id}/dashboard", Some(TrainingsRead)),
    // The audit log and webhooks (issue 12, audit): admins only, so no line.
    // Signed-in staff only: the session itself, accounts and tokens (issue 12, auth).
    ("GET", "/auth/session", None),
    ("POST", "/auth/logout", None),
    ("GET", "/admin/staff-users", None),
    ("POST", "/admin/staff-users", None),
    ("POST", "/admin/staff-users/{id}/role", None),
    ("POST", "/admin/staff-users/{id}/disable", None),
    ("POST", "/admin/staff-users/{id}/enable", None),
    ("POST", "/admin/staff-users/{id}/password", None),
    ("GET", "/admin/api-tokens", None),
    ("POST", "/admin/api-tokens", None),
    ("POST", "/admin/api-tokens/{id}/revoke", None),
];

/// The scope a token needs for `method` on `pattern` (the matched route pattern, with or
/// without the `/api/v1` prefix); `None` when tokens may not call it.
pub fn required(method: &str, pattern: &str) -> Option<Scope> {
    let pattern = pattern.strip_prefix("/api/v1").unwrap_or(pattern);
    ROUTE_SCOPES.iter().find(|(m, p, _)| *m == method && *p == pattern).and_then(|(_, _, scope)| *scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for (method, pattern, _) in ROUTE_SCOPES {
            assert!(seen.insert((method, pattern)), "{method} {pattern} twice");
        }
    }

    #[test]
    fn unlisted_routes_are_closed_to_tokens() {
        assert_eq!(required("GET", "/api/v1/admin/trainings"), Some(Scope::TrainingsRead));
        assert_eq!(required("POST", "/api/v1/admin/trainings"), None);
        assert_eq!(required("GET", "/admin/staff-users"), None);
    }
}
