//! Every route of the API, registered through utoipa so none is missing from OpenAPI.

pub mod admin_applications;
pub mod admin_practical;
pub mod api_tokens;
pub mod applications;
pub mod audit_log;
pub mod auth;
pub mod certificates;
pub mod checklist;
pub mod day_codes;
pub mod eligibility;
pub mod health;
pub mod me;
pub mod me_practical;
pub mod methods;
pub mod office;
pub mod organiser;
pub mod outbox;
pub mod practical;
pub mod reference;
pub mod resend_link;
pub mod rosters;
pub mod staff_accounts;
pub mod survey;
pub mod trainings;
pub mod webhooks;
pub mod zoom_checks;

use actix_web::dev::HttpServiceFactory;
use actix_web::{web, HttpResponse, Responder};
use kenshu_domain::ErrorCode;
use serde::Serialize;
use utoipa_actix_web::OpenApiFactory;

use crate::error::AppError;

/// Where routes are registered: utoipa's configuration, which also collects each route's
/// paths and schemas for the OpenAPI document (`openapi::document`), or actix's own, which
/// the server's workers use, so that starting does not build the document's parts again in
/// each worker only to drop them (issue 13, item 14). One list of routes serves both.
pub trait Routes {
    fn service<F: HttpServiceFactory + OpenApiFactory + 'static>(&mut self, factory: F) -> &mut Self;
}

impl Routes for utoipa_actix_web::service_config::ServiceConfig<'_> {
    fn service<F: HttpServiceFactory + OpenApiFactory + 'static>(&mut self, factory: F) -> &mut Self {
        utoipa_actix_web::service_config::ServiceConfig::service(self, factory)
    }
}

impl Routes for web::ServiceConfig {
    fn service<F: HttpServiceFactory + OpenApiFactory + 'static>(&mut self, factory: F) -> &mut Self {
        web::ServiceConfig::service(self, factory)
    }
}

