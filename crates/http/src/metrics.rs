//! Prometheus metrics and the access log. Both label requests by their route pattern
//! (`/api/v1/trainings/{id}`), never by the concrete path, which may hold a My Page key.
//! Every label comes from a fixed set: clients choose methods and paths, so a label taken
//! from them as sent would let anyone grow `/metrics` and the server's memory without end.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, Error};
use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry, TextEncoder};

use crate::state::AppState;

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    /// Applications refused from memory (`sold_out`), without a database round trip.
    pub refusals_from_memory: IntCounter,
}

impl Default for Metrics {
    fn default() -> Self {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests by method, route and status"),
            &["method", "route", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "HTTP request latency by method and route")
                .buckets(vec![0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0]),
            &["method", "route"],
        )
        .expect("valid metric");
        let refusals_from_memory = IntCounter::new(
            "kenshu_refusals_from_memory_total",
            "Applications to a sold-out training refused from memory, without a database round trip",
        )
        .expect("valid metric");
        registry.register(Box::new(requests.clone())).expect("registered once");
        registry.register(Box::new(latency.clone())).expect("registered once");
        registry.register(Box::new(refusals_from_memory.clone())).expect("registered once");
        Self { registry, requests, latency, refusals_from_memory }
    }
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: &str, seconds: f64) {
        self.requests.with_label_values(&[method, route, status]).inc();
        self.latency.with_label_values(&[method, route]).observe(seconds);
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// Middleware: counts and times every request, and writes one access-log line.
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let method = method_label(req.method());
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let res = next.call(req).await;
    // An error instead of a response (a caught panic) has lost its request and so its route.
    let (route, status) = match &res {
        Ok(res) => (route_label(res), res.status()),
        Err(e) => ("unknown".to_owned(), e.as_response_error().status_code()),
    };
    // Statuses are chosen by the server (a few dozen codes), never by the client.
    let status = status.as_str();
    let elapsed = started.elapsed();
    if let Some(state) = state {
        state.metrics.observe(method, &route, status, elapsed.as_secs_f64());
    }
    tracing::info!(target: "kenshu::access", method, %route, status, ms = elapsed.as_millis() as u64);
    res
}

/// The standard methods by name; anything else (`FOO`, `GET2`) is `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// The route pattern the request matched: the registered patterns are a fixed set.
fn route_label<B>(res: &ServiceResponse<B>) -> String {
    match res.request().match_pattern() {
        Some(pattern) if pattern.starts_with("/api") || pattern.ends_with("z") || pattern == "/metrics" => pattern,
        Some(_) => "spa".to_owned(),
        None => "unmatched".to_owned(),
    }
}
