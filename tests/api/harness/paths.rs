//! Every path the suite requests, written once: `app.get(&paths::training(id))`.
//!
//! Ids are anything printable, so a test can also ask for `paths::training("abc")`.

use std::fmt::Display;

/// The API's prefix.
pub const API: &str = "/api/v1";

/// A path under the API prefix (for routes that do not exist, or new ones).
pub fn api(rest: &str) -> String {
    format!("{API}{rest}")
}

// Public pages and forms.

pub fn practical_reference() -> String {
    api("/reference/practical")
}

pub fn trainings() -> String {
    api("/trainings")
}

pub fn trainings_page(page: impl Display, per_page: impl Display) -> String {
    format!("{}?page={page}&per_page={per_page}", trainings())
}

/// The public list with a raw query string (for bad queries).
pub fn trainings_query(query: &str) -> String {
    format!("{}?{query}", trainings())
}

pub fn training(id: impl Display) -> String {
    format!("{}/{id}", trainings())
}

pub fn training_applications(id: impl Display) -> String {
    format!("{}/applications", training(id))
}

pub fn training_practical_applications(id: impl Display) -> String {
    format!("{}/practical-applications", training(id))
}

pub fn practical_me(key: &str) -> String {
    api(&format!("/me/practical/{key}"))
}

pub fn practical_me_cancel(key: &str) -> String {
    format!("{}/cancel", practical_me(key))
}

pub fn validate_practical(id: impl Display) -> String {
    format!("{}/practical-applications/validate", training(id))
}

pub fn training_file(id: impl Display, file_id: impl Display) -> String {
    format!("{}/files/{file_id}", training(id))
}

pub fn checklist() -> String {
    api("/checklist")
}

pub fn eligibility() -> String {
    api("/eligibility/practical-training")
}

pub fn login() -> String {
    api("/auth/login")
}

pub fn openapi_json() -> String {
    api("/openapi.json")
}

// マイページ, reached with the key from the mail.

pub fn me(key: &str) -> String {
    api(&format!("/me/{key}"))
}

pub fn me_cancel(key: &str) -> String {
    format!("{}/cancel", me(key))
}

pub fn me_file(key: &str, file_id: impl Display) -> String {
    format!("{}/files/{file_id}", me(key))
}

pub fn me_check_in(key: &str) -> String {
    format!("{}/check-in", me(key))
}

pub fn me_check_out(key: &str) -> String {
    format!("{}/check-out", me(key))
}

/// マイページURLの再送 on the training's public page.
pub fn resend_link(training_id: impl Display) -> String {
    api(&format!("/trainings/{training_id}/my-page-link"))
}

/// The SPA's My Page (not an API path).
pub fn spa_me(key: &str) -> String {
    format!("/me/{key}")
}

/// The SPA's page behind the cancellation link in the mail (not an API path).
pub fn spa_me_cancel(key: &str) -> String {
    format!("/me/{key}/cancel")
}

// Staff: trainings.

pub fn admin_trainings() -> String {
    api("/admin/trainings")
}

pub fn admin_training(id: impl Display) -> String {
    format!("{}/{id}", admin_trainings())
}

pub fn publish(id: impl Display) -> String {
    format!("{}/publish", admin_training(id))
}

pub fn close(id: impl Display) -> String {
    format!("{}/close", admin_training(id))
}

pub fn cancel(id: impl Display) -> String {
    format!("{}/cancel", admin_training(id))
}

pub fn finish(id: impl Display) -> String {
    format!("{}/finish", admin_training(id))
}

/// 開始番号・終了番号
pub fn admin_codes(id: impl Display) -> String {
    format!("{}/codes", admin_training(id))
}

pub fn admin_training_files(id: impl Display) -> String {
    format!("{}/files", admin_training(id))
}

pub fn admin_training_file(id: impl Display, file_id: impl Display) -> String {
    format!("{}/{file_id}", admin_training_files(id))
}

pub fn admin_training_applications(id: impl Display) -> String {
    format!("{}/applications", admin_training(id))
}

pub fn checklist_summary(id: impl Display) -> String {
    format!("{}/checklist-summary", admin_training(id))
}

// Staff: applications, mail.

pub fn reissue(application_id: impl Display) -> String {
    api(&format!("/admin/applications/{application_id}/reissue"))
}

pub fn outbox() -> String {
    api("/admin/outbox")
}

pub fn resend(mail_id: impl Display) -> String {
    format!("{}/{mail_id}/resend", outbox())
}

// Staff: the practical training's selection.

/// The selection list of one training.
pub fn selection(training_id: impl Display) -> String {
    format!("{}/practical-applications", admin_training(training_id))
}

pub fn apply_proposal(training_id: impl Display) -> String {
    format!("{}/practical-selection/apply-proposal", admin_training(training_id))
}

pub fn practical_notices(training_id: impl Display) -> String {
    format!("{}/practical-notices", admin_training(training_id))
}

pub fn practical_application(id: impl Display) -> String {
    api(&format!("/admin/practical-applications/{id}"))
}

pub fn decision(id: impl Display) -> String {
    format!("{}/decision", practical_application(id))
}

pub fn practical_cancel(id: impl Display) -> String {
    format!("{}/cancel", practical_application(id))
}

