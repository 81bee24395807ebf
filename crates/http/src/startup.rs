//! Building the app: state, middleware, the API, the docs viewer and the SPA on one port.

use std::net::TcpListener;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{from_fn, Compress, DefaultHeaders, Next};
use actix_web::{web, App, HttpResponse, HttpServer};
use anyhow::Context;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::{AddressLimiter, LoginLimiter};
use crate::config::{redact_url, Config};
use crate::metrics::{self, Metrics};
use crate::sold_out::SoldOut;
use crate::state::{AppState, Clock};
use crate::workers::seats::SeatDesk;
use crate::{openapi, routes, spa, telemetry};

/// A bound, not yet running server.
pub struct Application {
    pub port: u16,
    pub state: web::Data<AppState>,
    server: Server,
}

impl Application {
    /// Connects, migrates and binds (port 0 picks a free port).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = connect_and_migrate(&config.database_url, config.sqlite_sync).await?;
        if config.sqlite_sync == kenshu_persistence::SqliteSync::Normal && config.database_url.starts_with("sqlite:") {
            tracing::warn!(
                "KENSHU_SQLITE_SYNCHRONOUS=normal: applications acknowledged just before a power loss may be lost"
            );
        }
        let listener = TcpListener::bind(config.bind).with_context(|| format!("cannot listen on {}", config.bind))?;
        let port = listener.local_addr()?.port();
        // The address really bound (port 0 picked one): webhooks must never be sent here.
        let config = Config { bind: listener.local_addr()?, ..config };
        let metrics = Metrics::default();
        let state = web::Data::new(AppState {
            sold_out: SoldOut::new(config.sold_out_memory, metrics.refusals_from_memory.clone()),
            jwt: JwtKeys::new(config.jwt_secret.as_ref()),
            seats: SeatDesk::start(db.clone()),
            db,
            login_limiter: LoginLimiter::default(),
            eligibility_limiter: AddressLimiter::per_minute(config.eligibility_per_minute),
            resend_limiter: Default::default(),
            metrics,
            clock: Clock::default(),
            certificate_desk: Default::default(),
            seal_images: Default::default(),
            font: match &config.font_path {
                Some(path) => kenshu_pdf::Font::load(path),
                None => kenshu_pdf::Font::discover(),
            }
            .map_err(|e| e.to_string()),
            config,
        });
        if let Err(why) = &state.font {
            tracing::warn!("printed documents (PDF) are unavailable: {why}");
        }
        let spa_dir = state.config.spa_dir.display();
        if state.config.spa_dir.join("index.html").is_file() {
            tracing::info!(dir = %spa_dir, "serving the SPA");
        } else {
            tracing::warn!(dir = %spa_dir, "the SPA is not built: GET / answers 503 until it is (see KENSHU_SPA_DIR)");
        }
        if state.config.jwt_secret.is_none() {
            tracing::warn!("KENSHU_JWT_SECRET is not set: using a random secret, sign-ins end when the process stops");
        }
        let server = run(listener, state.clone())?;
        tokio::spawn(crate::workers::mail::run(state.clone()));
        tokio::spawn(crate::workers::webhooks::run(state.clone()));
        Ok(Self { port, state, server })
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Opens the database and applies pending migrations. The migrations run on their own pool,
/// closed before the app's opens: a pooled SQLite connection that read the schema before a
/// migration changed it would keep expanding `RETURNING *` to the old columns. A database
/// that is not up yet (containers starting together) is waited for, up to 30 s.
pub async fn connect_and_migrate(
    url: &str,
    sync: kenshu_persistence::SqliteSync,
) -> anyhow::Result<kenshu_persistence::Db> {
    let started = std::time::Instant::now();
    loop {
        match migrate_once(url, sync).await {
            Err(e) if kenshu_persistence::is_unavailable(&e) && started.elapsed() < Duration::from_secs(30) => {
                tracing::warn!(error = %e, "the database is not reachable yet; trying again");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => {
                return Err(
                    anyhow::Error::new(e).context(format!("cannot open and migrate the database {}", redact_url(url)))
                )
            }
            Ok(()) => break,
        }
    }
    kenshu_persistence::connect_with(url, sync)
        .await
        .with_context(|| format!("cannot open the database {}", redact_url(url)))
}

async fn migrate_once(url: &str, sync: kenshu_persistence::SqliteSync) -> Result<(), kenshu_persistence::DbErr> {
    let db = kenshu_persistence::connect_with(url, sync).await?;
    let result = kenshu_persistence::migrate(&db).await;
    let _ = db.close().await;
    result
}

const OPENAPI_JSON: &str = "/api/v1/openapi.json";

fn run(listener: TcpListener, state: web::Data<AppState>) -> anyhow::Result<Server> {
    let spa_dir = state.config.spa_dir.clone();
    let (test_routes, workers) = (state.config.test_routes, state.config.workers);
    let server = HttpServer::new(move || {
        // Actix's own registration: the routes' OpenAPI parts are collected only when the
        // document is built (`openapi::document`, on the first request for it).
        let app = App::new()
            .app_data(state.clone())
            .app_data(routes::path_config())
            .app_data(routes::query_config())
            // Before the /api/v1 scope, whose default service answers unknown paths with 404.
            .route(OPENAPI_JSON, web::get().to(openapi::json))
            .configure(routes::operations)
            .service(
                web::scope("/api/v1")
                    .configure(routes::api_v1)
                    .default_service(web::to(routes::methods::api_not_found)),
            )
            // After the API: actix tries services in order, and a path with a parameter is
            // matched by a regular expression, which every API request and `/healthz` ran
            // for nothing when the API viewer came first.
            .service(SwaggerUi::new("/api/docs/{_:.*}").config(utoipa_swagger_ui::Config::from(OPENAPI_JSON)));
        app.route(
            "/api/docs",
            web::get()
                .to(|| async { HttpResponse::PermanentRedirect().insert_header(("Location", "/api/docs/")).finish() }),
        )
        .configure(|cfg| {
            if test_routes {
                cfg.route("/__test/panic", web::get().to(telemetry::panic_for_tests));
            }
        })
        .service(spa::service(spa_dir.clone()))
        // Innermost: credentials are checked before any handler's extractors run.
        .wrap(from_fn(crate::auth::middleware::authenticate))
        // Outside authentication: it reads the actor authentication attached.
        .wrap(from_fn(crate::audit::record))
        .wrap(Compress::default())
        .wrap(from_fn(security_headers))
        .wrap(
            DefaultHeaders::new()
                .add(("X-Content-Type-Options", "nosniff"))
                // My Page links carry a key: never leak it through Referer.
                .add(("Referrer-Policy", "no-referrer"))
                .add(("X-Frame-Options", "DENY")),
        )
        .wrap(from_fn(telemetry::catch_panic))
        .wrap(from_fn(metrics::track))
    })
    .workers(workers)
    .listen(listener)?
    .run();
    Ok(server)
}

/// The SPA's policy: no inline script or style, nothing from elsewhere, never framed.
pub const SPA_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/// Swagger UI sets inline styles, so the API viewer gets the SPA's policy with that allowed.
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; \
    object-src 'none'";

/// Middleware: a Content-Security-Policy on every response, and `Cache-Control: no-store` on
/// every API response that does not set its own (My Page data, applications, staff data,
/// sign-in and downloads are personal; the few public ones lose little).
async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path();
    let (docs, api) = (path.starts_with("/api/docs"), path.starts_with("/api/"));
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    let csp = if docs { DOCS_CSP } else { SPA_CSP };
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
    if api && !docs && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}
