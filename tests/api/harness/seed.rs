//! Fixture builders: `app.seed().training().capacity(1).published().await`.
//!
//! Each builder starts from a valid body (`forms`), changes only what the test names, and
//! goes through the real API, so a fixture is exactly what a user could have made.

use std::ops::Index;

use serde_json::{json, Value};
use time::Duration;

use crate::forms::{practical_training_input, rfc3339_in, training_input, with};
use crate::{key_from_mail, TestApp};

/// Where fixtures come from: `app.seed()`.
pub struct Seed<'a> {
    app: &'a TestApp,
}

impl TestApp {
    /// Fixture builders for this app.
    pub fn seed(&self) -> Seed<'_> {
        Seed { app: self }
    }
}

impl<'a> Seed<'a> {
    /// A simple-form, in-person training two weeks from now, open since yesterday, 100 seats.
    pub fn training(&self) -> TrainingBuilder<'a> {
        TrainingBuilder { app: self.app, input: training_input(), token: None }
    }

    /// A practical-form training on 2027-06-07 with two exercise schedules of 10 places.
    pub fn practical_training(&self) -> TrainingBuilder<'a> {
        TrainingBuilder { app: self.app, input: practical_training_input("2027-06-07", 10), token: None }
    }

    /// Someone who applied to `training_id` with a valid form and has their acknowledgement
    /// mail (and so the My Page key). `name` makes the address.
    pub async fn applicant(&self, training_id: i64, name: &str) -> Applicant {
        self.applicant_with(training_id, name, json!({})).await
    }

    /// As `applicant`, with some fields of the form changed.
    pub async fn applicant_with(&self, training_id: i64, name: &str, changes: Value) -> Applicant {
        let email = self.app.unique_email(name);
        let res = self.app.apply(training_id, &email, changes).await;
        let status = res.status();
        let body: Value = res.json().await.expect("json");
        assert_eq!(status, 201, "{body}");
        let mails = self.app.mails_to(&email, 1).await;
        let mail = mails.first().unwrap_or_else(|| panic!("no acknowledgement mail to {email}")).clone();
        Applicant { key: key_from_mail(&mail), email, body, mail }
    }
}

/// A training being described; `draft()` or `published()` stores it through the API.
#[must_use = "a builder stores nothing until `draft()` or `published()`"]
pub struct TrainingBuilder<'a> {
    app: &'a TestApp,
    input: Value,
    token: Option<String>,
}

impl TrainingBuilder<'_> {
    /// Any fields of the staff form, replaced as given.
    pub fn with(mut self, changes: Value) -> Self {
        self.input = with(self.input, changes);
        self
    }

    pub fn title(self, title: &str) -> Self {
        self.with(json!({ "title": title }))
    }

    pub fn capacity(self, capacity: i64) -> Self {
        self.with(json!({ "capacity": capacity }))
    }

    pub fn waiting_list(self) -> Self {
        self.with(json!({"waiting_list": true}))
    }

    /// The 34-question self-check is required.
    pub fn checklist_required(self) -> Self {
        self.with(json!({"checklist_required": true}))
    }

    /// Online, with a Zoom meeting (URL, ID and passcode).
    pub fn online(self) -> Self {
        self.with(json!({"format": "online", "zoom_url": "https://us02web.zoom.us/j/87320701848?pwd=abc",
            "zoom_meeting_id": "873 2070 1848", "zoom_passcode": "548733"}))
    }

    /// `in_person`, `online` or `hybrid` (the last two need the Zoom fields: `online()`).
    pub fn format(self, format: &str) -> Self {
        self.with(json!({ "format": format }))
    }

    pub fn contact(self, contact: &str) -> Self {
        self.with(json!({ "contact": contact }))
    }

    /// Applications open `offset` from now.
    pub fn opens_in(self, offset: Duration) -> Self {
        self.with(json!({"application_opens_at": rfc3339_in(offset)}))
    }

    /// Applications close `offset` from now.
    pub fn closes_in(self, offset: Duration) -> Self {
        self.with(json!({"application_closes_at": rfc3339_in(offset)}))
    }

    /// Starts `offset` from now and lasts two hours; applications close a day before.
    pub fn starts_in(self, offset: Duration) -> Self {
        self.with(json!({"starts_at": rfc3339_in(offset), "ends_at": rfc3339_in(offset + Duration::hours(2)),
            "application_closes_at": rfc3339_in(offset - Duration::days(1))}))
    }

    /// The practical form's lecture day (JST), 09:30–16:30 for the training and each
    /// schedule; applications close at 09:00 that day.
    pub fn on(mut self, day: &str) -> Self {
        let (starts, ends) = (format!("{day}T09:30:00+09:00"), format!("{day}T16:30:00+09:00"));
        for schedule in self.input["exercise_schedules"].as_array_mut().into_iter().flatten() {
            schedule["starts_at"] = json!(starts);
            schedule["ends_at"] = json!(ends);
        }
        self.with(
            json!({"starts_at": starts, "ends_at": ends, "application_closes_at": format!("{day}T09:00:00+09:00")}),
        )
    }

    /// Places in each exercise schedule of the practical form; the training holds them all.
    pub fn places_per_schedule(mut self, places: i64) -> Self {
        let schedules = self.input["exercise_schedules"].as_array_mut().expect("a practical training");
        for schedule in schedules.iter_mut() {
            schedule["capacity"] = json!(places);
        }
        let total = places * schedules.len() as i64;
        self.capacity(total)
    }

    /// Created by this account instead of the app's staff account (`app.staff()`).
    pub fn by(mut self, token: &str) -> Self {
        self.token = Some(token.to_owned());
        self
    }

    /// The request body the builder would send.
    pub fn input(&self) -> &Value {
        &self.input
    }

    /// Stored as a draft (invisible to the public).
    pub async fn draft(self) -> Training {
        let token = self.token().await;
        Training::from(self.app.create_training(&token, &self.input).await)
    }

    /// Stored and published.
    pub async fn published(self) -> Training {
        let token = self.token().await;
        Training::from(self.app.published_training(&token, &self.input).await)
    }

    async fn token(&self) -> String {
        match &self.token {
            Some(token) => token.clone(),
            None => self.app.staff().await,
        }
    }
}

/// A stored training as the staff API answered; `t["title"]` reads its JSON.
#[derive(Clone, Debug)]
pub struct Training {
    pub id: i64,
    /// The ids of its exercise schedules, in order.
    pub schedules: Vec<i64>,
    pub json: Value,
}

impl From<Value> for Training {
    fn from(json: Value) -> Self {
        let id = json["id"].as_i64().expect("a training id");
        let schedules = json["exercise_schedules"]
            .as_array()
            .map(|all| all.iter().map(|s| s["id"].as_i64().expect("a schedule id")).collect())
            .unwrap_or_default();
        Training { id, schedules, json }
    }
}

impl Index<&str> for Training {
    type Output = Value;

    fn index(&self, field: &str) -> &Value {
        &self.json[field]
    }
}

/// An applicant of a simple-form training, as `seed().applicant()` left them.
#[derive(Clone, Debug)]
pub struct Applicant {
    pub email: String,
    /// The My Page key from the acknowledgement mail.
    pub key: String,
    /// The 201 answer to the application.
    pub body: Value,
    /// The acknowledgement mail.
    pub mail: Value,
}
