//! 出席・受講確認の手入力: staff record the times a participant could not enter with the
//! codes, with a reason; the certificate follows, the webhook fires once, refusals store
//! nothing, the prefecture reads only, and the reason stays in the office.

use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, spawn_app_with, Applicant, TestApp};
use kenshu_domain::staff::Role;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const REASON: &str = "スマートフォンの電池切れのため、受付で本人確認のうえ記録";

fn attendance(application_id: impl std::fmt::Display) -> String {
    paths::api(&format!("/admin/applications/{application_id}/attendance"))
}

fn at(value: &Value) -> OffsetDateTime {
    OffsetDateTime::parse(value.as_str().expect("a time"), &Rfc3339).expect("rfc3339")
}

fn jst(t: OffsetDateTime) -> String {
    t.to_offset(time::macros::offset!(+9)).format(&Rfc3339).unwrap()
}

/// A week ahead, 10:00–12:00 in Japan. Times recorded by hand must fall on a training day,
/// and a training placed relative to the moment the test ran (`starts_in`) crossed midnight in
/// Japan, with the end time recorded 40 minutes after its end, when run after 21:20 JST.
fn a_week_ahead() -> Value {
    let day = (OffsetDateTime::now_utc() + Duration::days(7)).to_offset(time::macros::offset!(+9)).date();
    json!({"starts_at": format!("{day}T10:00:00+09:00"), "ends_at": format!("{day}T12:00:00+09:00"),
        "application_closes_at": format!("{day}T09:00:00+09:00")})
}

/// A training a week ahead with one applicant, the clock pinned an hour after its end.
struct Day {
    app: TestApp,
    training_id: i64,
    starts: OffsetDateTime,
    ends: OffsetDateTime,
    applicant: Applicant,
    application_id: i64,
    staff: String,
}

async fn day_after(app: TestApp, changes: Value) -> Day {
    let t = app.seed().training().with(a_week_ahead()).with(changes).published().await;
    let applicant = app.seed().applicant(t.id, "byhand").await;
    let application_id = app.application_id(t.id, &applicant.email).await;
    let (starts, ends) = (at(&t["starts_at"]), at(&t["ends_at"]));
    app.state.clock.pin(Some(ends + Duration::hours(1)));
    let staff = app.staff().await;
    Day { app, training_id: t.id, starts, ends, applicant, application_id, staff }
}

impl Day {
    async fn put(&self, body: &Value, token: &str) -> reqwest::Response {
        self.app.put_json(&attendance(self.application_id), body, token).await
    }

    /// The application as the staff list shows it.
    async fn listed(&self) -> Value {
        let path = format!("{}?per_page=100", paths::admin_training_applications(self.training_id));
        let list = self.app.get_auth_json(&path, &self.staff).await;
        list["items"].as_array().unwrap().iter().find(|a| a["id"] == self.application_id).unwrap().clone()
    }

    async fn my_page(&self) -> Value {
        self.app.get_json(&paths::me(&self.applicant.key)).await
    }

    /// Queued or sent `attendance.completed` deliveries.
    async fn completions(&self, admin: &str) -> usize {
        let deliveries = self.app.get_auth_json(&paths::api("/admin/webhook-deliveries?per_page=100"), admin).await;
        deliveries["items"].as_array().unwrap().iter().filter(|d| d["event"] == "attendance.completed").count()
    }
}

async fn subscribe(app: &TestApp, admin: &str) {
    let body = json!({"url": "http://127.0.0.1:9/hook", "events": ["attendance.completed"]});
    let res = app.post_json(&paths::api("/admin/webhooks"), &body, Some(admin)).await;
    assert_eq!(res.status(), 201);
}

