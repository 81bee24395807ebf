//! The day of the training, written straight into the applications row: the check-in
//! endpoints and the Zoom review are built elsewhere, and certificates only read their
//! result (`attendance::certificate_state`).

use kenshu_http::usecases::apply::hash_key;
use sea_orm::sea_query::{Alias, Expr, Query, SimpleExpr};
use sea_orm::ConnectionTrait;
use time::OffsetDateTime;

use crate::TestApp;

/// What the day left on one application.
pub enum Day<'a> {
    /// Both codes entered at `at`.
    Attended(OffsetDateTime),
    /// Only the start code.
    CheckedInOnly(OffsetDateTime),
    /// Staff withheld the certificate with this reason.
    Withheld(&'a str),
    /// Staff approved the Zoom checks.
    ZoomApproved,
}

impl TestApp {
    /// Writes what the day left on the application behind this My Page key.
    pub async fn record_day(&self, key: &str, day: Day<'_>) {
        let mut values: Vec<(&str, SimpleExpr)> = Vec::new();
        match day {
            Day::Attended(at) => {
                values.push(("checked_in_at", Expr::value(at)));
                values.push(("checked_out_at", Expr::value(at + time::Duration::minutes(90))));
            }
            Day::CheckedInOnly(at) => values.push(("checked_in_at", Expr::value(at))),
            Day::Withheld(reason) => {
                values.push(("zoom_review", Expr::value("withheld")));
                values.push(("zoom_withheld_reason", Expr::value(reason.to_owned())));
            }
            Day::ZoomApproved => values.push(("zoom_review", Expr::value("approved"))),
        }
        let mut update = Query::update();
        update.table(Alias::new("applications")).and_where(Expr::col(Alias::new("key_hash")).eq(hash_key(key)));
        for (column, value) in values {
            update.value(Alias::new(column), value);
        }
        let db = &self.state.db;
        let result = db.execute(db.get_database_backend().build(&update)).await.expect("update applications");
        assert_eq!(result.rows_affected(), 1, "no application for this key");
    }
}
