//! The SQL text of a statement of fixed shape, written once per backend.
//!
//! sea-query writes a statement's text anew from its parts every time, quoting each
//! identifier through `format!`: for the training read on every application (40-odd
//! columns and three subqueries) that was a seventh of a seat's CPU (docs/benchmarks.md,
//! "Where a seat's CPU goes"). Where only the values change from call to call, the text is
//! kept after the first build and the values are bound to it.
//!
//! The statement is always described once, the usual way, in the `build` closure; the
//! caller also lists the values in the order sea-query binds them. In debug builds (every
//! test) each call builds the statement the usual way as well and checks that the text is
//! the one kept and the values are the ones listed, so a shape that is not fixed, or values
//! out of order, fail the first test that runs the statement.
//!
//! [`FixedInsert`] does the same for an INSERT of any number of rows (a batch of seats):
//! what comes before and after the rows is kept, and the rows' placeholders are written
//! for each call.

use std::sync::OnceLock;

use sea_orm::sea_query::Value;
use sea_orm::{ActiveModelTrait, ActiveValue, DbBackend, EntityTrait, Iterable, Statement};

/// What is kept of a statement, once per backend; nothing for MySQL, which Kenshu does not run on.
struct PerBackend<T> {
    sqlite: OnceLock<T>,
    postgres: OnceLock<T>,
}

impl<T> PerBackend<T> {
    const fn new() -> Self {
        Self { sqlite: OnceLock::new(), postgres: OnceLock::new() }
    }

    fn slot(&self, backend: DbBackend) -> Option<&OnceLock<T>> {
        match backend {
            DbBackend::Sqlite => Some(&self.sqlite),
            DbBackend::Postgres => Some(&self.postgres),
            DbBackend::MySql => None,
        }
    }
}

/// Debug builds: `values` must be what `built` binds, in order.
fn assert_binds(built: &Statement, values: &[Value]) {
    assert_eq!(
        built.values.as_ref().map(|v| v.0.as_slice()),
        Some(values),
        "the values listed for a fixed statement are not the ones its build binds"
    );
}

/// One statement's text per backend (see the module's documentation).
pub(crate) struct FixedText(PerBackend<String>);

impl FixedText {
    pub(crate) const fn new() -> Self {
        Self(PerBackend::new())
    }

    /// The statement for `backend` with `values` bound, in the order `build` binds them;
    /// `build` writes the same statement the usual way (called once per backend, and on
    /// every call in debug builds to check the text and the values).
    pub(crate) fn statement(
        &self,
        backend: DbBackend,
        values: Vec<Value>,
        build: impl FnOnce() -> Statement,
    ) -> Statement {
        if cfg!(debug_assertions) {
            self.checked(backend, values, build)
        } else {
            self.bound(backend, values, build)
        }
    }

    /// Release builds: the kept text with `values` bound.
    fn bound(&self, backend: DbBackend, values: Vec<Value>, build: impl FnOnce() -> Statement) -> Statement {
        let Some(slot) = self.0.slot(backend) else { return build() };
        let sql = slot.get_or_init(|| build().sql).clone();
        Statement::from_sql_and_values(backend, sql, values)
    }

    /// Debug builds: the statement built the usual way, once checked against the kept text
    /// and the listed values.
    fn checked(&self, backend: DbBackend, values: Vec<Value>, build: impl FnOnce() -> Statement) -> Statement {
        let built = build();
        if let Some(slot) = self.0.slot(backend) {
            let kept = slot.get_or_init(|| built.sql.clone());
            assert_eq!(*kept, built.sql, "a statement kept as fixed text changed its shape");
        }
        assert_binds(&built, &values);
        built
    }
}

/// The values an INSERT of `model` binds, in the order sea-orm writes its columns (every
/// column that is set, in the entity's order).
pub(crate) fn row_values<A: ActiveModelTrait>(model: &A) -> impl Iterator<Item = Value> + '_ {
    <A::Entity as EntityTrait>::Column::iter().filter_map(|column| match model.get(column) {
        ActiveValue::Set(value) | ActiveValue::Unchanged(value) => Some(value),
        ActiveValue::NotSet => None,
    })
}

/// An INSERT's text around its rows, per backend (see the module's documentation); `None`
/// kept for a statement that is not a plain INSERT of rows of placeholders.
pub(crate) struct FixedInsert(PerBackend<Option<InsertParts>>);

/// `{prefix}(?, ?), (?, ?){suffix}`: the text before the first row (up to `VALUES `), the
/// placeholders per row, and the text after the last row (with no placeholder).
#[derive(Debug, PartialEq)]
struct InsertParts {
    prefix: String,
    per_row: usize,
    suffix: String,
}

