//! Which methods each documented path takes, so that a request with another method gets
//! 405 with `Allow` (RFC 9110 §15.5.6) rather than 404: a client learns what it did wrong.
//! The table is read from the OpenAPI document, so it cannot drift from the routes.

use std::sync::LazyLock;

use actix_web::http::header::{HeaderValue, ALLOW};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use kenshu_domain::ErrorCode;
use utoipa::openapi::OpenApi;

use crate::error::AppError;

enum Segment {
    Literal(String),
    Parameter,
}

/// Documented paths and the methods each takes, in the document's order.
pub struct MethodTable(Vec<(Vec<Segment>, String)>);

/// The table of the served document, read from it when a request first misses a route: the
/// document is not built at start (issue 13, item 14: start time and idle memory).
static TABLE: LazyLock<MethodTable> = LazyLock::new(|| MethodTable::from_document(&crate::openapi::document()));

impl MethodTable {
    pub fn from_document(document: &OpenApi) -> Self {
        let rows = document.paths.paths.iter().map(|(path, item)| {
            let operations = [
                ("GET", item.get.is_some()),
                ("HEAD", item.head.is_some()),
                ("POST", item.post.is_some()),
                ("PUT", item.put.is_some()),
                ("PATCH", item.patch.is_some()),
                ("DELETE", item.delete.is_some()),
                ("OPTIONS", item.options.is_some()),
            ];
            let allow = operations.iter().filter(|(_, present)| *present).map(|(m, _)| *m).collect::<Vec<_>>();
            (segments(path), allow.join(", "))
        });
        MethodTable(rows.collect())
    }

    /// The `Allow` value of the documented path `path` matches, if any.
    pub fn allowed(&self, path: &str) -> Option<&str> {
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        self.0.iter().find(|(pattern, _)| matches(pattern, &parts)).map(|(_, allow)| allow.as_str())
    }
}

fn segments(path: &str) -> Vec<Segment> {
    let literal = |s: &str| match s.starts_with('{') && s.ends_with('}') {
        true => Segment::Parameter,
        false => Segment::Literal(s.to_owned()),
    };
    path.trim_end_matches('/').split('/').map(literal).collect()
}

fn matches(pattern: &[Segment], parts: &[&str]) -> bool {
    pattern.len() == parts.len()
        && pattern.iter().zip(parts).all(|(segment, part)| match segment {
            Segment::Literal(literal) => literal == part,
            Segment::Parameter => !part.is_empty(),
        })
}

/// 405 with `Allow` for a documented path, else `otherwise`.
pub fn refuse(req: &HttpRequest, table: &MethodTable, otherwise: impl FnOnce() -> HttpResponse) -> HttpResponse {
    let Some(allow) = table.allowed(req.path()) else { return otherwise() };
    let mut response = AppError::new(ErrorCode::MethodNotAllowed).error_response();
    if let Ok(value) = HeaderValue::from_str(allow) {
        response.headers_mut().insert(ALLOW, value);
    }
    response
}

/// Unknown API paths answer with a problem, not the SPA; known ones with another method, 405.
pub async fn api_not_found(req: HttpRequest) -> HttpResponse {
    refuse(&req, &TABLE, || AppError::new(ErrorCode::RouteNotFound).error_response())
}

/// The SPA answers GET and HEAD on any other path; another method there is a 405 too.
pub async fn spa_not_allowed(req: HttpRequest) -> HttpResponse {
    refuse(&req, &TABLE, || {
        let mut response = AppError::new(ErrorCode::MethodNotAllowed).error_response();
        response.headers_mut().insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        response
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_paths_list_their_methods_and_parameters_match_one_segment() {
        let table = MethodTable::from_document(&crate::openapi::document());
        assert_eq!(table.allowed("/api/v1/trainings"), Some("GET"));
        assert_eq!(table.allowed("/api/v1/trainings/12/"), Some("GET"));
        assert_eq!(table.allowed("/api/v1/admin/trainings/12"), Some("GET, PUT"));
        assert_eq!(table.allowed("/api/v1/trainings/12/applications"), Some("POST"));
        assert_eq!(table.allowed("/api/v1/trainings/12/nothing"), None);
        assert_eq!(table.allowed("/api/v1/trainings//applications"), None);
        assert_eq!(table.allowed("/healthz"), Some("GET"));
    }
}
