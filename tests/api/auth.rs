use jsonwebtoken::{encode, EncodingKey, Header};
use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, training_input, TestApp, JWT_SECRET, PASSWORD};
use kenshu_domain::staff::Role;
use serde_json::{json, Value};

/// A sign-in attempt with this body.
async fn login(app: &TestApp, body: Value) -> reqwest::Response {
    app.post_json(&paths::login(), &body, None).await
}

#[tokio::test]
async fn staff_sign_in_and_use_the_token() {
    let app = spawn_app().await;
    app.create_user("jimukyoku@kenshu.test", Role::Staff).await;
    let res = login(&app, json!({"email": "Jimukyoku@Kenshu.test", "password": PASSWORD})).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["user"]["role"], "staff");
    assert_eq!(body["user"]["email"], "jimukyoku@kenshu.test");
    assert!(body["expires_at"].as_str().unwrap().ends_with("+09:00"));
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(app.get_auth(&paths::admin_trainings(), token).await.status(), 200);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    app.create_user("jimukyoku@kenshu.test", Role::Staff).await;
    let wrong = login(&app, json!({"email": "jimukyoku@kenshu.test", "password": "not it at all"})).await;
    let wrong = assert_problem(wrong, 401, "invalid_credentials").await;
    let unknown = login(&app, json!({"email": "nobody@kenshu.test", "password": "not it at all"})).await;
    let unknown = assert_problem(unknown, 401, "invalid_credentials").await;
    assert_eq!(wrong, unknown);
}

#[tokio::test]
async fn login_attempts_are_rate_limited() {
    let app = spawn_app().await;
    let attempt = || login(&app, json!({"email": "target@kenshu.test", "password": "guess"}));
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
    let res = login(&app, json!({"email": "a@kenshu.test"})).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["password"]);
    let res = login(&app, json!({"email": 42, "password": "x"})).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["email"]);
    let res = login(&app, json!({"email": "", "password": ""})).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["email", "password"]);
    let res = app.post_raw(&paths::login(), "text/plain", "email=a&password=b", None).await;
    assert_problem(res, 415, "unsupported_media_type").await;
}

#[tokio::test]
async fn staff_endpoints_need_a_valid_token() {
    let app = spawn_app().await;
    // Tokens below speak for account 1, which must exist and be enabled.
    app.create_user("a@kenshu.test", Role::Staff).await;
    let trainings = paths::admin_trainings();
    assert_problem(app.get(&trainings).await, 401, "unauthorized").await;
    assert_problem(app.get_auth(&trainings, "not.a.jwt").await, 401, "invalid_token").await;

    // Signed with another secret.
    let forged = token_with("another-secret-another-secret-12345", 3600);
    assert_problem(app.get_auth(&trainings, &forged).await, 401, "invalid_token").await;

    let expired = token_with(JWT_SECRET, -3600);
    assert_problem(app.get_auth(&trainings, &expired).await, 401, "token_expired").await;

    let valid = token_with(JWT_SECRET, 3600);
    assert_eq!(app.get_auth(&trainings, &valid).await.status(), 200);
}

fn token_with(secret: &str, expires_in_secs: i64) -> String {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let claims = json!({"sub": "1", "email": "a@kenshu.test", "role": "staff", "iat": now, "exp": now + expires_in_secs, "iss": "kenshu"});
    encode(&Header::default(), &claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap()
}

#[tokio::test]
async fn the_prefecture_reads_but_cannot_change_trainings() {
    let app = spawn_app().await;
    let prefecture = app.token(Role::Prefecture).await;
    let id = app.seed().training().draft().await.id;
    assert_eq!(app.get_auth(&paths::admin_training(id), &prefecture).await.status(), 200);
    let res = app.post_json(&paths::admin_trainings(), &training_input(), Some(&prefecture)).await;
    assert_problem(res, 403, "forbidden").await;
    let res = app.post_empty(&paths::publish(id), &prefecture).await;
    assert_problem(res, 403, "forbidden").await;
    assert_eq!(app.count_trainings().await, 1);
}
