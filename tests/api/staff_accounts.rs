//! Staff accounts, the SPA's cookie session with CSRF, signing out, and API tokens.

use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, training_input, PASSWORD};
use kenshu_domain::staff::Role;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn admins_create_list_and_change_staff_accounts() {
    let app = spawn_app().await;
    let (_, admin) = app.admin().await;
    let body = json!({"email": "Shinjin@Kenshu.test", "role": "staff", "password": "atarashii-pasuwado-12"});
    let res = app.post_json(&paths::staff_users(), &body, Some(&admin)).await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["role"], "staff");
    assert_eq!(created["disabled"], false);
    let id = created["id"].as_i64().unwrap();
    let list = app.get_auth_json(&paths::staff_users(), &admin).await;
    assert!(list.as_array().unwrap().iter().any(|a| a["id"] == id));

    // The new account signs in with the password it was given.
    let res = app
        .post_json(&paths::login(), &json!({"email": "shinjin@kenshu.test", "password": "atarashii-pasuwado-12"}), None)
        .await;
    assert_eq!(res.status(), 200);
    let staff: Value = res.json().await.unwrap();
    let staff = staff["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.get_auth(&paths::admin_trainings(), &staff).await.status(), 200);

    // Demoted to the prefecture: reads, cannot write, at once.
    let res = app.post_json(&paths::staff_user_action(id, "role"), &json!({"role": "prefecture"}), Some(&admin)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.get_auth(&paths::admin_trainings(), &staff).await.status(), 200);
    let res = app.post_json(&paths::admin_trainings(), &training_input(), Some(&staff)).await;
    assert_problem(res, 403, "forbidden").await;

    // A new password ends the sessions signed in with the old one.
    let res = app
        .post_json(&paths::staff_user_action(id, "password"), &json!({"password": "mou-hitotsu-no-pw"}), Some(&admin))
        .await;
    assert_eq!(res.status(), 200);
    assert_problem(app.get_auth(&paths::admin_trainings(), &staff).await, 401, "invalid_token").await;
    let res = app
        .post_json(&paths::login(), &json!({"email": "shinjin@kenshu.test", "password": "mou-hitotsu-no-pw"}), None)
        .await;
    assert_eq!(res.status(), 200);

    // Disabled: cannot sign in; enabled again: can.
    assert_eq!(app.post_empty(&paths::staff_user_action(id, "disable"), &admin).await.status(), 200);
    let res = app
        .post_json(&paths::login(), &json!({"email": "shinjin@kenshu.test", "password": "mou-hitotsu-no-pw"}), None)
        .await;
    assert_problem(res, 401, "invalid_credentials").await;
    assert_eq!(app.post_empty(&paths::staff_user_action(id, "enable"), &admin).await.status(), 200);
    let res = app
        .post_json(&paths::login(), &json!({"email": "shinjin@kenshu.test", "password": "mou-hitotsu-no-pw"}), None)
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn bad_account_input_names_its_fields_and_stores_nothing() {
    let app = spawn_app().await;
    let (admin_email, admin) = app.admin().await;
    let before = app.get_auth_json(&paths::staff_users(), &admin).await.as_array().unwrap().len();
    let res = app
        .post_json(
            &paths::staff_users(),
            &json!({"email": "not-an-address", "role": "staff", "password": "short"}),
            Some(&admin),
        )
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["email", "password"]);
    let res = app
        .post_json(
            &paths::staff_users(),
            &json!({"email": "a@kenshu.test", "role": "owner", "password": PASSWORD}),
            Some(&admin),
        )
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["role"]);
    let res = app
        .post_json(
            &paths::staff_users(),
            &json!({"email": admin_email, "role": "staff", "password": PASSWORD}),
            Some(&admin),
        )
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["email"]);
    assert_eq!(app.get_auth_json(&paths::staff_users(), &admin).await.as_array().unwrap().len(), before);
    let res = app.post_json(&paths::staff_user_action(99_999, "role"), &json!({"role": "staff"}), Some(&admin)).await;
    assert_problem(res, 404, "staff_account_not_found").await;
}

