//! Every route of the served OpenAPI document, called as each kind of caller: anonymous, the
//! prefecture, staff, an admin, an API token with the route's scope and one without it.
//!
//! `ROUTES` classifies each route ONCE. A route the document has and the table does not
//! fails the test, so a new route cannot slip by unclassified: add one line for it (and, if
//! integrations may call it, its scope in crates/http/src/auth/scopes.rs).
//!
//! Requests use ids that do not exist and an empty JSON body, so an allowed caller gets a
//! 404/422/… and nothing changes; the test only asserts who is let through (not 401/403)
//! and who is refused, with which problem.

use std::collections::BTreeSet;

use kenshu_api_tests::{paths, spawn_app, TestApp};
use kenshu_domain::staff::Role;
use reqwest::Method;
use serde_json::{json, Value};

/// Who may call a route.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Admin, staff and the prefecture; tokens with this scope (`None`: no token).
    Viewer(Option<&'static str>),
    /// Admin and staff, not the prefecture; tokens with this scope (`None`: no token).
    Staff(Option<&'static str>),
    /// Admins signed in with their password; never a token.
    Admin,
    /// Any staff account signed in with its password (its own session); never a token.
    Session,
}

use Access::{Admin, Public, Session, Staff, Viewer};

const TRAININGS_READ: Option<&str> = Some("trainings:read");
const APPLICATIONS_READ: Option<&str> = Some("applications:read");
const APPLICATIONS_WRITE: Option<&str> = Some("applications:write");
const ROSTERS_READ: Option<&str> = Some("rosters:read");

/// One line per route of openapi.yaml: (method, path, who may call it).
const ROUTES: &[(&str, &str, Access)] = &[
    // Operations.
    ("GET", "/healthz", Public),
    ("GET", "/readyz", Public),
    ("GET", "/metrics", Public),
    // The public site, applications and My Page (keys in the URL).
    ("POST", "/api/v1/auth/login", Public),
    ("GET", "/api/v1/trainings", Public),
    ("GET", "/api/v1/trainings/{id}", Public),
    ("GET", "/api/v1/trainings/{id}/files/{file_id}", Public),
    ("GET", "/api/v1/checklist", Public),
    ("POST", "/api/v1/trainings/{id}/applications", Public),
    ("GET", "/api/v1/me/{key}", Public),
    ("POST", "/api/v1/me/{key}/cancel", Public),
    ("GET", "/api/v1/me/{key}/files/{file_id}", Public),
    ("POST", "/api/v1/eligibility/practical-training", Public),
    ("POST", "/api/v1/trainings/{id}/practical-applications/validate", Public),
    ("POST", "/api/v1/trainings/{id}/practical-applications", Public),
    ("GET", "/api/v1/reference/practical", Public),
    ("POST", "/api/v1/me/{key}/check-in", Public),
    ("POST", "/api/v1/me/{key}/check-out", Public),
    ("POST", "/api/v1/trainings/{id}/my-page-link", Public),
    ("GET", "/api/v1/reference/site", Public),
    ("GET", "/api/v1/me/{key}/survey", Public),
    ("POST", "/api/v1/me/{key}/survey", Public),
    ("GET", "/api/v1/me/practical/{key}", Public),
    ("POST", "/api/v1/me/practical/{key}/cancel", Public),
    ("GET", "/api/v1/me/practical/{key}/notice.pdf", Public),
    ("GET", "/api/v1/me/practical/{key}/certificate.pdf", Public),
    ("GET", "/api/v1/me/{key}/certificate.pdf", Public),
    ("GET", "/api/v1/certificates/verify/{code}", Public),
    // Trainings.
    ("GET", "/api/v1/admin/trainings", Viewer(TRAININGS_READ)),
    ("POST", "/api/v1/admin/trainings", Staff(None)),
    ("GET", "/api/v1/admin/trainings/{id}", Viewer(TRAININGS_READ)),
    ("PUT", "/api/v1/admin/trainings/{id}", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/publish", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/close", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/finish", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/cancel", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/files", Staff(None)),
    ("GET", "/api/v1/admin/trainings/{id}/files/{file_id}", Viewer(TRAININGS_READ)),
    ("DELETE", "/api/v1/admin/trainings/{id}/files/{file_id}", Staff(None)),
    ("GET", "/api/v1/admin/trainings/{id}/survey", Viewer(TRAININGS_READ)),
    ("PUT", "/api/v1/admin/trainings/{id}/survey", Staff(None)),
    ("GET", "/api/v1/admin/trainings/{id}/codes", Staff(None)),
    ("PUT", "/api/v1/admin/trainings/{id}/codes", Staff(None)),
    // Applications.
    ("GET", "/api/v1/admin/trainings/{id}/applications", Viewer(APPLICATIONS_READ)),
    ("GET", "/api/v1/admin/trainings/{id}/checklist-summary", Viewer(APPLICATIONS_READ)),
    ("GET", "/api/v1/admin/outbox", Staff(None)),
    ("POST", "/api/v1/admin/outbox/{id}/resend", Staff(None)),
    ("POST", "/api/v1/admin/applications/{id}/reissue", Staff(None)),
    ("POST", "/api/v1/admin/applications/{id}/code-attempts/reset", Staff(None)),
    ("GET", "/api/v1/admin/trainings/{id}/practical-applications", Viewer(APPLICATIONS_READ)),
    ("GET", "/api/v1/admin/practical-applications/{id}", Viewer(APPLICATIONS_READ)),
    ("GET", "/api/v1/admin/practical-applications/{id}/attachment", Viewer(APPLICATIONS_READ)),
    ("POST", "/api/v1/admin/practical-applications/{id}/decision", Staff(APPLICATIONS_WRITE)),
    ("POST", "/api/v1/admin/trainings/{id}/practical-selection/apply-proposal", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/practical-notices", Staff(None)),
    ("POST", "/api/v1/admin/practical-applications/{id}/cancel", Staff(APPLICATIONS_WRITE)),
    ("POST", "/api/v1/admin/practical-applications/{id}/attendance", Staff(APPLICATIONS_WRITE)),
    ("POST", "/api/v1/admin/practical-applications/{id}/completion", Staff(APPLICATIONS_WRITE)),
    ("POST", "/api/v1/admin/practical-applications/{id}/attendance/undo", Staff(APPLICATIONS_WRITE)),
    ("POST", "/api/v1/admin/practical-applications/{id}/completion/undo", Staff(APPLICATIONS_WRITE)),
    ("GET", "/api/v1/admin/practical-applications/{id}/notice.pdf", Viewer(APPLICATIONS_READ)),
    ("GET", "/api/v1/admin/practical-applications/{id}/certificate.pdf", Viewer(APPLICATIONS_READ)),
    ("POST", "/api/v1/admin/trainings/{id}/practical-applications/bulk", Staff(None)),
    ("GET", "/api/v1/admin/trainings/{id}/zoom-checks", Viewer(APPLICATIONS_READ)),
    ("PUT", "/api/v1/admin/trainings/{id}/zoom-checks", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/zoom-checks/approve", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/zoom-checks/{application_id}/withhold", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/zoom-checks/{application_id}/in-person", Staff(None)),
    ("POST", "/api/v1/admin/trainings/{id}/zoom-checks/{application_id}/reopen", Staff(None)),
    // Rosters and bulk reads of personal data.
    ("GET", "/api/v1/admin/trainings/{id}/survey/answers.csv", Viewer(ROSTERS_READ)),
    ("GET", "/api/v1/admin/trainings/{id}/survey/answers.xlsx", Viewer(ROSTERS_READ)),
    ("GET", "/api/v1/admin/trainings/{id}/certificates", Viewer(ROSTERS_READ)),
    ("GET", "/api/v1/admin/trainings/{id}/certificates.zip", Staff(ROSTERS_READ)),
    ("GET", "/api/v1/admin/trainings/{id}/certificates.pdf", Staff(ROSTERS_READ)),
    ("POST", "/api/v1/admin/certificates/{id}/revoke", Staff(None)),
    // Exports and rosters (issue 12, exports).
    ("GET", "/api/v1/admin/trainings/{id}/rosters/{kind}", Viewer(ROSTERS_READ)),
    ("GET", "/api/v1/admin/trainings/{id}/rosters/{kind}/columns", Viewer(ROSTERS_READ)),
    ("GET", "/api/v1/admin/trainings/{id}/rosters/{kind}/cp932-report", Viewer(ROSTERS_READ)),
    ("GET", "/api/v1/rosters", Viewer(ROSTERS_READ)),
    ("GET", "/api/v1/rosters/columns", Viewer(ROSTERS_READ)),
    ("GET", "/api/v1/rosters/trainings", Viewer(ROSTERS_READ)),
    // The organiser's settings: read by all staff, changed by admins.
    ("GET", "/api/v1/admin/organiser", Viewer(None)),
    ("PUT", "/api/v1/admin/organiser", Admin),
    ("GET", "/api/v1/admin/organiser/seal", Viewer(None)),
    ("GET", "/api/v1/admin/organiser/preview.pdf", Staff(None)),
    // The session, staff accounts and API tokens (issue 12, auth).
    ("GET", "/api/v1/auth/session", Session),
    ("POST", "/api/v1/auth/logout", Session),
    ("GET", "/api/v1/admin/staff-users", Admin),
    ("POST", "/api/v1/admin/staff-users", Admin),
    ("POST", "/api/v1/admin/staff-users/{id}/role", Admin),
    ("POST", "/api/v1/admin/staff-users/{id}/disable", Admin),
    ("POST", "/api/v1/admin/staff-users/{id}/enable", Admin),
    ("POST", "/api/v1/admin/staff-users/{id}/password", Admin),
    ("GET", "/api/v1/admin/api-tokens", Admin),
    ("POST", "/api/v1/admin/api-tokens", Admin),
    ("POST", "/api/v1/admin/api-tokens/{id}/revoke", Admin),
    // The audit log and webhooks (issue 12, audit): admins only.
    ("GET", "/api/v1/admin/audit-log", Admin),
    ("GET", "/api/v1/admin/webhooks", Admin),
    ("POST", "/api/v1/admin/webhooks", Admin),
    ("POST", "/api/v1/admin/webhooks/{id}/disable", Admin),
    ("POST", "/api/v1/admin/webhooks/{id}/enable", Admin),
    ("DELETE", "/api/v1/admin/webhooks/{id}", Admin),
    ("GET", "/api/v1/admin/webhook-deliveries", Admin),
    ("POST", "/api/v1/admin/webhook-deliveries/{id}/redeliver", Admin),
    // The office's daily work (issue 12, console).
    ("POST", "/api/v1/admin/trainings/{id}/applications", Staff(APPLICATIONS_WRITE)),
    ("PATCH", "/api/v1/admin/applications/{id}", Staff(APPLICATIONS_WRITE)),
    ("POST", "/api/v1/admin/applications/{id}/cancel", Staff(APPLICATIONS_WRITE)),
    ("PUT", "/api/v1/admin/applications/{id}/attendance", Staff(APPLICATIONS_WRITE)),
    ("GET", "/api/v1/admin/trainings/{id}/dashboard", Viewer(TRAININGS_READ)),
    ("POST", "/api/v1/admin/trainings/{id}/reopen", Staff(None)),
];

const ALL_SCOPES: [&str; 4] = ["trainings:read", "applications:read", "applications:write", "rosters:read"];

/// The path with every `{param}` replaced by an id that does not exist.
fn concrete(path: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => in_param = true,
            '}' => {
                in_param = false;
                out.push_str("999999");
            }
            _ if !in_param => out.push(c),
            _ => {}
        }
    }
    out
}

struct Callers {
    emails: Vec<(Role, String)>,
    bearer: Vec<(Role, String)>,
}

impl Callers {
    fn token(&self, role: Role) -> &str {
        &self.bearer.iter().find(|(r, _)| *r == role).expect("a caller of each role").1
    }

    /// Signs the role in again (after a route ended its sessions).
    async fn renew(&mut self, app: &TestApp, role: Role) {
        let email = self.emails.iter().find(|(r, _)| *r == role).expect("email").1.clone();
        let token = app.sign_in(&email).await;
        self.bearer.retain(|(r, _)| *r != role);
        self.bearer.push((role, token));
    }
}

async fn call(app: &TestApp, method: &str, path: &str, bearer: Option<&str>) -> (u16, Value) {
    let method = Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = app.client.request(method.clone(), app.url(path));
    if let Some(bearer) = bearer {
        req = req.bearer_auth(bearer);
    }
    if method == Method::POST || method == Method::PUT || method == Method::PATCH {
        req = req.json(&json!({}));
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    let body = res.json().await.unwrap_or(Value::Null);
    (status, body)
}

fn let_through((status, body): &(u16, Value)) -> bool {
    *status != 401 && *status != 403 && !(*status == 404 && body["code"] == "route_not_found")
}

fn refused_with((status, body): &(u16, Value), expected_status: u16, code: &str) -> bool {
    *status == expected_status && body["code"] == code
}

#[tokio::test]
async fn every_route_lets_in_exactly_whom_the_table_says() {
    let app = spawn_app().await;
    let document = app.get_json(&paths::openapi_json()).await;
    let mut documented = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in ["get", "put", "post", "delete", "patch"] {
            if item.get(method).is_some() {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let classified: BTreeSet<(String, String)> =
        ROUTES.iter().map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    let unclassified: Vec<_> = documented.difference(&classified).collect();
    assert!(unclassified.is_empty(), "routes missing from ROUTES in roles_and_scopes.rs: {unclassified:#?}");
    let stale: Vec<_> = classified.difference(&documented).collect();
    assert!(stale.is_empty(), "ROUTES lists routes the API does not have: {stale:#?}");

    let mut callers = Callers { emails: Vec::new(), bearer: Vec::new() };
    for role in Role::ALL {
        let email = format!("walk-{}@kenshu.test", role.as_str());
        app.create_user(&email, role).await;
        callers.bearer.push((role, app.sign_in(&email).await));
        callers.emails.push((role, email));
    }
    let all_scopes = app.api_token(&ALL_SCOPES).await;
    let mut only = std::collections::HashMap::new();
    let mut all_but = std::collections::HashMap::new();
    for scope in ALL_SCOPES {
        only.insert(scope, app.api_token(&[scope]).await);
        let others: Vec<&str> = ALL_SCOPES.into_iter().filter(|s| *s != scope).collect();
        all_but.insert(scope, app.api_token(&others).await);
    }

    let mut failures = Vec::new();
    for (method, route, access) in ROUTES {
        let path = concrete(route);
        let mut expect = |who: &str, outcome: (u16, Value), ok: bool| {
            if !ok {
                failures.push(format!("{method} {route} as {who}: {} {}", outcome.0, outcome.1));
            }
        };
        // Anonymous.
        let anonymous = call(&app, method, &path, None).await;
        match access {
            Public => expect("anonymous", anonymous.clone(), let_through(&anonymous)),
            _ => expect("anonymous", anonymous.clone(), refused_with(&anonymous, 401, "unauthorized")),
        }
        // Each role.
        for role in Role::ALL {
            let allowed = match access {
                Public | Viewer(_) | Session => true,
                Staff(_) => role.runs_trainings(),
                Admin => role == Role::Admin,
            };
            let outcome = call(&app, method, &path, Some(callers.token(role))).await;
            let ok = if allowed { let_through(&outcome) } else { refused_with(&outcome, 403, "forbidden") };
            expect(role.as_str(), outcome, ok);
            if route.ends_with("/auth/logout") {
                callers.renew(&app, role).await;
            }
        }
        // Tokens.
        match access {
            Public => {
                let outcome = call(&app, method, &path, Some(&all_scopes)).await;
                expect("any token", outcome.clone(), let_through(&outcome));
            }
            Viewer(Some(scope)) | Staff(Some(scope)) => {
                let outcome = call(&app, method, &path, Some(&only[scope])).await;
                expect(&format!("token with {scope}"), outcome.clone(), let_through(&outcome));
                let outcome = call(&app, method, &path, Some(&all_but[scope])).await;
                let ok = refused_with(&outcome, 403, "insufficient_scope");
                expect(&format!("token without {scope}"), outcome, ok);
            }
            Viewer(None) | Staff(None) | Admin | Session => {
                let outcome = call(&app, method, &path, Some(&all_scopes)).await;
                let ok = refused_with(&outcome, 403, "not_for_api_tokens");
                expect("token with every scope", outcome, ok);
            }
        }
    }
    assert!(failures.is_empty(), "{} unexpected outcomes:\n{}", failures.len(), failures.join("\n"));
}

#[tokio::test]
async fn every_write_of_the_prefecture_is_a_403_problem() {
    let app = spawn_app().await;
    let prefecture = app.token(Role::Prefecture).await;
    let mut failures = Vec::new();
    for (method, route, access) in ROUTES {
        if *method == "GET" || !route.starts_with("/api/v1/admin") || matches!(access, Public | Session) {
            continue;
        }
        let (status, body) = call(&app, method, &concrete(route), Some(&prefecture)).await;
        if status != 403 || body["code"] != "forbidden" || body["title"].as_str().is_none_or(str::is_empty) {
            failures.push(format!("{method} {route}: {status} {body}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn the_document_names_the_scope_each_token_route_needs() {
    let app = spawn_app().await;
    let document = app.get_json(&paths::openapi_json()).await;
    let mut failures = Vec::new();
    for (method, route, access) in ROUTES {
        let security = &document["paths"][*route][method.to_lowercase()]["security"];
        let token_scopes: Vec<&Value> = security
            .as_array()
            .map(|requirements| requirements.iter().filter_map(|r| r.get("api_token")).collect())
            .unwrap_or_default();
        let expected = match access {
            Viewer(Some(scope)) | Staff(Some(scope)) => vec![json!([scope])],
            _ => vec![],
        };
        let signed_in = !matches!(access, Public);
        let has_bearer = security.as_array().is_some_and(|r| r.iter().any(|r| r.get("bearer").is_some()));
        if token_scopes.into_iter().cloned().collect::<Vec<_>>() != expected || has_bearer != signed_in {
            failures.push(format!("{method} {route}: {security}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
