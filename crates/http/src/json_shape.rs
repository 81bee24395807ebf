//! Checks a JSON body against the OpenAPI schema of its type *before* serde reads it, so
//! that every missing field and every value of the wrong type is reported at once
//! (serde stops at the first). The schema is the one the API documents, so the two agree.

use std::any::TypeId;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use kenshu_domain::text::line::{check_characters, control_character_message, Lines, CONTROL_CHARACTER};
use kenshu_domain::FieldIssue;
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};
use utoipa::openapi::schema::{ArrayItems, KnownFormat, Schema, SchemaFormat, SchemaType, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

type Components = BTreeMap<String, RefOr<Schema>>;

/// Every missing required field and wrongly typed value in `value`, as field issues.
pub fn check<T: ToSchema + 'static>(value: &Value) -> Vec<FieldIssue> {
    let documented = documented::<T>();
    let mut issues = Vec::new();
    walk(&documented.schema, value, &Path::Root, &documented.components, &mut issues, 0);
    issues
}

/// Every string in the parts of `value` that the schema of `T` describes holding a control
/// character other than a line break, as field issues: a safety net under the forms' own
/// text rules, so that no field of any body (a NUL byte cannot be stored in PostgreSQL)
/// reaches a handler with one. Members the schema does not name are not read by anyone
/// (serde skips them), so they are not judged either; a free-form part (a map, an
/// untyped value) is checked whole.
pub fn control_characters_in<T: ToSchema + 'static>(value: &Value) -> Vec<FieldIssue> {
    let documented = documented::<T>();
    let mut issues = Vec::new();
    described(&documented.schema, value, &Path::Root, &documented.components, &mut issues, 0);
    issues
}

/// Where a value sits in a body. Written out (`items[1].capacity`) only for an issue: most
/// bodies have none, and a path string per field was a good part of checking one.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Field(parent, name) => join(&parent.render(), name),
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }
}

/// The documented schema of a body type and the components it refers to.
struct Documented {
    schema: RefOr<Schema>,
    components: Components,
}

/// Built once per type: utoipa builds a schema anew on every call (hundreds of small
/// allocations for a form), and every JSON body is checked against it, refusals after a
/// sell-out included (issue 13, item 9).
fn documented<T: ToSchema + 'static>() -> Arc<Documented> {
    static BUILT: OnceLock<RwLock<HashMap<TypeId, Arc<Documented>>>> = OnceLock::new();
    let built = BUILT.get_or_init(RwLock::default);
    if let Some(found) = built.read().unwrap_or_else(PoisonError::into_inner).get(&TypeId::of::<T>()) {
        return found.clone();
    }
    let mut named = Vec::new();
    T::schemas(&mut named);
    let documented = Arc::new(Documented { schema: T::schema(), components: named.into_iter().collect() });
    built.write().unwrap_or_else(PoisonError::into_inner).entry(TypeId::of::<T>()).or_insert(documented).clone()
}

/// The control characters in the parts of `value` its schema names (object members the
/// schema does not name are skipped), each part visited where it is: nothing is copied.
fn described(
    schema: &RefOr<Schema>,
    value: &Value,
    path: &Path,
    components: &Components,
    out: &mut Vec<FieldIssue>,
    depth: u8,
) {
    if depth > 16 {
        return visit_whole(value, path, out);
    }
    let schema = match schema {
        RefOr::T(schema) => schema,
        RefOr::Ref(r) => match r.ref_location.rsplit('/').next().and_then(|name| components.get(name)) {
            Some(found) => return described(found, value, path, components, out, depth + 1),
            None => return visit_whole(value, path, out),
        },
    };
    match (schema, value) {
        (Schema::Object(object), Value::Object(fields))
            if !object.properties.is_empty() && object.additional_properties.is_none() =>
        {
            for (name, field) in fields {
                if let Some(property) = object.properties.get(name) {
                    described(property, field, &Path::Field(path, name), components, out, depth + 1);
                }
            }
        }
        (Schema::Array(array), Value::Array(items)) => match &array.items {
            ArrayItems::RefOrSchema(item) => {
                for (i, value) in items.iter().enumerate() {
                    described(item, value, &Path::Index(path, i), components, out, depth + 1);
                }
            }
            ArrayItems::False => visit_whole(value, path, out),
        },
        // `Option<Struct>`: one schema besides null.
        (Schema::OneOf(one_of), _) => {
            let mut non_null = one_of.items.iter().filter(|item| !is_null_schema(item));
            match (non_null.next(), non_null.next()) {
                (Some(only), None) => described(only, value, path, components, out, depth + 1),
                _ => visit_whole(value, path, out),
            }
        }
        _ => visit_whole(value, path, out),
    }
}

