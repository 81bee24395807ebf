//! The stateless eligibility check of the practical training (SPEC §5.1), for the form's
//! live feedback and for third parties.

use actix_web::{post, web};
use kenshu_domain::eligibility::{evaluate, EligibilityInput, Verdict};
use serde::Deserialize;
use time::Date;
use utoipa::ToSchema;

use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::state::AppState;

/// What to check: the applicant's entries and the practical training's first lecture day.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({
    "lecture_start": "2022-06-06",
    "applicant": {
        "target": "a",
        "consultation": {"category": "e", "completed_on": "2019-12-15"},
        "basic": {"category": "g", "completed_on": "2019-11-02"},
        "ojt_start": "2019-12-16", "ojt_end": "2022-05-31", "working_days": 541,
        "direct_support": true,
        "leave_periods": [{"start": "2020-12-01", "end": "2021-03-31"}]
    }
}))]
pub struct EligibilityRequest {
    /// 実践研修の講義開始日
    pub lecture_start: Date,
    pub applicant: EligibilityInput,
}

/// 実践研修の受講要件を判定する
///
/// Limited per client address (429 with Retry-After; 120 a minute by default, enough for
/// live feedback while typing; `KENSHU_ELIGIBILITY_PER_MINUTE` sets it).
/// Returns the verdict (eligible / not_eligible / needs_review), every rule with its
/// Japanese message and seed reference (※2, ※E, ※7, ※8, ※11, ※12), and the derived values:
/// basic completion, OJT start and end, each counted period with 年/ヶ月/日 and calendar
/// days, the total, and the working days required. Stores nothing.
#[utoipa::path(tag = "eligibility", request_body = EligibilityRequest, responses(
    (status = 200, body = Verdict),
    (status = 429, body = Problem, content_type = "application/problem+json"),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/eligibility/practical-training")]
pub async fn check_practical_eligibility(
    client: crate::transport::ClientAddress,
    body: JsonBody<EligibilityRequest>,
    st: web::Data<AppState>,
) -> Result<web::Json<Verdict>, AppError> {
    st.eligibility_limiter.check(client.0).map_err(AppError::too_many_requests)?;
    let body = body.0;
    let issues = body.applicant.date_issues(body.lecture_start, "applicant");
    if !issues.is_empty() {
        return Err(AppError::validation(issues));
    }
    Ok(web::Json(evaluate(&body.applicant, body.lecture_start)))
}
