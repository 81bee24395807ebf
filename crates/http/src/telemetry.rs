//! Logs as structured lines on stderr (`RUST_LOG` overrides the default filter), and the
//! catcher that turns a panic in a request into a logged 500 problem.

use std::panic::AssertUnwindSafe;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};
use futures_util::FutureExt;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

use crate::error::AppError;

/// The default filter, when `RUST_LOG` is not set.
const DEFAULT_FILTER: &str = "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn,actix_server=warn";

/// What is never logged, whatever `RUST_LOG` asks: sea-orm opens a TRACE span around every
/// query whose fields are the statement with its bound values (names, addresses, phone
/// numbers, mail bodies with My Page links), so sea-orm is capped at DEBUG (issue 13, item 5;
/// found by the API suite's log scan). A filter layer of its own: a subscriber logs what both
/// it and the `RUST_LOG` filter let through. The API tests log through it at `trace`.
pub fn caps() -> Targets {
    Targets::new().with_default(LevelFilter::TRACE).with_target("sea_orm", LevelFilter::DEBUG)
}

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let layer = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_target(false);
    let _ = tracing_subscriber::registry().with(filter).with(caps()).with(layer).try_init();
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