fn is_null_schema(schema: &RefOr<Schema>) -> bool {
    matches!(schema, RefOr::T(Schema::Object(o)) if o.schema_type == SchemaType::Type(Type::Null))
}

/// Every string in `value` holding a control character other than a line break, as field
/// issues, wherever it is.
pub fn control_characters(value: &Value) -> Vec<FieldIssue> {
    let mut out = Vec::new();
    visit_whole(value, &Path::Root, &mut out);
    out
}

fn visit_whole(value: &Value, path: &Path, out: &mut Vec<FieldIssue>) {
    match value {
        Value::String(text) if check_characters(text, Lines::Multi).is_err() => {
            out.push(FieldIssue::new(path.render(), CONTROL_CHARACTER, control_character_message("")))
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                visit_whole(item, &Path::Index(path, i), out);
            }
        }
        Value::Object(fields) => {
            for (name, field) in fields {
                visit_whole(field, &Path::Field(path, name), out);
            }
        }
        _ => {}
    }
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

fn walk(
    schema: &RefOr<Schema>,
    value: &Value,
    path: &Path,
    components: &Components,
    out: &mut Vec<FieldIssue>,
    depth: u8,
) {
    if depth > 16 {
        return;
    }
    let schema = match schema {
        RefOr::T(schema) => schema,
        RefOr::Ref(r) => match r.ref_location.rsplit('/').next().and_then(|name| components.get(name)) {
            Some(found) => return walk(found, value, path, components, out, depth + 1),
            None => return,
        },
    };
    match schema {
        Schema::Object(object) => {
            if value.is_null() && allows_null(&object.schema_type) {
                return;
            }
            if let Some(allowed) = &object.enum_values {
                if !allowed.contains(value) {
                    let choices: Vec<String> = allowed.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
                    out.push(FieldIssue::new(
                        path.render(),
                        "invalid_choice",
                        format!("選択肢から選んでください（{}）", choices.join(", ")),
                    ));
                }
                return;
            }
            if !matches_type(&object.schema_type, value) {
                out.push(FieldIssue::new(
                    path.render(),
                    "invalid_type",
                    type_message(&object.schema_type, &object.format),
                ));
                return;
            }
            match (&object.format, value.as_str()) {
                (Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)), Some(text))
                    if OffsetDateTime::parse(text, &Rfc3339).is_err() =>
                {
                    out.push(FieldIssue::new(path.render(), "invalid_type", DATE_TIME_MESSAGE));
                }
                (Some(SchemaFormat::KnownFormat(KnownFormat::Date)), Some(text))
                    if Date::parse(text, DATE_FORMAT).is_err() =>
                {
                    out.push(FieldIssue::new(path.render(), "invalid_type", DATE_MESSAGE));
                }
                _ => {}
            }
            if let Value::Object(fields) = value {
                for name in &object.required {
                    if fields.get(name).is_none_or(Value::is_null) {
                        out.push(FieldIssue::new(Path::Field(path, name).render(), "required", "入力してください"));
                    }
                }
                for (name, property) in &object.properties {
                    if let Some(field) = fields.get(name) {
                        walk(property, field, &Path::Field(path, name), components, out, depth + 1);
                    }
                }
            }
        }
        Schema::Array(array) => {
            if value.is_null() && allows_null(&array.schema_type) {
                return;
            }
            let Value::Array(items) = value else {
                out.push(FieldIssue::new(path.render(), "invalid_type", "一覧の形式で送信してください"));
                return;
            };
            if let ArrayItems::RefOrSchema(item_schema) = &array.items {
                for (i, item) in items.iter().enumerate() {
                    walk(item_schema, item, &Path::Index(path, i), components, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

const DATE_MESSAGE: &str = "日付の形式が正しくありません（例: 2022-06-06）";
const DATE_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");
const DATE_TIME_MESSAGE: &str = "日時の形式が正しくありません（例: 2026-12-17T18:30:00+09:00）";

fn allows_null(schema_type: &SchemaType) -> bool {
    match schema_type {
        SchemaType::Array(types) => types.contains(&Type::Null),
        SchemaType::AnyValue => true,
        SchemaType::Type(t) => *t == Type::Null,
    }
}

fn matches_type(schema_type: &SchemaType, value: &Value) -> bool {
    let one = |t: &Type| match t {
        Type::Object => value.is_object(),
        Type::String => value.is_string(),
        Type::Integer => value.is_i64() || value.is_u64(),
        Type::Number => value.is_number(),
        Type::Boolean => value.is_boolean(),
        Type::Array => value.is_array(),
        Type::Null => value.is_null(),
    };
    match schema_type {
        SchemaType::Type(t) => one(t),
        SchemaType::Array(types) => types.iter().any(one),
        SchemaType::AnyValue => true,
    }
}

fn type_message(schema_type: &SchemaType, format: &Option<SchemaFormat>) -> &'static str {
    let main = match schema_type {
        SchemaType::Type(t) => Some(t),
        SchemaType::Array(types) => types.iter().find(|t| **t != Type::Null),
        SchemaType::AnyValue => None,
    };
    match (main, format) {
        (Some(Type::String), Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))) => DATE_TIME_MESSAGE,
        (Some(Type::Integer), _) => "整数で入力してください",
        (Some(Type::Number), _) => "数値で入力してください",
        (Some(Type::Boolean), _) => "はい・いいえで指定してください",
        (Some(Type::String), _) => "文字で入力してください",
        _ => "値の形式が正しくありません",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::routes::trainings::dto::TrainingInput;

    fn fields(value: Value) -> Vec<(String, &'static str)> {
        check::<TrainingInput>(&value).into_iter().map(|i| (i.field, i.code)).collect()
    }

    #[test]
    fn an_empty_body_names_every_required_field() {
        let found = fields(json!({}));
        let names: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        for required in [
            "title",
            "organiser",
            "starts_at",
            "ends_at",
            "venue",
            "fee_yen",
            "capacity",
            "format",
            "application_opens_at",
            "application_closes_at",
            "issues_certificate",
            "checklist_required",
            "form_kind",
        ] {
            assert!(names.contains(&required), "{required} not in {names:?}");
        }
        assert!(found.iter().all(|(_, code)| *code == "required"));
        assert!(!names.contains(&"purpose"), "purpose has a default");
    }

    #[test]
    fn wrong_types_and_choices_are_all_named_with_their_paths() {
        let found = fields(json!({
            "capacity": "百", "fee_yen": 1.5, "format": "zoom", "starts_at": "2026年12月17日",
            "zoom_url": null, "issues_certificate": "yes",
            "exercise_schedules": [{"label": "第1日程", "starts_at": "x", "ends_at": "2027-01-01T09:00:00+09:00", "capacity": "多"}]
        }));
        for expected in [
            ("capacity", "invalid_type"),
            ("fee_yen", "invalid_type"),
            ("format", "invalid_choice"),
            ("starts_at", "invalid_type"),
            ("issues_certificate", "invalid_type"),
            ("exercise_schedules[0].starts_at", "invalid_type"),
            ("exercise_schedules[0].capacity", "invalid_type"),
        ] {
            assert!(found.contains(&(expected.0.to_owned(), expected.1)), "{expected:?} not in {found:?}");
        }
        assert!(!found.iter().any(|(f, _)| f == "zoom_url"), "null is allowed for optional fields");
    }

    #[test]
    fn control_characters_anywhere_are_named_by_their_path() {
        let found = control_characters(&json!({
            "title": "研修\0", "purpose": "一行目\r\n二行目", "venue": "会場\t",
            "exercise_schedules": [{"label": "第1日程"}, {"label": "\u{85}第2日程"}], "capacity": 1
        }));
        let fields: Vec<(&str, &str)> = found.iter().map(|i| (i.field.as_str(), i.code)).collect();
        assert_eq!(
            fields,
            [
                ("exercise_schedules[1].label", "control_character"),
                ("title", "control_character"),
                ("venue", "control_character")
            ]
        );
        assert_eq!(found[0].message, "使用できない文字（制御文字）が含まれています");
    }
}