pub fn attendance(id: impl Display) -> String {
    format!("{}/attendance", practical_application(id))
}

pub fn completion(id: impl Display) -> String {
    format!("{}/completion", practical_application(id))
}

/// The copy of a certificate attached to the form.
pub fn practical_attachment(id: impl Display) -> String {
    format!("{}/attachment", practical_application(id))
}

pub fn undo_attendance(id: impl Display) -> String {
    format!("{}/attendance/undo", practical_application(id))
}

pub fn undo_completion(id: impl Display) -> String {
    format!("{}/completion/undo", practical_application(id))
}

pub fn notice_pdf(id: impl Display) -> String {
    format!("{}/notice.pdf", practical_application(id))
}

pub fn certificate_pdf(id: impl Display) -> String {
    format!("{}/certificate.pdf", practical_application(id))
}

// Certificates (issue 11).

pub fn me_certificate(key: &str) -> String {
    format!("{}/certificate.pdf", me(key))
}

pub fn training_certificates(training_id: impl Display) -> String {
    format!("{}/certificates", admin_training(training_id))
}

pub fn training_certificates_zip(training_id: impl Display) -> String {
    format!("{}/certificates.zip", admin_training(training_id))
}

pub fn training_certificates_pdf(training_id: impl Display) -> String {
    format!("{}/certificates.pdf", admin_training(training_id))
}

pub fn verify_certificate(code: &str) -> String {
    api(&format!("/certificates/verify/{code}"))
}

pub fn revoke_certificate(id: impl Display) -> String {
    api(&format!("/admin/certificates/{id}/revoke"))
}

pub fn organiser() -> String {
    api("/admin/organiser")
}

pub fn organiser_seal() -> String {
    api("/admin/organiser/seal")
}

pub fn organiser_preview() -> String {
    api("/admin/organiser/preview.pdf")
}

// Operations, outside the API prefix.

pub const HEALTHZ: &str = "/healthz";
pub const READYZ: &str = "/readyz";
pub const METRICS: &str = "/metrics";
/// The offline API viewer.
pub const DOCS: &str = "/api/docs";

/// A route only the test harness can switch on (`config.test_routes`): it panics.
pub const TEST_PANIC: &str = "/__test/panic";

pub fn docs_asset(name: &str) -> String {
    format!("{DOCS}/{name}")
}

// Staff: Zoom checks and the survey (seed 000 6(5), SPEC §8).

pub fn zoom_checks(training_id: impl Display) -> String {
    format!("{}/zoom-checks", admin_training(training_id))
}

pub fn zoom_approve(training_id: impl Display) -> String {
    format!("{}/approve", zoom_checks(training_id))
}

pub fn zoom_withhold(training_id: impl Display, application_id: impl Display) -> String {
    format!("{}/{application_id}/withhold", zoom_checks(training_id))
}

pub fn zoom_in_person(training_id: impl Display, application_id: impl Display) -> String {
    format!("{}/{application_id}/in-person", zoom_checks(training_id))
}

pub fn zoom_reopen(training_id: impl Display, application_id: impl Display) -> String {
    format!("{}/{application_id}/reopen", zoom_checks(training_id))
}

pub fn admin_survey(training_id: impl Display) -> String {
    format!("{}/survey", admin_training(training_id))
}

pub fn survey_csv(training_id: impl Display) -> String {
    format!("{}/answers.csv", admin_survey(training_id))
}

pub fn survey_xlsx(training_id: impl Display) -> String {
    format!("{}/answers.xlsx", admin_survey(training_id))
}

pub fn me_survey(key: &str) -> String {
    format!("{}/survey", me(key))
}

/// One step on many practical applications of a training (the selection table).
pub fn practical_bulk(training_id: impl Display) -> String {
    format!("{}/practical-applications/bulk", admin_training(training_id))
}

// Staff accounts, the session and API tokens (issue 12, auth).
pub fn session() -> String {
    api("/auth/session")
}

pub fn logout() -> String {
    api("/auth/logout")
}

pub fn staff_users() -> String {
    api("/admin/staff-users")
}

pub fn staff_user_action(id: impl std::fmt::Display, action: &str) -> String {
    api(&format!("/admin/staff-users/{id}/{action}"))
}

pub fn api_tokens() -> String {
    api("/admin/api-tokens")
}

pub fn revoke_api_token(id: impl std::fmt::Display) -> String {
    api(&format!("/admin/api-tokens/{id}/revoke"))
}

// The office's daily work (issue 12, item 2).

pub fn reopen(id: impl Display) -> String {
    format!("{}/reopen", admin_training(id))
}

pub fn dashboard(id: impl Display) -> String {
    format!("{}/dashboard", admin_training(id))
}

/// The staff list of a training's applications searched for `q`.
pub fn search_applications(id: impl Display, q: &str, page: u64, per_page: u64) -> String {
    let q: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
    format!("{}?q={q}&page={page}&per_page={per_page}", admin_training_applications(id))
}

pub fn admin_application(id: impl Display) -> String {
    api(&format!("/admin/applications/{id}"))
}

pub fn staff_cancel(id: impl Display) -> String {
    format!("{}/cancel", admin_application(id))
}