#[tokio::test]
async fn both_times_recorded_by_staff_make_the_certificate_downloadable_and_fire_the_webhook_once() {
    let app = spawn_app_with(|c| c.webhook_allow_private = true).await;
    let d = day_after(app, json!({})).await;
    let admin = d.app.token(Role::Admin).await;
    subscribe(&d.app, &admin).await;
    assert_eq!(d.my_page().await["day"]["certificate"]["state"], "awaiting_codes");

    let (check_in, check_out) = (d.starts + Duration::minutes(3), d.ends + Duration::minutes(40));
    let body = json!({"checked_in_at": jst(check_in), "checked_out_at": jst(check_out), "reason": REASON});
    let res = d.put(&body, &d.staff).await;
    assert_eq!(res.status(), 200);
    let shown: Value = res.json().await.unwrap();
    assert_eq!(at(&shown["attendance"]["checked_in_at"]), check_in);
    assert_eq!(at(&shown["attendance"]["checked_out_at"]), check_out);
    assert!(shown["attendance"]["checked_in_at"].as_str().unwrap().ends_with("+09:00"));
    assert_eq!(shown["attendance"]["checked_in_by_staff"]["reason"], REASON);
    assert_eq!(shown["attendance"]["checked_out_by_staff"]["reason"], REASON);
    assert!(shown["attendance"]["checked_in_by_staff"]["staff_email"].as_str().unwrap().starts_with("staff-"));

    let page = d.my_page().await;
    assert_eq!(page["day"]["screen"], "done");
    assert_eq!(at(&page["day"]["checked_in_at"]), check_in);
    assert_eq!(page["day"]["certificate"]["state"], "ready");
    let res = d.app.get(&format!("/api/v1/me/{}/certificate.pdf", d.applicant.key)).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert_eq!(d.completions(&admin).await, 1);

    // A correction of complete attendance announces nothing again.
    let body = json!({"checked_out_at": jst(check_out + Duration::minutes(5)), "reason": "時刻の記録誤りを訂正"});
    assert_eq!(d.put(&body, &d.staff).await.status(), 200);
    let listed = d.listed().await;
    assert_eq!(listed["attendance"]["checked_out_by_staff"]["reason"], "時刻の記録誤りを訂正");
    assert_eq!(listed["attendance"]["checked_in_by_staff"]["reason"], REASON);
    assert_eq!(d.completions(&admin).await, 1);

    // An API token with applications:write records too (a reception system, say).
    let token = d.app.api_token(&["applications:write", "applications:read"]).await;
    let body = json!({"checked_out_at": jst(check_out), "reason": "受付システムから記録"});
    assert_eq!(d.put(&body, &token).await.status(), 200);
    let reader = d.app.api_token(&["applications:read"]).await;
    assert_problem(d.put(&body, &reader).await, 403, "insufficient_scope").await;

    // The issued certificate stands on these times: corrected above, they cannot be cleared
    // until it is revoked.
    let clear = json!({"checked_out_at": null, "reason": "別の方の記録と取り違えたため"});
    let problem = assert_problem(d.put(&clear, &d.staff).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "checked_out_at");
    assert_eq!(problem["errors"][0]["code"], "certificate_issued");
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("先に受講証明書を取り消してください"));
    assert!(d.listed().await["attendance"]["checked_out_at"].is_string(), "nothing stored");
    let certificate = crate::certificates::issued(&d.app, d.training_id).await[0]["id"].as_i64().unwrap();
    let revoke = json!({"reason": "受講記録の誤りのため"});
    assert_eq!(d.app.post_json(&paths::revoke_certificate(certificate), &revoke, Some(&d.staff)).await.status(), 200);
    assert_eq!(d.put(&clear, &d.staff).await.status(), 200);
    assert_eq!(d.listed().await["attendance"]["checked_out_at"], Value::Null);
}

