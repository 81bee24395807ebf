use jsonwebtoken::{encode, EncodingKey, Header};
use kenshu_api_tests::{assert_problem, error_fields, spawn_app, training_input, JWT_SECRET, PASSWORD};
use kenshu_domain::staff::Role;
use serde_json::{json, Value};

#[tokio::test]
async fn staff_sign_in_and_use_the_token() {
    let app = spawn_app().await;
    app.create_user("jimukyoku@kenshu.test", Role::Staff).await;
    let res = app
        .post_json("/api/v1/auth/login", &json!({"email": "Jimukyoku@Kenshu.test", "password": PASSWORD}), None)
        .await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["user"]["role"], "staff");
    assert_eq!(body["user"]["email"], "jimukyoku@kenshu.test");
    assert!(body["expires_at"].as_str().unwrap().ends_with("+09:00"));
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(app.get_auth("/api/v1/admin/trainings", token).await.status(), 200);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    app.create_user("jimukyoku@kenshu.test", Role::Staff).await;
    let wrong = app
        .post_json("/api/v1/auth/login", &json!({"email": "jimukyoku@kenshu.test", "password": "not it at all"}), None)
        .await;
    let wrong = assert_problem(wrong, 401, "invalid_credentials").await;
    let unknown = app
        .post_json("/api/v1/auth/login", &json!({"email": "nobody@kenshu.test", "password": "not it at all"}), None)
        .await;
    let unknown = assert_problem(unknown, 401, "invalid_credentials").await;
    assert_eq!(wrong, unknown);
}

#[tokio::test]
async fn login_attempts_are_rate_limited() {
    let app = spawn_app().await;
    let body = json!({"email": "target@kenshu.test", "password": "guess"});
    let attempt = || app.post_json("/api/v1/auth/login", &body, None);
    for _ in 0..5 {
        assert_eq!(attempt().await.status(), 401);
    }
    let res = attempt().await;
    assert!(res.headers().get("retry-after").is_some());
    assert_problem(res, 429, "too_many_requests").await;
}

#[tokio::test]
async fn login_bad_bodies_name_their_fields() {
    let app = spawn_app().await;
    let res = app.post_json("/api/v1/auth/login", &json!({"email": "a@kenshu.test"}), None).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["password"]);
    let res = app.post_json("/api/v1/auth/login", &json!({"email": 42, "password": "x"}), None).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["email"]);
    let res = app.post_json("/api/v1/auth/login", &json!({"email": "", "password": ""}), None).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["email", "password"]);
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body("email=a&password=b")
        .send()
        .await
        .unwrap();
    assert_problem(res, 415, "unsupported_media_type").await;
}

#[tokio::test]
async fn staff_endpoints_need_a_valid_token() {
    let app = spawn_app().await;
    // Tokens below speak for account 1, which must exist and be enabled.
    app.create_user("a@kenshu.test", Role::Staff).await;
    assert_problem(app.get("/api/v1/admin/trainings").await, 401, "unauthorized").await;
    assert_problem(app.get_auth("/api/v1/admin/trainings", "not.a.jwt").await, 401, "invalid_token").await;

    // Signed with another secret.
    let forged = token_with("another-secret-another-secret-12345", 3600);
    assert_problem(app.get_auth("/api/v1/admin/trainings", &forged).await, 401, "invalid_token").await;

    let expired = token_with(JWT_SECRET, -3600);
    assert_problem(app.get_auth("/api/v1/admin/trainings", &expired).await, 401, "token_expired").await;

    let valid = token_with(JWT_SECRET, 3600);
    assert_eq!(app.get_auth("/api/v1/admin/trainings", &valid).await.status(), 200);
}

fn token_with(secret: &str, expires_in_secs: i64) -> String {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let claims = json!({"sub": "1", "email": "a@kenshu.test", "role": "staff", "iat": now, "exp": now + expires_in_secs, "iss": "kenshu"});
    encode(&Header::default(), &claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap()
}

#[tokio::test]
async fn the_prefecture_reads_but_cannot_change_trainings() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let prefecture = app.token(Role::Prefecture).await;
    let created = app.create_training(&staff, &training_input()).await;
    let id = created["id"].as_i64().unwrap();
    assert_eq!(app.get_auth(&format!("/api/v1/admin/trainings/{id}"), &prefecture).await.status(), 200);
    let res = app.post_json("/api/v1/admin/trainings", &training_input(), Some(&prefecture)).await;
    assert_problem(res, 403, "forbidden").await;
    let res = app.post_empty(&format!("/api/v1/admin/trainings/{id}/publish"), &prefecture).await;
    assert_problem(res, 403, "forbidden").await;
    assert_eq!(app.count_trainings().await, 1);
}