#[tokio::test]
async fn the_last_active_admin_can_be_neither_demoted_nor_disabled() {
    let app = spawn_app().await;
    let (_, admin) = app.admin().await;
    let me = app.get_auth_json(&paths::session(), &admin).await;
    let my_id = me["user"]["id"].as_i64().unwrap();
    let res = app.post_json(&paths::staff_user_action(my_id, "role"), &json!({"role": "staff"}), Some(&admin)).await;
    let problem = assert_problem(res, 409, "last_active_admin").await;
    assert!(problem["title"].as_str().unwrap().contains("管理者"));
    assert_problem(app.post_empty(&paths::staff_user_action(my_id, "disable"), &admin).await, 409, "last_active_admin")
        .await;
    // Nothing changed: still an admin.
    assert_eq!(app.get_auth(&paths::staff_users(), &admin).await.status(), 200);

    // With a second admin, the first may step down.
    let (_, other) = app.admin().await;
    let res = app.post_json(&paths::staff_user_action(my_id, "role"), &json!({"role": "staff"}), Some(&admin)).await;
    assert_eq!(res.status(), 200);
    assert_problem(app.get_auth(&paths::staff_users(), &admin).await, 403, "forbidden").await;
    assert_eq!(app.get_auth(&paths::staff_users(), &other).await.status(), 200);
}

#[tokio::test]
async fn only_admins_manage_accounts_and_tokens() {
    let app = spawn_app().await;
    for role in [Role::Staff, Role::Prefecture] {
        let token = app.token(role).await;
        assert_problem(app.get_auth(&paths::staff_users(), &token).await, 403, "forbidden").await;
        assert_problem(app.get_auth(&paths::api_tokens(), &token).await, 403, "forbidden").await;
        let body = json!({"email": "x@kenshu.test", "role": "admin", "password": PASSWORD});
        assert_problem(app.post_json(&paths::staff_users(), &body, Some(&token)).await, 403, "forbidden").await;
    }
    assert_problem(app.get(&paths::staff_users()).await, 401, "unauthorized").await;
}

#[tokio::test]
async fn the_login_cookie_is_http_only_strict_and_scoped_to_the_api() {
    let app = spawn_app().await;
    app.create_user("cookie@kenshu.test", Role::Staff).await;
    let session = app.cookie_sign_in("cookie@kenshu.test").await;
    let attributes = session.set_cookie.to_lowercase();
    for part in ["httponly", "samesite=strict", "path=/api", "max-age=36000"] {
        assert!(attributes.contains(part), "{attributes}");
    }
    // The harness serves http://kenshu.test: not Secure.
    assert!(!attributes.contains("secure"), "{attributes}");

    // The session answers a new tab: who is signed in, and the same CSRF token.
    let res = app.with_cookie(Method::GET, &paths::session(), &session, false).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["email"], "cookie@kenshu.test");
    assert_eq!(body["user"]["role"], "staff");
    assert_eq!(body["csrf_token"], session.csrf_token.as_str());
    let res = app.with_cookie(Method::GET, &paths::admin_trainings(), &session, false).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn secure_cookies_when_the_site_is_https() {
    let app = kenshu_api_tests::spawn_app_with(|config| config.public_url = "https://kenshu.example".into()).await;
    app.create_user("tls@kenshu.test", Role::Staff).await;
    let session = app.cookie_sign_in("tls@kenshu.test").await;
    assert!(session.set_cookie.to_lowercase().contains("; secure"), "{}", session.set_cookie);
}

#[tokio::test]
async fn changes_by_cookie_need_the_sessions_csrf_token() {
    let app = spawn_app().await;
    app.create_user("csrf@kenshu.test", Role::Staff).await;
    app.create_user("other@kenshu.test", Role::Staff).await;
    let session = app.cookie_sign_in("csrf@kenshu.test").await;
    let other = app.cookie_sign_in("other@kenshu.test").await;
    let create = |csrf: Option<&str>| {
        let mut req = app.with_cookie(Method::POST, &paths::admin_trainings(), &session, false).json(&training_input());
        if let Some(csrf) = csrf {
            req = req.header("x-csrf-token", csrf);
        }
        req.send()
    };
    let problem = assert_problem(create(None).await.unwrap(), 403, "csrf_token_invalid").await;
    assert!(problem["title"].as_str().unwrap().contains("再読み込み"));
    assert_problem(create(Some("00ff")).await.unwrap(), 403, "csrf_token_invalid").await;
    // Another session's token does not fit this one.
    assert_problem(create(Some(&other.csrf_token)).await.unwrap(), 403, "csrf_token_invalid").await;
    assert_eq!(app.count_trainings().await, 0);
    assert_eq!(create(Some(&session.csrf_token)).await.unwrap().status(), 201);
    // A bearer token needs no CSRF token.
    let bearer = app.sign_in("csrf@kenshu.test").await;
    assert_eq!(app.post_json(&paths::admin_trainings(), &training_input(), Some(&bearer)).await.status(), 201);
}

