//! Request extractors that answer with problem documents: a JSON body that names the bad
//! field, and pagination.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest};
use kenshu_domain::ErrorCode;
use kenshu_domain::FieldIssue;
use kenshu_persistence::repos::Page;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::error::AppError;
use crate::transport::body::{check_declared_length, mime_of, read_body, unsupported_media_type};

/// The largest JSON body accepted (a training with many schedules fits easily).
pub const JSON_LIMIT: usize = 64 * 1024;

/// A JSON body. Unlike `web::Json`, every failure is a problem document: 415 for another
/// content type, 413 past [`JSON_LIMIT`] (both from [`JsonBytes`]), 400 for broken JSON, 422
/// naming the field whose value has the wrong type or is missing.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + ToSchema + 'static> FromRequest for JsonBody<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let bytes = JsonBytes::from_request(req, payload);
        Box::pin(async move { bytes.await?.parse().map(JsonBody) })
    }
}

/// A JSON body read but not yet parsed, with its content type and size checked (415, 413;
/// [`JsonBody`] reads through it). The handler parses it with [`JsonBytes::parse`] when it
/// needs its content. A handler that can answer without the content (the refusals
/// from memory after a sell-out, issue 13 item 9) asks [`JsonBytes::surely_accepted`]
/// instead, at a fraction of the cost.
pub struct JsonBytes(Bytes);

impl FromRequest for JsonBytes {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let mime = mime_of(req);
        let is_json = mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"));
        let declared = check_declared_length(req, JSON_LIMIT);
        let payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(unsupported_media_type("application/json"));
            }
            declared?;
            read_body(payload, JSON_LIMIT).await.map(JsonBytes)
        })
    }
}

impl JsonBytes {
    /// The body as [`JsonBody`] extracts it: the same checks, the same problems.
    pub fn parse<T: DeserializeOwned + ToSchema + 'static>(&self) -> Result<T, AppError> {
        parse_json(&self.0)
    }

    /// `true` only when [`JsonBytes::parse`] would accept the body as a `T`; `false`: it
    /// might not, ask it. Decided by serde reading the bytes straight into a `T`, without
    /// the `Value` and the schema walks: sound for a `T` whose documented schema asks
    /// nothing serde does not (every required field is one serde requires, no format or
    /// enum serde does not check), as `ApplicationForm`'s (tested in `extract::tests`).
    /// Debug builds check every `true` against [`JsonBytes::parse`].
    pub fn surely_accepted<T: DeserializeOwned + ToSchema + 'static>(&self) -> bool {
        let accepted = !may_hold_control_characters(&self.0) && serde_json::from_slice::<T>(&self.0).is_ok();
        debug_assert!(!accepted || self.parse::<T>().is_ok(), "a body serde reads that the checks refuse");
        accepted
    }
}

/// Parses and checks a body: broken JSON is a 400; then every missing or mistyped field
/// and every string with a control character is reported at once (from the documented
/// schema); serde reads what is left.
pub(crate) fn parse_json<T: DeserializeOwned + ToSchema + 'static>(body: &[u8]) -> Result<T, AppError> {
    let mut value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| AppError::new(ErrorCode::MalformedJson).with_detail(e.to_string()))?;
    integral_numbers_as_integers(&mut value);
    let mut issues = if may_hold_control_characters(body) {
        crate::json_shape::control_characters_in::<T>(&value)
    } else {
        Vec::new()
    };
    issues.extend(crate::json_shape::check::<T>(&value));
    if !issues.is_empty() {
        return Err(AppError::validation(issues));
    }
    // The body is parsed once: serde reads the value already checked above, and reads it
    // again tracking the path only to name the field of a failure.
    T::deserialize(&value).or_else(|_| {
        serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
            let path = err.path().to_string();
            AppError::validation(vec![data_issue(&path, &err.into_inner().to_string())])
        })
    })
}