/// The REST API under `/api/v1`.
pub fn api_v1(cfg: &mut impl Routes) {
    // actix tries the routes in this order, matching each path with parameters by a regular
    // expression: the form applicants send in a rush comes first (its refusals after a
    // sell-out spent a tenth of their time trying the routes listed before it).
    cfg.service(applications::create_application)
        .service(auth::login)
        .service(trainings::public::list_trainings)
        .service(trainings::public::get_training)
        .service(trainings::public::download_public_file)
        .service(trainings::admin::list_admin_trainings)
        .service(trainings::admin::create_training)
        .service(trainings::admin::get_admin_training)
        .service(trainings::admin::update_training)
        .service(trainings::admin::publish_training)
        .service(trainings::admin::close_training)
        .service(trainings::admin::finish_training)
        .service(trainings::admin::cancel_training)
        .service(trainings::files::upload_training_file)
        .service(trainings::files::download_training_file)
        .service(trainings::files::delete_training_file)
        .service(checklist::get_checklist)
        .service(me::get_my_page)
        .service(me::cancel_application)
        .service(me::download_my_file)
        .service(admin_applications::list_applications)
        .service(admin_applications::checklist_summary)
        .service(outbox::list_outbox)
        .service(outbox::resend_mail)
        .service(outbox::reissue_links)
        .service(eligibility::check_practical_eligibility)
        .service(practical::validate_practical_application)
        .service(practical::create_practical_application)
        .service(reference::get_practical_reference)
        .service(admin_practical::list_practical_applications)
        .service(admin_practical::get_practical_application)
        .service(admin_practical::download_practical_attachment)
        .service(admin_practical::decide_practical_application)
        .service(admin_practical::apply_practical_proposal)
        .service(admin_practical::send_practical_notices)
        .service(admin_practical::cancel_practical_application)
        .service(admin_practical::record_practical_attendance)
        .service(admin_practical::record_practical_completion)
        .service(admin_practical::undo_practical_attendance)
        .service(admin_practical::undo_practical_completion)
        .service(admin_practical::download_practical_notice)
        .service(admin_practical::download_practical_certificate)
        // The day of the training: codes (issue 11).
        .service(day_codes::get_codes)
        .service(day_codes::put_codes)
        .service(day_codes::check_in)
        .service(day_codes::check_out)
        .service(resend_link::resend_my_page_link)
        .service(reference::get_site_reference)
        // Zoom checks and the survey (issue 11).
        .service(zoom_checks::list_zoom_checks)
        .service(zoom_checks::save_zoom_checks)
        .service(zoom_checks::approve_zoom_checks)
        .service(zoom_checks::withhold_zoom_certificate)
        .service(zoom_checks::mark_zoom_in_person)
        .service(zoom_checks::reopen_zoom_check)
        .service(survey::get_survey)
        .service(survey::define_survey)
        .service(survey::download_survey_csv)
        .service(survey::download_survey_xlsx)
        .service(survey::get_my_survey)
        .service(survey::answer_my_survey)
        // The practical applicant's My Page (issue 10).
        .service(me_practical::get_practical_my_page)
        .service(me_practical::cancel_practical_my_application)
        .service(me_practical::download_my_practical_notice)
        .service(me_practical::download_my_practical_certificate)
        .service(admin_practical::bulk_practical_step)
        // Certificates (issue 11).
        .service(certificates::download_my_certificate)
        .service(certificates::list_certificates)
        .service(certificates::download_certificates_zip)
        .service(certificates::download_certificates_pdf)
        .service(certificates::verify_certificate)
        .service(certificates::revoke_certificate)
        .service(organiser::get_organiser)
        .service(organiser::put_organiser)
        .service(organiser::download_seal)
        .service(organiser::preview_certificate)
        // Staff accounts, the session and API tokens (issue 12, auth).
        .service(auth::get_session)
        .service(auth::logout)
        .service(staff_accounts::list_staff_users)
        .service(staff_accounts::create_staff_user)
        .service(staff_accounts::change_staff_role)
        .service(staff_accounts::disable_staff_user)
        .service(staff_accounts::enable_staff_user)
        .service(staff_accounts::reset_staff_password)
        .service(api_tokens::list_api_tokens)
        .service(api_tokens::create_api_token)
        .service(api_tokens::revoke_api_token)
        // Rosters and exports (issue 12, item 6).
        .service(rosters::export_roster)
        .service(rosters::list_roster_columns)
        .service(rosters::get_roster_cp932_report)
        .service(rosters::export_fiscal_year_roster)
        .service(rosters::list_fiscal_year_roster_columns)
        .service(rosters::list_fiscal_year_trainings)
        // The office's daily work (issue 12, item 2).
        .service(trainings::admin::reopen_training)
        .service(office::create_staff_application)
        .service(office::update_application_contact)
        .service(office::cancel_application_as_staff)
        .service(office::reset_code_attempts)
        .service(office::record_attendance_by_hand)
        .service(office::get_training_dashboard)
        // The audit log and webhooks (issue 12: audit).
        .service(audit_log::list_audit_log)
        .service(webhooks::list_webhooks)
        .service(webhooks::create_webhook)
        .service(webhooks::disable_webhook)
        .service(webhooks::enable_webhook)
        .service(webhooks::delete_webhook)
        .service(webhooks::list_webhook_deliveries)
        .service(webhooks::redeliver_webhook);
}

/// Operations endpoints at the root.
pub fn operations(cfg: &mut impl Routes) {
    cfg.service(health::healthz).service(health::readyz).service(health::metrics);
}

/// 201 Created with a Location header.
pub struct Created<T> {
    pub location: String,
    pub body: T,
}

impl<T: Serialize> Responder for Created<T> {
    type Body = actix_web::body::BoxBody;

    fn respond_to(self, _: &actix_web::HttpRequest) -> HttpResponse {
        HttpResponse::Created().insert_header(("Location", self.location)).json(self.body)
    }
}

/// Path segments that do not parse (`/trainings/abc`).
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default()
        .error_handler(|err, _| AppError::new(ErrorCode::NotFound).with_detail(err.to_string()).into())
}

/// Query strings that do not parse (`?page=abc`).
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default()
        .error_handler(|err, _| AppError::new(ErrorCode::InvalidQuery).with_detail(err.to_string()).into())
}
