//! The audit log: one row per staff or token change, bulk read and sign-in; never personal
//! data; append-only in the database; admins only.

use kenshu_api_tests::forms::practical_form;
use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, TestApp, PASSWORD};
use kenshu_domain::staff::Role;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{json, Value};

fn audit_log(query: &str) -> String {
    paths::api(&format!("/admin/audit-log{query}"))
}

/// Every row, newest first, read through the admin API.
async fn rows(app: &TestApp, admin: &str) -> Vec<Value> {
    let body = app.get_auth_json(&audit_log("?per_page=100"), admin).await;
    body["items"].as_array().unwrap_or_else(|| panic!("{body}")).clone()
}

fn find<'a>(rows: &'a [Value], action: &str) -> Vec<&'a Value> {
    rows.iter().filter(|r| r["action"] == action).collect()
}

/// Every column of every row, as the database holds it.
async fn raw_rows(app: &TestApp) -> String {
    let db = &app.state.db;
    let sql = "SELECT id, at, actor_kind, actor_id, role, action, training_id, target, status, client FROM audit_log";
    let rows = db.query_all(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>().join("\n")
}

#[tokio::test]
async fn each_class_of_action_leaves_one_row_without_personal_data() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let staff = app.staff().await;
    let prefecture = app.token(Role::Prefecture).await;
    let res = app.post_json(&paths::login(), &json!({"email": "nobody@kenshu.test", "password": "wrong"}), None).await;
    assert_problem(res, 401, "invalid_credentials").await;

    // A training change, an applicant's own (unaudited) actions, a bulk read.
    let t = app.seed().training().published().await;
    let person = app.seed().applicant(t.id, "audited").await;
    assert_eq!(app.post(&paths::me_cancel(&person.key)).await.status(), 200);
    assert_eq!(app.get_auth(&paths::admin_training_applications(t.id), &staff).await.status(), 200);
    assert_eq!(app.get_auth(&paths::admin_training(t.id), &staff).await.status(), 200, "not a bulk read");
    // A refused write is kept with its status.
    assert_problem(app.post_empty(&paths::close(t.id), &prefecture).await, 403, "forbidden").await;
    // An application decision.
    let p = app.seed().practical_training().published().await;
    let email = app.unique_email("practical");
    let res = app.submit_practical(p.id, &practical_form(&email, Some(p.schedules[0]))).await;
    let application = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let decision = json!({"decision": "accepted", "schedule_id": p.schedules[0]});
    assert_eq!(app.post_json(&paths::decision(application), &decision, Some(&staff)).await.status(), 200);

    let all = rows(&app, &admin).await;
    let sign_ins = find(&all, "POST /api/v1/auth/login");
    let ok: Vec<_> = sign_ins.iter().filter(|r| r["status"] == 200).collect();
    assert_eq!(ok.len(), 3, "admin, staff, prefecture: {all:#?}");
    assert!(ok.iter().all(|r| r["actor_id"].is_i64() && r["role"].is_string()));
    let failed: Vec<_> = sign_ins.iter().filter(|r| r["status"] == 401).collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]["actor_id"].is_null() && failed[0]["role"].is_null(), "{}", failed[0]);

    let created = find(&all, "POST /api/v1/admin/trainings");
    assert_eq!(created.len(), 2);
    let published = find(&all, "POST /api/v1/admin/trainings/{id}/publish");
    assert!(published.iter().any(|r| r["training_id"] == t.id && r["status"] == 200 && r["role"] == "staff"));
    let read = find(&all, "GET /api/v1/admin/trainings/{id}/applications");
    assert_eq!(read.len(), 1);
    assert_eq!((&read[0]["training_id"], &read[0]["actor_kind"]), (&json!(t.id), &json!("staff")));
    assert_eq!(read[0]["client"], "127.0.0.1");
    assert!(find(&all, "GET /api/v1/admin/trainings/{id}").is_empty(), "a single record is not audited");
    let refused = find(&all, "POST /api/v1/admin/trainings/{id}/close");
    assert_eq!(refused.len(), 1);
    assert_eq!((&refused[0]["status"], &refused[0]["role"]), (&json!(403), &json!("prefecture")));
    let decided = find(&all, "POST /api/v1/admin/practical-applications/{id}/decision");
    assert_eq!(decided.len(), 1);
    assert_eq!(decided[0]["target"], format!("id={application}"));
    // The public's own requests name nobody and are not audit rows.
    assert!(all.iter().all(|r| !r["action"].as_str().unwrap().contains("/me/")), "{all:#?}");
    assert!(all.iter().all(|r| !r["action"].as_str().unwrap().ends_with("/applications")
        || r["action"].as_str().unwrap().starts_with("GET")));

    let stored = raw_rows(&app).await;
    for personal in [
        "札幌",
        "花子",
        "髙橋",
        person.email.as_str(),
        email.as_str(),
        "0123-45-6789",
        "011-123-4567",
        "nobody@kenshu.test",
        person.key.as_str(),
        PASSWORD,
    ] {
        assert!(!stored.contains(personal), "{personal} in the audit log:\n{stored}");
    }
}