/// The race a download and a clearing run: the download read the application with both
/// times in, then staff cleared one before the certificate was numbered. Issuing on that
/// stale read must decide again on the row it locks, and refuse.
#[tokio::test]
async fn a_download_that_read_before_staff_cleared_a_time_issues_nothing() {
    use kenshu_persistence::repos::{applications, trainings};
    let d = day_after(spawn_app().await, json!({})).await;
    let (check_in, check_out) = (d.starts + Duration::minutes(3), d.ends + Duration::minutes(40));
    let body = json!({"checked_in_at": jst(check_in), "checked_out_at": jst(check_out), "reason": REASON});
    assert_eq!(d.put(&body, &d.staff).await.status(), 200);
    let state = &d.app.state;
    let read_by_the_download = applications::find(&state.db, d.application_id as i32).await.unwrap().unwrap();
    let training = trainings::find(&state.db, d.training_id as i32).await.unwrap().unwrap();

    let clear = json!({"checked_out_at": null, "reason": "別の方の記録と取り違えたため"});
    assert_eq!(d.put(&clear, &d.staff).await.status(), 200);
    let issued = kenshu_http::usecases::certificates::issue(
        &state.db,
        &state.certificate_desk,
        &read_by_the_download,
        &training,
        state.clock.now(),
    )
    .await;
    let refused = issued.expect_err("a certificate on a cleared time");
    assert_eq!(refused.code, kenshu_domain::ErrorCode::CertificateNotReady);
    assert!(crate::certificates::issued(&d.app, d.training_id).await.is_empty(), "nothing numbered");
    assert_eq!(d.listed().await["attendance"]["checked_out_at"], Value::Null);
    assert_eq!(d.my_page().await["day"]["certificate"]["state"], "awaiting_codes");
}

#[tokio::test]
async fn the_end_time_after_the_participants_start_code_completes_it_and_the_code_stays_theirs() {
    let app = spawn_app_with(|c| c.webhook_allow_private = true).await;
    let d = day_after(app, json!({})).await;
    let admin = d.app.token(Role::Admin).await;
    subscribe(&d.app, &admin).await;
    let codes = json!({"start_code": "4821", "end_code": "0937"});
    assert_eq!(d.app.put_json(&paths::admin_codes(d.training_id), &codes, &d.staff).await.status(), 200);
    d.app.state.clock.pin(Some(d.starts - Duration::minutes(10)));
    let res = d.app.post_json(&paths::me_check_in(&d.applicant.key), &json!({"code": "4821"}), None).await;
    assert_eq!(res.status(), 200);

    // Came to reception after the end-code window.
    d.app.state.clock.pin(Some(d.ends + Duration::minutes(50)));
    let late = d.ends + Duration::minutes(45);
    let body = json!({"checked_out_at": jst(late), "reason": "終了番号の入力時間後に受付へ来られたため"});
    assert_eq!(d.put(&body, &d.staff).await.status(), 200);
    let listed = d.listed().await;
    assert_eq!(at(&listed["attendance"]["checked_in_at"]), d.starts - Duration::minutes(10));
    assert_eq!(listed["attendance"]["checked_in_by_staff"], Value::Null, "entered with the code");
    assert!(listed["attendance"]["checked_out_by_staff"].is_object());
    assert_eq!(d.my_page().await["day"]["certificate"]["state"], "ready");
    assert_eq!(d.completions(&admin).await, 1);

    // The participant's own time may be corrected, not cleared; staff's may be cleared.
    let res = d.put(&json!({"checked_in_at": null, "checked_out_at": null, "reason": "取り消し"}), &d.staff).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["checked_in_at"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("消去できません"), "{problem}");
    assert!(d.listed().await["attendance"]["checked_out_at"].is_string(), "nothing stored");
    let res = d.put(&json!({"checked_out_at": null, "reason": "別の方の記録と取り違えたため"}), &d.staff).await;
    assert_eq!(res.status(), 200);
    let listed = d.listed().await;
    assert_eq!(listed["attendance"]["checked_out_at"], Value::Null);
    assert_eq!(listed["attendance"]["checked_out_by_staff"], Value::Null);
    assert_eq!(d.my_page().await["day"]["certificate"]["state"], "awaiting_codes");
}