impl InsertParts {
    /// The parts of `sql`, an INSERT of `rows` rows of plain placeholders as sea-query writes
    /// it; `None` if it is not one.
    fn of(backend: DbBackend, sql: &str, rows: usize) -> Option<Self> {
        let start = sql.find(" VALUES (")? + " VALUES ".len();
        let first_row = &sql[start..start + sql[start..].find(')')?];
        let per_row = first_row.matches(placeholder_mark(backend)).count();
        let parts = Self { prefix: sql[..start].to_owned(), per_row, suffix: String::new() };
        let mut rows_text = String::new();
        parts.write_rows(backend, rows, &mut rows_text);
        let suffix = sql[start..].strip_prefix(rows_text.as_str())?;
        (per_row > 0 && rows > 0 && !suffix.contains(placeholder_mark(backend)))
            .then(|| Self { suffix: suffix.to_owned(), ..parts })
    }

    fn write_rows(&self, backend: DbBackend, rows: usize, sql: &mut String) {
        use std::fmt::Write;
        let mut n = 0;
        for row in 0..rows {
            sql.push_str(if row == 0 { "(" } else { ", (" });
            for i in 0..self.per_row {
                n += 1;
                if i > 0 {
                    sql.push_str(", ");
                }
                match backend {
                    DbBackend::Postgres => write!(sql, "${n}").expect("writing to a String"),
                    _ => sql.push('?'),
                }
            }
            sql.push(')');
        }
    }

    fn text(&self, backend: DbBackend, rows: usize) -> String {
        let mut sql = String::with_capacity(self.prefix.len() + rows * self.per_row * 5 + self.suffix.len());
        sql.push_str(&self.prefix);
        self.write_rows(backend, rows, &mut sql);
        sql.push_str(&self.suffix);
        sql
    }
}

fn placeholder_mark(backend: DbBackend) -> char {
    match backend {
        DbBackend::Postgres => '$',
        _ => '?',
    }
}

impl FixedInsert {
    pub(crate) const fn new() -> Self {
        Self(PerBackend::new())
    }

    /// The INSERT of `rows` rows for `backend` with `values` bound (every row's, in order,
    /// see [`row_values`]); `build` writes the same statement the usual way (called once per
    /// backend, and on every call in debug builds to check the text and the values).
    pub(crate) fn statement(
        &self,
        backend: DbBackend,
        rows: usize,
        values: Vec<Value>,
        build: impl FnOnce() -> Statement,
    ) -> Statement {
        if cfg!(debug_assertions) {
            self.checked(backend, rows, values, build)
        } else {
            self.bound(backend, rows, values, build)
        }
    }

    fn bound(
        &self,
        backend: DbBackend,
        rows: usize,
        values: Vec<Value>,
        build: impl FnOnce() -> Statement,
    ) -> Statement {
        let Some(slot) = self.0.slot(backend) else { return build() };
        if let Some(parts) = slot.get() {
            return match parts {
                Some(parts) => Statement::from_sql_and_values(backend, parts.text(backend, rows), values),
                None => build(),
            };
        }
        let built = build();
        let _ = slot.set(InsertParts::of(backend, &built.sql, rows));
        built
    }