#[tokio::test]
async fn the_database_refuses_to_change_or_remove_a_row() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let before = rows(&app, &admin).await.len();
    assert!(before >= 1);
    let db = &app.state.db;
    for sql in ["UPDATE audit_log SET status = 200", "DELETE FROM audit_log", "UPDATE audit_log SET actor_id = NULL"] {
        let result = db.execute(Statement::from_string(db.get_database_backend(), sql)).await;
        let err = result.expect_err(sql).to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        let result = db.execute(Statement::from_string(db.get_database_backend(), "TRUNCATE audit_log")).await;
        assert!(result.is_err(), "TRUNCATE is refused too");
    }
    let after = rows(&app, &admin).await;
    assert_eq!(after.len(), before, "{after:#?}");
}

#[tokio::test]
async fn only_admins_read_it_filtered_and_paged_in_a_stable_order() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    for role in [Role::Staff, Role::Prefecture] {
        let token = app.token(role).await;
        assert_problem(app.get_auth(&audit_log(""), &token).await, 403, "forbidden").await;
    }
    assert_problem(app.get(&audit_log("")).await, 401, "unauthorized").await;

    let staff = app.staff().await;
    let a = app.seed().training().published().await;
    let b = app.seed().training().published().await;
    app.post_empty(&paths::close(a.id), &staff).await;

    let by_training = app.get_auth_json(&audit_log(&format!("?training_id={}", a.id)), &admin).await;
    let actions: Vec<&str> =
        by_training["items"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["POST /api/v1/admin/trainings/{id}/close", "POST /api/v1/admin/trainings/{id}/publish"]);
    let closes = app.get_auth_json(&audit_log("?action=close"), &admin).await;
    assert_eq!(closes["total"], 1);
    let staff_id = closes["items"][0]["actor_id"].as_i64().unwrap();
    let by_actor = app.get_auth_json(&audit_log(&format!("?actor_kind=staff&actor_id={staff_id}")), &admin).await;
    // Sign-in, two creations, two publications, one close.
    assert_eq!(by_actor["total"], 6, "{by_actor}");
    let today = kenshu_domain::time_jp::to_jst(time::OffsetDateTime::now_utc()).date();
    let in_range =
        app.get_auth_json(&audit_log(&format!("?from={today}&to={today}&training_id={}", b.id)), &admin).await;
    assert_eq!(in_range["total"], 1);
    let tomorrow = today.next_day().unwrap();
    let later = app.get_auth_json(&audit_log(&format!("?from={tomorrow}")), &admin).await;
    assert_eq!(later["total"], 0);

    // Pages neither repeat nor skip a row.
    let all = rows(&app, &admin).await;
    let mut paged = Vec::new();
    for page in 1..=all.len().div_ceil(2) {
        let body = app.get_auth_json(&audit_log(&format!("?per_page=2&page={page}")), &admin).await;
        paged.extend(body["items"].as_array().unwrap().iter().map(|r| r["id"].clone()));
    }
    assert_eq!(paged, all.iter().map(|r| r["id"].clone()).collect::<Vec<_>>());

    let problem = assert_problem(
        app.get_auth(&audit_log("?from=2026/12/01&to=2026-13-01"), &admin).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["from", "to"]);
    let problem = assert_problem(
        app.get_auth(&audit_log("?from=2026-12-02&to=2026-12-01"), &admin).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["to"]);
}