#[tokio::test]
async fn bad_inputs_are_named_at_once_in_japanese_and_store_nothing() {
    let d = day_after(spawn_app().await, json!({})).await;
    let untouched = |listed: &Value| {
        assert_eq!(listed["attendance"]["checked_in_at"], Value::Null, "{listed}");
        assert_eq!(listed["attendance"]["checked_out_at"], Value::Null, "{listed}");
    };

    let day_before = d.starts - Duration::days(1);
    let body =
        json!({"checked_in_at": jst(day_before), "checked_out_at": jst(d.ends + Duration::days(1)), "reason": "  "});
    let problem = assert_problem(d.put(&body, &d.staff).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["reason", "checked_in_at", "checked_out_at"]);
    assert_eq!(problem["errors"][0]["message"], "記録の理由を入力してください");
    let outside = problem["errors"][1]["message"].as_str().unwrap();
    assert!(outside.starts_with("出席確認時間は研修の開催"), "{outside}");
    assert!(problem["errors"][2]["message"].as_str().unwrap().starts_with("受講確認時間は研修の開催"));
    // Out before in.
    let body = json!({"checked_in_at": jst(d.ends), "checked_out_at": jst(d.starts), "reason": REASON});
    let problem = assert_problem(d.put(&body, &d.staff).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["checked_out_at"]);
    assert_eq!(problem["errors"][0]["message"], "受講確認時間は出席確認時間より後の時刻にしてください");
    untouched(&d.listed().await);

    // Missing reason and a time of the wrong shape, before any rule.
    let problem =
        assert_problem(d.put(&json!({"checked_in_at": "12時半"}), &d.staff).await, 422, "validation_failed").await;
    let fields = error_fields(&problem);
    assert!(fields.contains(&"reason".to_owned()) && fields.contains(&"checked_in_at".to_owned()), "{problem}");
    // Neither time.
    let problem = assert_problem(d.put(&json!({"reason": REASON}), &d.staff).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["checked_in_at"]);
    // The end without a start, a reason on two lines, one too long.
    let body = json!({"checked_out_at": jst(d.ends), "reason": "電池切れ\n受付で確認"});
    let problem = assert_problem(d.put(&body, &d.staff).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["reason", "checked_in_at"]);
    let body = json!({"checked_in_at": jst(d.starts), "reason": "理".repeat(201)});
    let problem = assert_problem(d.put(&body, &d.staff).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["message"], "記録の理由は200文字以内で入力してください");
    // Not yet come.
    d.app.state.clock.pin(Some(d.starts - Duration::minutes(1)));
    let body = json!({"checked_in_at": jst(d.starts), "reason": REASON});
    let problem = assert_problem(d.put(&body, &d.staff).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["checked_in_at"]);
    untouched(&d.listed().await);

    let res = d
        .app
        .put_json(&attendance(987_654), &json!({"checked_in_at": jst(d.starts), "reason": REASON}), &d.staff)
        .await;
    assert_problem(res, 404, "application_not_found").await;
}

#[tokio::test]
async fn an_application_without_a_seat_is_refused() {
    let app = spawn_app().await;
    let t = app.seed().training().capacity(1).waiting_list().with(a_week_ahead()).published().await;
    let _seated = app.seed().applicant(t.id, "seated").await;
    let waiting = app.seed().applicant(t.id, "waiting").await;
    let waiting_id = app.application_id(t.id, &waiting.email).await;
    let (starts, ends) = (at(&t["starts_at"]), at(&t["ends_at"]));
    app.state.clock.pin(Some(ends + Duration::hours(1)));
    let body = json!({"checked_in_at": jst(starts), "checked_out_at": jst(ends), "reason": REASON});
    let res = app.put_json(&attendance(waiting_id), &body, &app.staff().await).await;
    let problem = assert_problem(res, 409, "not_confirmed_for_day").await;
    assert_eq!(problem["detail"], "受講が確定したお申込みのみ出席・受講を記録できます");
    assert_eq!(app.get_json(&paths::me(&waiting.key)).await["day"]["checked_in_at"], Value::Null);
}

