//! `kenshu-hello`: an actix-web hello world built with Kenshu's release profile, the
//! baseline of `kenshu-memory` (issue 13, item 14). It answers `GET /healthz` and a small
//! fixed `GET /api/v1/trainings`, so it takes the same load; nothing else.
//! Listens on `KENSHU_BIND` (default 127.0.0.1:8080) with actix's default worker count.

use actix_web::{web, App, HttpResponse, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let bind = std::env::var("KENSHU_BIND").unwrap_or_else(|_| "127.0.0.1:8080".into());
    HttpServer::new(|| {
        App::new().route("/healthz", web::get().to(|| async { HttpResponse::Ok().body("ok") })).route(
            "/api/v1/trainings",
            web::get().to(|| async { HttpResponse::Ok().content_type("application/json").body(r#"{"items":[]}"#) }),
        )
    })
    .bind(bind)?
    .run()
    .await
}