/// Whether a string of a JSON body that parsed can hold a control character (U+0000–U+001F,
/// U+007F–U+009F): below U+0020 only through an escape (serde_json refuses them raw), so
/// only a body with a backslash, a raw DEL or a raw C1 character (UTF-8 `C2 80`–`C2 9F`) can.
/// Most bodies have none of them and skip the walk for control characters. `contains` on
/// bytes searches a word at a time: three quick passes cost less than one byte by byte.
fn may_hold_control_characters(body: &[u8]) -> bool {
    body.contains(&b'\\')
        || body.contains(&0x7f)
        || (body.contains(&0xc2) && body.windows(2).any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1])))
}

/// JSON has one kind of number: `3.0` is the integer 3 (as JSON Schema counts it), so a
/// number with no fractional part is read as an integer wherever it stands. Past the range
/// of `i64` it stays as it was.
fn integral_numbers_as_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            // Both bounds are exactly representable; `as` is exact inside them.
            if f.fract() == 0.0 && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) {
                *value = serde_json::Value::from(f as i64);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

/// Turns serde's message into a field issue in Japanese.
fn data_issue(path: &str, message: &str) -> FieldIssue {
    let parent = if path == "." { "" } else { path };
    let join = |name: &str| if parent.is_empty() { name.to_owned() } else { format!("{parent}.{name}") };
    let quoted = |m: &str| m.split('`').nth(1).map(str::to_owned);
    if message.starts_with("missing field") {
        let name = quoted(message).unwrap_or_default();
        FieldIssue::new(join(&name), "required", "入力してください")
    } else if message.starts_with("unknown variant") {
        let allowed = message.split("expected ").nth(1).unwrap_or("").split(" at line").next().unwrap_or("");
        FieldIssue::new(parent, "invalid_choice", format!("選択肢から選んでください（{}）", allowed.replace('`', "")))
    } else if message.starts_with("invalid type") {
        FieldIssue::new(parent, "invalid_type", "値の形式が正しくありません")
    } else {
        FieldIssue::new(parent, "invalid", "値が正しくありません")
    }
}

/// `?page=1&per_page=20`; pages start at 1, at most 100 items a page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, 1–100000.
    #[param(minimum = 1, maximum = 100_000, example = 1)]
    pub page: Option<u64>,
    /// Items per page, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100, example = 20)]
    pub per_page: Option<u64>,
}

impl PageQuery {
    pub fn page(&self) -> Result<Page, AppError> {
        let mut issues = Vec::new();
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(20);
        if page == 0 || page > 100_000 {
            issues.push(FieldIssue::new("page", "range", "ページは1〜100000で指定してください"));
        }
        if !(1..=100).contains(&per_page) {
            issues.push(FieldIssue::new("per_page", "range", "1ページの件数は1〜100で指定してください"));
        }
        if issues.is_empty() {
            Ok(Page { page, per_page })
        } else {
            Err(AppError::validation(issues))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, ToSchema)]
    #[allow(dead_code)]
    struct Inner {
        capacity: i32,
    }

    #[derive(Debug, Deserialize, ToSchema)]
    #[allow(dead_code)]
    struct Outer {
        title: String,
        items: Vec<Inner>,
    }