#[tokio::test]
async fn the_prefecture_reads_the_mark_but_may_not_record_and_every_try_is_audited() {
    let d = day_after(spawn_app().await, json!({})).await;
    let prefecture = d.app.token(Role::Prefecture).await;
    let body = json!({"checked_in_at": jst(d.starts), "reason": REASON});
    assert_problem(d.put(&body, &prefecture).await, 403, "forbidden").await;
    assert_eq!(d.listed().await["attendance"]["checked_in_at"], Value::Null);
    assert_eq!(d.put(&body, &d.staff).await.status(), 200);
    let bad = json!({"checked_in_at": jst(d.starts), "reason": ""});
    assert_problem(d.put(&bad, &d.staff).await, 422, "validation_failed").await;

    let path = format!("{}?per_page=100", paths::admin_training_applications(d.training_id));
    let list = d.app.get_auth_json(&path, &prefecture).await;
    assert_eq!(list["items"][0]["attendance"]["checked_in_by_staff"]["reason"], REASON);

    let admin = d.app.token(Role::Admin).await;
    let audit = d.app.get_auth_json("/api/v1/admin/audit-log?action=attendance&per_page=100", &admin).await;
    let rows: Vec<(i64, String, Value)> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["status"].as_i64().unwrap(), r["action"].as_str().unwrap().to_owned(), r["role"].clone()))
        .collect();
    let action = "PUT /api/v1/admin/applications/{id}/attendance".to_owned();
    assert_eq!(
        rows,
        [
            (422, action.clone(), json!("staff")),
            (200, action.clone(), json!("staff")),
            (403, action, json!("prefecture")),
        ],
        "newest first"
    );
    // The reason is the office's: no audit row holds it.
    assert!(!audit.to_string().contains("電池切れ"), "{audit}");
}

#[tokio::test]
async fn the_reason_stays_in_the_office_and_my_page_shows_the_times_as_usual() {
    let d = day_after(spawn_app().await, json!({})).await;
    let body = json!({"checked_in_at": jst(d.starts), "checked_out_at": jst(d.ends), "reason": REASON});
    assert_eq!(d.put(&body, &d.staff).await.status(), 200);
    let page = d.my_page().await;
    assert_eq!(at(&page["day"]["checked_in_at"]), d.starts);
    assert_eq!(at(&page["day"]["checked_out_at"]), d.ends);
    let text = page.to_string();
    assert!(!text.contains("電池切れ") && !text.contains("by_staff") && !text.contains("staff-"), "{text}");
    // Anonymous and the public training page know nothing either.
    let res = d.app.put_json(&attendance(d.application_id), &body, "not-a-token").await;
    assert_eq!(res.status(), 401);
    assert!(!d.app.get(&paths::training(d.training_id)).await.text().await.unwrap().contains("電池切れ"));
    // The 受講者名簿 names it in its own column when asked for.
    let roster = paths::api(&format!(
        "/admin/trainings/{}/rosters/participants?format=csv&columns=full_name,checked_in_at,attendance_note",
        d.training_id
    ));
    let csv = d.app.get_auth(&roster, &d.staff).await.text().await.unwrap();
    assert!(csv.contains(&format!("出席・受講を事務局が記録：{REASON}")), "{csv}");
    // The dashboard counts the times, whoever recorded them.
    let dashboard =
        d.app.get_auth_json(&paths::api(&format!("/admin/trainings/{}/dashboard", d.training_id)), &d.staff).await;
    assert_eq!((dashboard["checked_in"].as_u64(), dashboard["checked_out"].as_u64()), (Some(1), Some(1)));
}

#[tokio::test]
async fn a_cancelled_training_takes_no_record() {
    let d = day_after(spawn_app().await, json!({})).await;
    d.app.state.clock.pin(None);
    let res = d.app.post_empty(&paths::cancel(d.training_id), &d.staff).await;
    assert!(res.status().is_success(), "{:?}", res.text().await);
    d.app.state.clock.pin(Some(d.ends + Duration::hours(1)));
    let body = json!({"checked_in_at": jst(d.starts), "reason": REASON});
    let problem = assert_problem(d.put(&body, &d.staff).await, 409, "invalid_status_transition").await;
    assert_eq!(problem["detail"], "中止した研修の出席・受講は記録できません");
    assert_eq!(d.listed().await["attendance"]["checked_in_at"], Value::Null);
}

