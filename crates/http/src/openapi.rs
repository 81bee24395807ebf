//! The OpenAPI document: collected from the registered routes, printed by `kenshu openapi`,
//! served at `/api/v1/openapi.json`, committed as `openapi.yaml`.

use actix_web::App;
use utoipa::openapi::schema::{AdditionalProperties, ArrayItems, KnownFormat, Schema, SchemaFormat, SchemaType, Type};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::openapi::RefOr;
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
    state_shared_rules(&mut doc);
    doc
}

/// What the control-character net of every JSON body (`json_shape::control_characters_in`)
/// lets through: any text but control characters, line breaks excepted. Each field's own
/// rule (one line, length, format) is narrower; the net is what every field shares.
pub const BODY_TEXT_PATTERN: &str = r"^[^\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]*$";

/// Rules the server applies to every field of a kind, stated where the derive cannot:
/// - every string of a request body that has no format, choice or pattern of its own gets
///   [`BODY_TEXT_PATTERN`];
/// - an unsigned 32-bit integer (utoipa writes `int32, minimum 0`, which would promise no
///   more than 2³¹−1) is stated as what serde takes: 0 to 4294967295.
fn state_shared_rules(doc: &mut OpenApiDoc) {
    let mut in_bodies = std::collections::BTreeSet::new();
    for item in doc.paths.paths.values_mut() {
        for op in
            [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch].into_iter().flatten()
        {
            for parameter in op.parameters.iter_mut().flatten() {
                if let Some(schema) = parameter.schema.as_mut() {
                    state_rules(schema, false);
                }
            }
            for content in op.request_body.iter_mut().flat_map(|b| b.content.values_mut()) {
                if let Some(schema) = content.schema.as_mut() {
                    referenced(schema, &mut in_bodies);
                    state_rules(schema, true);
                }
            }
        }
    }
    let Some(components) = doc.components.as_mut() else { return };
    // Schemas a body refers to, and the ones they refer to in turn.
    let mut pending: Vec<String> = in_bodies.iter().cloned().collect();
    while let Some(name) = pending.pop() {
        let mut found = std::collections::BTreeSet::new();
        if let Some(schema) = components.schemas.get(&name) {
            referenced(schema, &mut found);
        }
        for name in found {
            if in_bodies.insert(name.clone()) {
                pending.push(name);
            }
        }
    }
    for (name, schema) in components.schemas.iter_mut() {
        state_rules(schema, in_bodies.contains(name));
    }
}

fn children(schema: &mut Schema) -> Vec<&mut RefOr<Schema>> {
    match schema {
        Schema::Object(o) => {
            let mut out: Vec<&mut RefOr<Schema>> = o.properties.values_mut().collect();
            if let Some(AdditionalProperties::RefOr(r)) = o.additional_properties.as_deref_mut() {
                out.push(r);
            }
            out
        }
        Schema::Array(a) => match &mut a.items {
            ArrayItems::RefOrSchema(item) => vec![item.as_mut()],
            ArrayItems::False => vec![],
        },
        Schema::OneOf(x) => x.items.iter_mut().collect(),
        Schema::AllOf(x) => x.items.iter_mut().collect(),
        Schema::AnyOf(x) => x.items.iter_mut().collect(),
        _ => vec![],
    }
}

fn referenced(schema: &RefOr<Schema>, out: &mut std::collections::BTreeSet<String>) {
    let mut schema = schema.clone();
    match &mut schema {
        RefOr::Ref(r) => {
            out.insert(r.ref_location.rsplit('/').next().unwrap_or_default().to_owned());
        }
        RefOr::T(s) => {
            for child in children(s) {
                referenced(child, out);
            }
        }
    }
}

fn state_rules(schema: &mut RefOr<Schema>, in_body: bool) {
    let RefOr::T(schema) = schema else { return };
    if let Schema::Object(o) = schema {
        let has = |t: Type| match &o.schema_type {
            SchemaType::Type(x) => *x == t,
            SchemaType::Array(types) => types.contains(&t),
            SchemaType::AnyValue => false,
        };
        let zero = |n: &utoipa::Number| {
            matches!(n, utoipa::Number::Int(0) | utoipa::Number::UInt(0))
                || matches!(n, utoipa::Number::Float(f) if *f == 0.0)
        };
        if has(Type::Integer)
            && matches!(o.format, Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
            && o.minimum.as_ref().is_some_and(zero)
            && o.maximum.is_none()
        {
            o.format = Some(SchemaFormat::KnownFormat(KnownFormat::Int64));
            o.maximum = Some(utoipa::Number::UInt(u32::MAX as usize));
        }
        if in_body && has(Type::String) && o.enum_values.is_none() && o.format.is_none() && o.pattern.is_none() {
            o.pattern = Some(BODY_TEXT_PATTERN.to_owned());
        }
    }
    for child in children(schema) {
        state_rules(child, in_body);
    }
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
