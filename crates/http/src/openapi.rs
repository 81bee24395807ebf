//! The OpenAPI document: collected from the registered routes, printed by `kenshu openapi`,
//! served at `/api/v1/openapi.json`, committed as `openapi.yaml`.

use actix_web::App;
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::error::{FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kenshu API",
        description = "研修の公開・申込・出席確認・受講証明書のためのAPI。エラーはすべて application/problem+json で、`code` は機械向けの安定した識別子、`title` と `errors[].message` は日本語です。",
        license(name = "MIT"),
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerAuth),
    tags(
        (name = "trainings", description = "公開中の研修"),
        (name = "applications", description = "研修への申込"),
        (name = "my_page", description = "マイページ（メールに記載の鍵で開く）"),
        (name = "eligibility", description = "実践研修の受講要件の判定（保存しない）"),
        (name = "practical", description = "実践研修（サビ管・児発管）への申込"),
        (name = "certificates", description = "証明書の真偽の確認（公開）"),
        (name = "auth", description = "事務局ログイン"),
        (name = "admin", description = "事務局の操作"),
        (name = "rosters", description = "名簿の出力（事務局・都道府県）"),
        (name = "operations", description = "運用"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("事務局アカウントのトークン（POST /api/v1/auth/login の access_token）。"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "api_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("kenshu_pat")
                    .description(Some(
                        "管理者が発行するAPIトークン（kenshu_pat_…）。スコープ trainings:read, applications:read, \
                         applications:write, rosters:read のうち、各操作の security に書かれたものが必要です。api_token が書かれていない操作（管理者専用の操作など）には使えません。",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::session::COOKIE,
                "画面（SPA）のセッション。ログインで設定される HttpOnly・SameSite=Strict のクッキーです。\
                 POST・PUT・PATCH・DELETE には、ログインまたは GET /api/v1/auth/session が返す csrf_token を \
                 X-CSRF-Token ヘッダーで送ってください。",
            ))),
        );
    }
}

/// Staff operations take a staff sign-in (bearer JWT or the session cookie), and an API
/// token when `auth::scopes` opens them to one: that requirement names the scope it needs.
/// Public operations list none.
fn mark_secured(doc: &mut OpenApiDoc) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let staff = path.starts_with("/api/v1/admin")
            || path == "/api/v1/rosters"
            || path.starts_with("/api/v1/rosters/")
            || path == "/api/v1/auth/session"
            || path == "/api/v1/auth/logout";
        if !staff {
            continue;
        }
        let operations = [
            ("GET", &mut item.get),
            ("PUT", &mut item.put),
            ("POST", &mut item.post),
            ("DELETE", &mut item.delete),
            ("PATCH", &mut item.patch),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else { continue };
            let mut requirements = vec![
                SecurityRequirement::new("bearer", Vec::<String>::new()),
                SecurityRequirement::new("session_cookie", Vec::<String>::new()),
            ];
            if let Some(scope) = crate::auth::scopes::required(method, path) {
                requirements.push(SecurityRequirement::new("api_token", [scope.as_str()]));
            }
            operation.security = Some(requirements);
        }
    }
}

/// The base document, before routes add their paths.
pub fn base() -> OpenApiDoc {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc
}

/// The full document, built from the same route registration as the server.
pub fn document() -> OpenApiDoc {
    let (_, doc) = App::new()
        .into_utoipa_app()
        .openapi(base())
        .configure(|cfg| crate::routes::operations(cfg))
        .service(utoipa_actix_web::scope("/api/v1").configure(|cfg| crate::routes::api_v1(cfg)))
        .split_for_parts();
    let mut doc = doc;
    mark_secured(&mut doc);
    doc
}

/// `GET /api/v1/openapi.json`: the document as JSON, built on the first request and kept as
/// text. Not built at start and no utoipa structure kept alive (issue 13, item 14).
pub async fn json() -> actix_web::HttpResponse {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let json = JSON.get_or_init(|| serde_json::to_string(&document()).expect("the OpenAPI document serialises"));
    actix_web::HttpResponse::Ok().content_type("application/json").body(json.as_str())
}

/// What `kenshu openapi` prints and `openapi.yaml` holds.
pub fn yaml() -> String {
    document().to_yaml().expect("the OpenAPI document serialises")
}