#[tokio::test]
async fn staff_wait_for_an_end_code_being_stored_and_then_announce_nothing_twice() {
    use sea_orm::sea_query::{Alias, Expr, Query};
    use sea_orm::ConnectionTrait;

    let app = spawn_app_with(|c| c.webhook_allow_private = true).await;
    let d = day_after(app, json!({})).await;
    let admin = d.app.token(Role::Admin).await;
    subscribe(&d.app, &admin).await;
    let body = json!({"checked_in_at": jst(d.starts), "reason": "受付で確認"});
    assert_eq!(d.put(&body, &d.staff).await.status(), 200);

    // The end code's transaction, caught between its write and its commit.
    let db = &d.app.state.db;
    let tx = kenshu_persistence::begin_write(db).await.unwrap();
    let out = Query::update()
        .table(Alias::new("applications"))
        .value(Alias::new("checked_out_at"), d.ends)
        .and_where(Expr::col(Alias::new("id")).eq(d.application_id))
        .to_owned();
    tx.execute(db.get_database_backend().build(&out)).await.unwrap();
    let body = json!({"checked_out_at": jst(d.ends + Duration::minutes(2)), "reason": "受付で確認"});
    let request = d.app.client.put(d.app.url(&attendance(d.application_id))).bearer_auth(&d.staff).json(&body);
    let staff_record = tokio::spawn(request.send());
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(!staff_record.is_finished(), "staff's record waits for the row");
    tx.commit().await.unwrap();
    let res = staff_record.await.unwrap().unwrap();
    assert_eq!(res.status(), 200, "a correction of the time the code stored");

    // The code's own webhook is not in this fake transaction: staff's record, which found
    // attendance complete once it could read the row, must have queued none.
    assert_eq!(d.completions(&admin).await, 0);
    assert_eq!(at(&d.listed().await["attendance"]["checked_out_at"]), d.ends + Duration::minutes(2));
}

#[tokio::test]
async fn the_spas_session_needs_its_csrf_token_to_record() {
    let d = day_after(spawn_app().await, json!({})).await;
    let email = d.app.unique_email("office");
    d.app.create_user(&email, Role::Staff).await;
    let session = d.app.cookie_sign_in(&email).await;
    let body = json!({"checked_in_at": jst(d.starts), "reason": REASON});
    let path = attendance(d.application_id);
    let res = d.app.with_cookie(reqwest::Method::PUT, &path, &session, false).json(&body).send().await.unwrap();
    assert_problem(res, 403, "csrf_token_invalid").await;
    assert_eq!(d.listed().await["attendance"]["checked_in_at"], Value::Null);
    let res = d.app.with_cookie(reqwest::Method::PUT, &path, &session, true).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(d.listed().await["attendance"]["checked_in_by_staff"]["staff_email"], email.as_str());
}

#[tokio::test]
async fn online_the_certificate_still_waits_for_the_zoom_checks_which_show_the_staff_mark() {
    let app = spawn_app().await;
    let t = app.seed().training().online().with(a_week_ahead()).published().await;
    let applicant = app.seed().applicant(t.id, "online").await;
    let id = app.application_id(t.id, &applicant.email).await;
    let (starts, ends) = (at(&t["starts_at"]), at(&t["ends_at"]));
    app.state.clock.pin(Some(ends + Duration::hours(1)));
    let staff = app.staff().await;
    let body = json!({"checked_in_at": jst(starts), "checked_out_at": jst(ends), "reason": "Zoomの接続不良のため"});
    assert_eq!(app.put_json(&attendance(id), &body, &staff).await.status(), 200);
    let page = app.get_json(&paths::me(&applicant.key)).await;
    assert_eq!(page["day"]["certificate"]["state"], "under_review");
    let grid = app.get_auth_json(&paths::api(&format!("/admin/trainings/{}/zoom-checks", t.id)), &staff).await;
    let row = &grid["participants"][0];
    assert_eq!(row["attendance_by_staff"], true, "{grid}");
    assert_eq!(at(&row["checked_out_at"]), ends);
}