#[tokio::test]
async fn signing_out_ends_every_session_of_the_account() {
    let app = spawn_app().await;
    app.create_user("out@kenshu.test", Role::Staff).await;
    let first = app.cookie_sign_in("out@kenshu.test").await;
    let second = app.cookie_sign_in("out@kenshu.test").await;
    let bearer = app.sign_in("out@kenshu.test").await;
    let res = app.with_cookie(Method::POST, &paths::logout(), &first, false).send().await.unwrap();
    assert_problem(res, 403, "csrf_token_invalid").await;
    let res = app.with_cookie(Method::POST, &paths::logout(), &first, true).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let cleared = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_lowercase();
    assert!(cleared.starts_with("kenshu_session=;") && cleared.contains("max-age=0"), "{cleared}");
    for session in [&first, &second] {
        let res = app.with_cookie(Method::GET, &paths::session(), session, false).send().await.unwrap();
        assert_problem(res, 401, "invalid_token").await;
    }
    assert_problem(app.get_auth(&paths::admin_trainings(), &bearer).await, 401, "invalid_token").await;
    // Signing in again works.
    let again = app.cookie_sign_in("out@kenshu.test").await;
    let res = app.with_cookie(Method::GET, &paths::session(), &again, false).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_disabled_account_loses_its_cookie_session_at_once() {
    let app = spawn_app().await;
    let (_, admin) = app.admin().await;
    app.create_user("leaving@kenshu.test", Role::Staff).await;
    let session = app.cookie_sign_in("leaving@kenshu.test").await;
    let res = app.with_cookie(Method::GET, &paths::session(), &session, false).send().await.unwrap();
    let id = res.json::<Value>().await.unwrap()["user"]["id"].as_i64().unwrap();
    assert_eq!(app.post_empty(&paths::staff_user_action(id, "disable"), &admin).await.status(), 200);
    let res = app.with_cookie(Method::GET, &paths::admin_trainings(), &session, false).send().await.unwrap();
    assert_problem(res, 401, "invalid_token").await;
    let res = app.with_cookie(Method::POST, &paths::admin_trainings(), &session, true).json(&training_input()).send();
    assert_problem(res.await.unwrap(), 401, "invalid_token").await;
}

#[tokio::test]
async fn a_stale_cookie_does_not_break_public_pages() {
    let app = spawn_app().await;
    app.create_user("stale@kenshu.test", Role::Staff).await;
    let session = app.cookie_sign_in("stale@kenshu.test").await;
    let res = app.with_cookie(Method::POST, &paths::logout(), &session, true).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let res = app.with_cookie(Method::GET, &paths::trainings(), &session, false).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn api_tokens_are_shown_once_stored_hashed_and_scoped() {
    let app = spawn_app().await;
    let (_, admin) = app.admin().await;
    let body = json!({"name": "会員管理システム", "scopes": ["trainings:read", "applications:read"]});
    let res = app.post_json(&paths::api_tokens(), &body, Some(&admin)).await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("kenshu_pat_") && secret.len() == "kenshu_pat_".len() + 43, "{secret}");
    assert_eq!(created["token"]["scopes"], json!(["trainings:read", "applications:read"]));
    assert!(secret.starts_with(created["token"]["prefix"].as_str().unwrap()));

    // Listed without its secret; only its hash is stored.
    let list = app.get_auth_json(&paths::api_tokens(), &admin).await;
    assert!(!list.to_string().contains(&secret));
    assert!(list[0]["last_used_at"].is_null());
    let stored = kenshu_persistence::repos::api_tokens::list(&app.state.db).await.unwrap();
    assert_eq!(stored.len(), 1);
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.state.db.get_database_backend();
    let row = app
        .state
        .db
        .query_one(Statement::from_string(backend, "SELECT secret_hash FROM api_tokens"))
        .await
        .unwrap()
        .unwrap();
    let hash: String = row.try_get("", "secret_hash").unwrap();
    use sha2::Digest;
    assert_eq!(hash, format!("{:x}", sha2::Sha256::digest(secret.as_bytes())));

    // Its scope opens reads of trainings; no scope opens writes, admin routes or the session.
    assert_eq!(app.get_auth(&paths::admin_trainings(), &secret).await.status(), 200);
    let res = app.post_json(&paths::admin_trainings(), &training_input(), Some(&secret)).await;
    assert_problem(res, 403, "not_for_api_tokens").await;
    assert_problem(app.get_auth(&paths::staff_users(), &secret).await, 403, "not_for_api_tokens").await;
    assert_problem(app.get_auth(&paths::api_tokens(), &secret).await, 403, "not_for_api_tokens").await;
    assert_problem(app.get_auth(&paths::session(), &secret).await, 403, "not_for_api_tokens").await;
    let created = app.create_training(&admin, &training_input()).await;
    let certificates = paths::api(&format!("/admin/trainings/{}/certificates", created["id"]));
    let problem = assert_problem(app.get_auth(&certificates, &secret).await, 403, "insufficient_scope").await;
    assert!(problem["detail"].as_str().unwrap().contains("rosters:read"), "{problem}");

    // Its use is noted.
    let list = app.get_auth_json(&paths::api_tokens(), &admin).await;
    assert!(list[0]["last_used_at"].is_string(), "{list}");

    // Revoked: fails at once.
    let id = list[0]["id"].as_i64().unwrap();
    let res = app.post_empty(&paths::revoke_api_token(id), &admin).await;
    assert_eq!(res.status(), 200);
    assert_problem(app.get_auth(&paths::admin_trainings(), &secret).await, 401, "api_token_revoked").await;
    assert_problem(app.get_auth(&paths::admin_trainings(), "kenshu_pat_unknown").await, 401, "invalid_token").await;
    assert_problem(app.post_empty(&paths::revoke_api_token(99_999), &admin).await, 404, "api_token_not_found").await;
}

#[tokio::test]
async fn an_expired_api_token_fails_with_its_own_problem() {
    let app = spawn_app().await;
    let (_, admin) = app.admin().await;
    let soon = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    let body = json!({"name": "期限つき", "scopes": ["trainings:read"],
        "expires_at": soon.format(&time::format_description::well_known::Rfc3339).unwrap()});
    let res = app.post_json(&paths::api_tokens(), &body, Some(&admin)).await;
    assert_eq!(res.status(), 201);
    let secret = res.json::<Value>().await.unwrap()["secret"].as_str().unwrap().to_owned();
    assert_eq!(app.get_auth(&paths::admin_trainings(), &secret).await.status(), 200);
    app.state.clock.pin(Some(soon + time::Duration::seconds(1)));
    let problem =
        assert_problem(app.get_auth(&paths::admin_trainings(), &secret).await, 401, "api_token_expired").await;
    assert!(problem["title"].as_str().unwrap().contains("有効期限"));
}

#[tokio::test]
async fn bad_token_input_names_its_fields_and_stores_nothing() {
    let app = spawn_app().await;
    let (_, admin) = app.admin().await;
    let body =
        json!({"name": "", "scopes": ["trainings:read", "trainings:write"], "expires_at": "2001-01-01T00:00:00+09:00"});
    let problem =
        assert_problem(app.post_json(&paths::api_tokens(), &body, Some(&admin)).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["name", "scopes[1]", "expires_at"]);
    let body = json!({"name": "空", "scopes": []});
    let problem =
        assert_problem(app.post_json(&paths::api_tokens(), &body, Some(&admin)).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["scopes"]);
    assert!(app.get_auth_json(&paths::api_tokens(), &admin).await.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_token_never_acts_as_an_admin() {
    let app = spawn_app().await;
    let secret = app.api_token(&["trainings:read", "applications:read", "applications:write", "rosters:read"]).await;
    for path in [paths::staff_users(), paths::api_tokens()] {
        assert_problem(app.get_auth(&path, &secret).await, 403, "not_for_api_tokens").await;
    }
    let res = app.client.put(app.url(&paths::api("/admin/organiser"))).bearer_auth(&secret).send().await.unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let app = spawn_app().await;
    let (_, first) = app.admin().await;
    let (_, second) = app.admin().await;
    let id_of = |token: String| {
        let app = &app;
        async move { app.get_auth_json(&paths::session(), &token).await["user"]["id"].as_i64().unwrap() }
    };
    let (first_id, second_id) = (id_of(first.clone()).await, id_of(second.clone()).await);
    let demote = |token: String, id: i64| {
        let app = &app;
        async move {
            app.post_json(&paths::staff_user_action(id, "role"), &json!({"role": "staff"}), Some(&token))
                .await
                .status()
                .as_u16()
        }
    };
    let (a, b) = tokio::join!(demote(first, second_id), demote(second, first_id));
    assert!(!(a == 200 && b == 200), "both demotions went through: {a} {b}");
    let active_admins = kenshu_persistence::repos::staff_users::count_active_admins(&app.state.db).await.unwrap();
    assert_eq!(active_admins, 1, "{a} {b}");
}
