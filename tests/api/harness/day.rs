//! The day of the training as fixtures, written straight into the applications row: the
//! times the codes were entered, the Zoom review, and the ids staff see. Certificates only
//! read their result (`attendance::certificate_state`).

use kenshu_http::usecases::apply::hash_key;
use sea_orm::sea_query::{Alias, Expr, Query, SimpleExpr};
use sea_orm::ConnectionTrait;
use serde_json::Value;
use time::{Duration, OffsetDateTime};

use crate::{paths, TestApp};

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
    /// Both codes entered (出席確認 an hour ago, 受講確認 now), or only the start code.
    pub async fn set_codes(&self, application_id: i64, checked_out: bool) {
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).expect("ns");
        let out = checked_out.then_some(now);
        let update = Query::update()
            .table(Alias::new("applications"))
            .value(Alias::new("checked_in_at"), now - Duration::hours(1))
            .value(Alias::new("checked_out_at"), out)
            .and_where(Expr::col(Alias::new("id")).eq(application_id))
            .to_owned();
        let db = &self.state.db;
        let result = db.execute(db.get_database_backend().build(&update)).await.expect("set the codes");
        assert_eq!(result.rows_affected(), 1, "application {application_id}");
    }

    /// The id of the application made with this address, from the staff list.
    pub async fn application_id(&self, training_id: i64, email: &str) -> i64 {
        let path = format!("{}?per_page=100", paths::admin_training_applications(training_id));
        let list: Value = self.get_auth_json(&path, &self.staff().await).await;
        list["items"]
            .as_array()
            .and_then(|items| items.iter().find(|a| a["email"] == email))
            .and_then(|a| a["id"].as_i64())
            .unwrap_or_else(|| panic!("no application of {email} in {list}"))
    }

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