    #[test]
    fn type_errors_name_the_nested_field() {
        let err = parse_json::<Outer>(br#"{"title":"x","items":[{"capacity":1},{"capacity":"many"}]}"#).unwrap_err();
        assert_eq!(err.errors[0].field, "items[1].capacity");
        assert_eq!(err.errors[0].code, "invalid_type");
    }

    #[test]
    fn missing_fields_are_named() {
        let err = parse_json::<Outer>(br#"{"items":[]}"#).unwrap_err();
        assert_eq!((err.errors[0].field.as_str(), err.errors[0].code), ("title", "required"));
        let err = parse_json::<Outer>(br#"{"title":"x","items":[{}]}"#).unwrap_err();
        assert_eq!(err.errors[0].field, "items[0].capacity");
    }

    #[test]
    fn a_control_character_in_any_string_is_a_field_issue() {
        let err = parse_json::<Outer>(br#"{"title":"x\u0000","items":[{"capacity":"1"}]}"#).unwrap_err();
        let fields: Vec<(&str, &str)> = err.errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(fields, [("title", "control_character"), ("items[0].capacity", "invalid_type")]);
        assert!(parse_json::<Outer>(b"{\"title\":\"a\\nb\",\"items\":[]}").is_ok(), "line breaks pass the net");
    }

    #[test]
    fn control_characters_written_raw_are_found_without_an_escape_in_the_body() {
        for raw in ["\u{7f}", "\u{80}", "\u{85}", "\u{9f}"] {
            let body = format!(r#"{{"title":"研修{raw}","items":[]}}"#);
            assert!(!body.contains('\\'));
            let err = parse_json::<Outer>(body.as_bytes()).expect_err(raw);
            assert_eq!((err.errors[0].field.as_str(), err.errors[0].code), ("title", "control_character"), "{raw:?}");
        }
        // Neighbours of the C1 range in UTF-8 (U+00A0, U+0100 and U+0140 end in A0, 80 and 80).
        for clean in ["\u{a0}", "\u{100}", "\u{140}", "札幌 花子"] {
            let body = format!(r#"{{"title":"{clean}","items":[]}}"#);
            assert!(parse_json::<Outer>(body.as_bytes()).is_ok(), "{clean:?}");
        }
    }

    #[test]
    fn members_the_schema_does_not_name_are_ignored_even_with_control_characters() {
        let body = br#"{"title":"x","items":[{"capacity":1,"\u0001":"\u0002"}],"extra\u0000":["\u0003"]}"#;
        assert!(parse_json::<Outer>(body).is_ok());
    }

    #[test]
    fn a_number_without_a_fraction_is_an_integer() {
        let parsed = parse_json::<Outer>(br#"{"title":"x","items":[{"capacity":3.0},{"capacity":-0.0}]}"#).unwrap();
        assert_eq!(parsed.items.len(), 2);
        let err = parse_json::<Outer>(br#"{"title":"x","items":[{"capacity":2.5}]}"#).unwrap_err();
        assert_eq!((err.errors[0].field.as_str(), err.errors[0].code), ("items[0].capacity", "invalid_type"));
    }

    #[test]
    fn broken_json_is_a_400() {
        let err = parse_json::<Outer>(br#"{"title":"#).unwrap_err();
        assert_eq!((err.status().as_u16(), err.code), (400, ErrorCode::MalformedJson));
        let err = parse_json::<Outer>(br#"{"title":"x","items":[]} trailing"#).unwrap_err();
        assert_eq!(err.code, ErrorCode::MalformedJson);
    }

    /// The SPA's body and bodies the checks refuse: only the first is surely accepted.
    #[test]
    fn the_quick_read_of_a_form_accepts_the_spa_s_body_and_nothing_the_checks_refuse() {
        use kenshu_domain::application::ApplicationForm;
        let quick =
            |body: &str| JsonBytes(Bytes::copy_from_slice(body.as_bytes())).surely_accepted::<ApplicationForm>();
        let spa = r#"{"member":"non_member","full_name":"札幌 花子","workplace":"有限会社谷川企画","phone":"0123-45-6789","email":"a@example.jp","email_confirmation":"a@example.jp","privacy_consent":true,"checklist_answers":null}"#;
        assert!(quick(spa));
        assert!(parse_json::<ApplicationForm>(spa.as_bytes()).is_ok());
        for refused in [
            spa.replace(r#""phone":"0123-45-6789","#, ""),
            spa.replace(r#""full_name":"札幌 花子""#, r#""full_name":null"#),
            spa.replace(r#""privacy_consent":true"#, r#""privacy_consent":"true""#),
            spa.replace(r#""non_member""#, r#""guest""#),
            spa.replace("札幌", "札幌\\u0000"),
            spa.replace("札幌", "札幌\\u007f"),
            spa.replace("}", ""),
        ] {
            assert!(!quick(&refused), "{refused}");
            assert!(parse_json::<ApplicationForm>(refused.as_bytes()).is_err(), "{refused}");
        }
    }

    mod quick_read {
        use super::*;
        use kenshu_domain::application::ApplicationForm;
        use proptest::prelude::*;
        use serde_json::Value;

        fn any_value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                any::<i64>().prop_map(Value::from),
                (-1e6f64..1e6).prop_map(Value::from),
                "[a-z@. -]{0,8}".prop_map(Value::from),
                prop::sample::select(vec![
                    "member",
                    "non_member",
                    "髙橋 𠮷子",
                    "a\u{0}b",
                    "x\u{7f}y",
                    "c\u{85}",
                    "\"\\",
                    ""
                ])
                .prop_map(Value::from),
            ];
            leaf.prop_recursive(3, 16, 4, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                    prop::collection::vec(("[a-z_]{1,6}", inner), 0..3)
                        .prop_map(|fields| Value::Object(fields.into_iter().collect())),
                ]
            })
        }

        /// A field: mostly a value of its own type, else anything or nothing.
        fn field(valid: impl Strategy<Value = Value> + 'static) -> impl Strategy<Value = Option<Value>> {
            prop_oneof![6 => valid.prop_map(Some), 3 => any_value().prop_map(Some), 1 => Just(None)]
        }

        fn text() -> impl Strategy<Value = Value> {
            prop_oneof!["[a-z0-9@. -]{0,12}".prop_map(Value::from), Just(Value::from("札幌 花子"))]
        }

        prop_compose! {
            fn form_body()(
                member in field(prop::sample::select(vec!["member", "non_member"]).prop_map(Value::from)),
                full_name in field(text()),
                job_title in field(prop_oneof![text(), Just(Value::Null)]),
                workplace in field(text()),
                phone in field(text()),
                email in field(text()),
                email_confirmation in field(text()),
                privacy_consent in field(any::<bool>().prop_map(Value::from)),
                checklist_answers in field(prop_oneof![
                    Just(Value::Null),
                    prop::collection::vec(prop::option::of(any::<bool>()), 0..40).prop_map(|a| serde_json::json!(a)),
                ]),
                extra in field(any_value()),
                twice in any::<bool>(),
            ) -> String {
                let named = [
                    ("member", member), ("full_name", full_name), ("job_title", job_title),
                    ("workplace", workplace), ("phone", phone), ("email", email),
                    ("email_confirmation", email_confirmation), ("privacy_consent", privacy_consent),
                    ("checklist_answers", checklist_answers), ("extra", extra),
                ];
                let object: serde_json::Map<String, Value> =
                    named.into_iter().filter_map(|(name, value)| Some((name.to_owned(), value?))).collect();
                let body = Value::Object(object).to_string();
                // A member written twice: serde's derive refuses it, the `Value` keeps the last.
                if twice { body.replacen('{', r#"{"phone":"1","#, 1) } else { body }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]

            /// Soundness of the refusals from memory: a body the quick read accepts is one the
            /// full checks accept too, as the same form.
            #[test]
            fn a_form_the_quick_read_accepts_passes_every_check(body in form_body()) {
                let quick = JsonBytes(Bytes::copy_from_slice(body.as_bytes()));
                if quick.surely_accepted::<ApplicationForm>() {
                    let checked = parse_json::<ApplicationForm>(body.as_bytes());
                    prop_assert!(checked.is_ok(), "{body}: {:?}", checked.err().map(|e| e.errors));
                    let read: ApplicationForm = serde_json::from_str(&body).unwrap();
                    prop_assert_eq!(serde_json::to_value(read).unwrap(), serde_json::to_value(checked.unwrap()).unwrap());
                }
            }
        }
    }
}
