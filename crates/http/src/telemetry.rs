//! Logs as structured lines on stderr (`RUST_LOG` overrides the default filter), and the
//! catcher that turns a panic in a request into a logged 500 problem.

use std::panic::AssertUnwindSafe;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};
use futures_util::FutureExt;
use tracing_subscriber::EnvFilter;

use crate::error::AppError;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn,actix_server=warn"));
    let _ =
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).try_init();
}

/// Middleware: a panic while handling a request answers 500 with the generic problem (its
/// message logged once, never shown) instead of dropping the connection. The answer goes out
/// as an error, which actix writes with `AppError::error_response`: the request cannot be
/// kept for a response of our own, because cloning it before routing breaks the router.
pub async fn catch_panic(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    match AssertUnwindSafe(async move { next.call(req).await }).catch_unwind().await {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".to_owned());
            Err(AppError::internal(anyhow::anyhow!("the request panicked: {message}")).into())
        }
    }
}

/// `/__test/panic`: registered only with `Config::test_routes`, never in OpenAPI.
pub async fn panic_for_tests() -> HttpResponse {
    panic!("a panic on purpose, for the panic catcher's test")
}
