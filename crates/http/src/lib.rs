//! Kenshu's HTTP API, SPA host and command line.

pub mod audit;
pub mod auth;
pub mod config;
pub mod demo;
pub mod error;
pub mod extract;
pub mod json_shape;
pub mod mail;
pub mod metrics;
pub mod openapi;
pub mod routes;
pub mod sold_out;
pub mod spa;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod transport;
pub mod usecases;
pub mod workers;
