//! The stateless eligibility check (SPEC §5.1) through the API.

use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, TestApp};
use serde_json::{json, Value};

pub(crate) fn seed_a() -> Value {
    json!({
        "lecture_start": "2022-06-06",
        "applicant": {
            "target": "a",
            "consultation": {"category": "e", "completed_on": "2019-12-15"},
            "basic": {"category": "g", "completed_on": "2019-11-02"},
            "ojt_start": "2019-12-16", "ojt_end": "2022-05-31", "working_days": 541,
            "direct_support": true,
            "leave_periods": [{"start": "2020-12-01", "end": "2021-03-31"}]
        }
    })
}

async fn check(app: &TestApp, body: &Value) -> reqwest::Response {
    app.post_json(&paths::eligibility(), body, None).await
}

#[tokio::test]
async fn the_seed_a_example_is_eligible_with_its_derived_figures() {
    let app = spawn_app().await;
    let res = check(&app, &seed_a()).await;
    assert_eq!(res.status(), 200);
    let verdict: Value = res.json().await.unwrap();
    assert_eq!(verdict["outcome"], "eligible");
    let derived = &verdict["derived"];
    assert_eq!(derived["total_label"], "2年1ヶ月15日");
    assert_eq!(derived["ojt_start"], "2019-12-16");
    assert_eq!(derived["ojt_end"], "2022-05-31");
    assert_eq!(derived["periods"][0]["length"], json!({"years": 0, "months": 11, "days": 15}));
    assert_eq!(derived["periods"][1]["calendar_days"], 426);
    assert_eq!(derived["required_working_days"], 384);
    assert!(verdict["rules"].as_array().unwrap().iter().all(|r| r["status"] == "pass"));
}

#[tokio::test]
async fn failed_rules_are_all_listed_with_their_references() {
    let app = spawn_app().await;
    let mut body = seed_a();
    body["applicant"]["working_days"] = json!(100);
    body["applicant"]["direct_support"] = json!(false);
    body["applicant"]["consultation"]["category"] = json!("g");
    let verdict: Value = check(&app, &body).await.json().await.unwrap();
    assert_eq!(verdict["outcome"], "not_eligible");
    let failed: Vec<(&str, &str)> = verdict["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "fail")
        .map(|r| (r["rule"].as_str().unwrap(), r["reference"].as_str().unwrap()))
        .collect();
    // A basic-training code in ① fails ① and counts for no basic completion: no OJT can be
    // counted (total 0, no working days required), and the work is still checked.
    assert_eq!(
        failed,
        [("slot_consultation", "※12"), ("basic_completion", "※E"), ("ojt_length", "※2"), ("activities", "※2")]
    );
}

#[tokio::test]
async fn bad_dates_are_named_and_the_check_is_rate_limited() {
    let app = spawn_app().await;
    let mut body = seed_a();
    body["lecture_start"] = json!("2022/06/06");
    body["applicant"]["leave_periods"][0]["end"] = json!("三月");
    let res = check(&app, &body).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["lecture_start", "applicant.leave_periods[0].end"]);

    let mut limited = None;
    for _ in 0..130 {
        let res = check(&app, &seed_a()).await;
        if res.status() == 429 {
            limited = Some(res);
            break;
        }
    }
    assert_problem(limited.expect("limited within 130 requests"), 429, "too_many_requests").await;
}