    fn checked(
        &self,
        backend: DbBackend,
        rows: usize,
        values: Vec<Value>,
        build: impl FnOnce() -> Statement,
    ) -> Statement {
        let built = build();
        if let Some(slot) = self.0.slot(backend) {
            let parts = slot.get_or_init(|| InsertParts::of(backend, &built.sql, rows));
            let parts = parts.as_ref().expect("an insert kept as fixed text has plain rows of placeholders");
            assert_eq!(parts.text(backend, rows), built.sql, "an insert kept as fixed text changed its shape");
        }
        assert_binds(&built, &values);
        built
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::sea_query::{Alias, Expr, Query};
    use sea_orm::{DbBackend, QueryTrait};

    use super::*;

    fn select(backend: DbBackend, id: i32, name: &str) -> Statement {
        let query = Query::select()
            .column(Alias::new("id"))
            .from(Alias::new("t"))
            .and_where(Expr::col(Alias::new("name")).eq(name))
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .to_owned();
        backend.build(&query)
    }

    #[test]
    fn binds_the_values_to_the_text_kept_per_backend() {
        static TEXT: FixedText = FixedText::new();
        for backend in [DbBackend::Sqlite, DbBackend::Postgres, DbBackend::Sqlite] {
            for (id, name) in [(1, "a"), (2, "髙﨑")] {
                // The release builds' path, unchecked.
                let fast = TEXT.bound(backend, vec![name.into(), id.into()], || select(backend, id, name));
                assert_eq!(fast, select(backend, id, name));
            }
        }
        assert_eq!(TEXT.0.sqlite.get().unwrap(), r#"SELECT "id" FROM "t" WHERE "name" = ? AND "id" = ?"#);
        assert_eq!(TEXT.0.postgres.get().unwrap(), r#"SELECT "id" FROM "t" WHERE "name" = $1 AND "id" = $2"#);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "not the ones its build binds")]
    fn values_out_of_order_are_caught_in_debug_builds() {
        static TEXT: FixedText = FixedText::new();
        TEXT.statement(DbBackend::Sqlite, vec![1.into(), "a".into()], || select(DbBackend::Sqlite, 1, "a"));
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "changed its shape")]
    fn a_shape_that_changes_is_caught_in_debug_builds() {
        static TEXT: FixedText = FixedText::new();
        TEXT.statement(DbBackend::Sqlite, vec!["a".into(), 1.into()], || select(DbBackend::Sqlite, 1, "a"));
        let two = |backend: DbBackend| {
            let query = Query::select().column(Alias::new("id")).from(Alias::new("u")).to_owned();
            backend.build(&query)
        };
        TEXT.statement(DbBackend::Sqlite, vec![], || two(DbBackend::Sqlite));
    }

    fn insert(backend: DbBackend, rows: &[(i32, &str)], returning: bool) -> Statement {
        let mut insert = Query::insert()
            .into_table(Alias::new("t"))
            .columns([Alias::new("id"), Alias::new("name")])
            .on_conflict(sea_orm::sea_query::OnConflict::new().do_nothing().to_owned())
            .to_owned();
        for &(id, name) in rows {
            insert.values_panic([id.into(), name.into()]);
        }
        if returning {
            insert.returning(Query::returning().columns([Alias::new("id"), Alias::new("name")]));
        }
        backend.build(&insert)
    }

    fn values(rows: &[(i32, &str)]) -> Vec<Value> {
        rows.iter().flat_map(|&(id, name)| [Value::from(id), Value::from(name)]).collect()
    }

    #[test]
    fn an_insert_of_any_number_of_rows_is_written_from_its_kept_parts() {
        static TEXT: FixedInsert = FixedInsert::new();
        let rows =
            [(1, "a"), (2, "髙﨑"), (3, "𠮷"), (4, "d"), (5, "e"), (6, "f"), (7, "g"), (8, "h"), (9, "i"), (10, "j")];
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            // Kept from the first call's build (three rows), then written for every count.
            for n in [3, 1, 2, 10, 3] {
                let statement = TEXT.bound(backend, n, values(&rows[..n]), || insert(backend, &rows[..n], true));
                assert_eq!(statement, insert(backend, &rows[..n], true), "{backend:?}, {n} rows");
            }
        }
        let postgres = TEXT.0.postgres.get().unwrap().as_ref().unwrap();
        assert_eq!(postgres.prefix, r#"INSERT INTO "t" ("id", "name") VALUES "#);
        assert_eq!(postgres.per_row, 2);
        // (sea-query writes two spaces there.)
        assert_eq!(postgres.suffix, r#" ON CONFLICT  DO NOTHING RETURNING "id", "name""#);
    }

    #[test]
    fn an_insert_with_values_after_its_rows_is_not_kept() {
        let with_update = |backend: DbBackend| {
            let mut insert = Query::insert()
                .into_table(Alias::new("t"))
                .columns([Alias::new("id"), Alias::new("name")])
                .on_conflict(
                    sea_orm::sea_query::OnConflict::column(Alias::new("id"))
                        .value(Alias::new("name"), "changed")
                        .to_owned(),
                )
                .to_owned();
            insert.values_panic([1.into(), "a".into()]);
            backend.build(&insert)
        };
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            assert_eq!(InsertParts::of(backend, &with_update(backend).sql, 1), None);
            // Built the usual way every time instead.
            static TEXT: FixedInsert = FixedInsert::new();
            let values = vec![1.into(), "a".into(), "changed".into()];
            for _ in 0..2 {
                assert_eq!(TEXT.bound(backend, 1, values.clone(), || with_update(backend)), with_update(backend));
            }
        }
    }

    #[test]
    fn row_values_lists_what_sea_orm_binds_for_an_entity() {
        use crate::entities::outbox;
        use crate::repos::outbox::{new_model, NewMail};
        let mail = |recipient| NewMail {
            kind: "application_received",
            application_id: Some(7),
            training_id: None,
            recipient,
            cc: None,
            subject: "【研修】申込内容のご確認",
            body: "本文",
        };
        let now = time::macros::datetime!(2026-12-01 09:00 UTC);
        let models = [new_model(mail("a@example.jp"), now), new_model(mail("b@example.jp"), now)];
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let built = backend.build(&outbox::Entity::insert_many(models.clone()).into_query());
            let listed: Vec<Value> = models.iter().flat_map(row_values).collect();
            assert_eq!(built.values.unwrap().0, listed);
        }
    }
}
