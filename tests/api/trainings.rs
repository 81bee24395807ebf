use kenshu_api_tests::{assert_problem, spawn_app, training_input, with};
use kenshu_domain::staff::Role;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

fn at(offset: Duration) -> String {
    (OffsetDateTime::now_utc() + offset).to_offset(time::macros::offset!(+9)).format(&Rfc3339).unwrap()
}

#[tokio::test]
async fn a_draft_is_invisible_until_published() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let created = app.create_training(&staff, &training_input()).await;
    assert_eq!(created["status"], "draft");
    let id = created["id"].as_i64().unwrap();

    let list: Value = app.get("/api/v1/trainings").await.json().await.unwrap();
    assert_eq!(list["total"], 0);
    assert_problem(app.get(&format!("/api/v1/trainings/{id}")).await, 404, "training_not_found").await;

    let res = app.post_empty(&format!("/api/v1/admin/trainings/{id}/publish"), &staff).await;
    assert_eq!(res.status(), 200);
    let list: Value = app.get("/api/v1/trainings").await.json().await.unwrap();
    assert_eq!(list["total"], 1);
    let item = &list["items"][0];
    assert_eq!(item["title"], "令和8年度第3回ケアマネ資質向上研修会");
    assert_eq!(item["availability"], "open");
    assert_eq!(item["availability_label"], "受付中");
    assert_eq!(item["seats_left"], 100);
    assert!(item["starts_at"].as_str().unwrap().ends_with("+09:00"));
}

#[tokio::test]
async fn the_public_never_sees_zoom_data_or_participant_files() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let input = with(
        training_input(),
        json!({"format": "online", "zoom_url": "https://us02web.zoom.us/j/87320701848?pwd=secret",
               "zoom_meeting_id": "８７３ ２０７０ １８４８", "zoom_passcode": "548733"}),
    );
    let t = app.published_training(&staff, &input).await;
    assert_eq!(t["zoom_meeting_id"], "873 2070 1848", "full-width digits are normalised");
    let id = t["id"].as_i64().unwrap();
    let detail = app.get(&format!("/api/v1/trainings/{id}")).await.text().await.unwrap();
    let list = app.get("/api/v1/trainings").await.text().await.unwrap();
    for public in [&detail, &list] {
        assert!(!public.contains("zoom_url") && !public.contains("548733") && !public.contains("87320701848"));
        assert!(!public.contains("zoom_passcode") && !public.contains("seats_taken"));
    }
    let detail: Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["purpose"], "福祉に従事する方に必要な知識・技術・資質の維持・向上を目的とする。");
    assert_eq!(detail["format"], "online");
}

#[tokio::test]
async fn availability_tells_upcoming_open_and_closed() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let upcoming =
        with(training_input(), json!({"title": "受付前の研修", "application_opens_at": at(Duration::days(2))}));
    let ended_window = with(
        training_input(),
        json!({"title": "締切済みの研修", "application_opens_at": at(Duration::days(-5)), "application_closes_at": at(Duration::hours(-1))}),
    );
    let upcoming = app.published_training(&staff, &upcoming).await;
    let ended = app.published_training(&staff, &ended_window).await;
    let closed =
        app.published_training(&staff, &with(training_input(), json!({"title": "事務局が締め切った研修"}))).await;
    let closed_id = closed["id"].as_i64().unwrap();
    let res = app.post_empty(&format!("/api/v1/admin/trainings/{closed_id}/close"), &staff).await;
    assert_eq!(res.status(), 200);

    for (t, label) in [(&upcoming, "受付前"), (&ended, "受付終了"), (&closed, "受付終了")] {
        let id = t["id"].as_i64().unwrap();
        let detail: Value = app.get(&format!("/api/v1/trainings/{id}")).await.json().await.unwrap();
        assert_eq!(detail["availability_label"], label, "{}", detail["title"]);
    }
}

#[tokio::test]
async fn cancelled_and_past_trainings_leave_the_public_list() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let cancelled = app.published_training(&staff, &with(training_input(), json!({"title": "中止になった研修"}))).await;
    let id = cancelled["id"].as_i64().unwrap();
    let res = app.post_empty(&format!("/api/v1/admin/trainings/{id}/cancel"), &staff).await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "cancelled");
    let past = with(
        training_input(),
        json!({"title": "終わった研修", "starts_at": at(Duration::days(-2)), "ends_at": at(Duration::days(-2) + Duration::hours(2)),
               "application_opens_at": at(Duration::days(-10)), "application_closes_at": at(Duration::days(-3))}),
    );
    app.published_training(&staff, &past).await;
    let list: Value = app.get("/api/v1/trainings").await.json().await.unwrap();
    assert_eq!(list["total"], 0, "{list}");
    assert_problem(app.get(&format!("/api/v1/trainings/{id}")).await, 404, "training_not_found").await;
}

#[tokio::test]
async fn the_public_list_pages_in_a_stable_order() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let mut expected = Vec::new();
    // Five trainings, two sharing a start time: order is start, then id.
    for (i, days) in [(0, 20), (1, 10), (2, 15), (3, 10), (4, 30)] {
        let starts = Duration::days(days);
        let input = with(
            training_input(),
            json!({"title": format!("研修{i}"), "starts_at": at(starts), "ends_at": at(starts + Duration::hours(2)),
                   "application_closes_at": at(starts - Duration::days(1))}),
        );
        let t = app.published_training(&staff, &input).await;
        expected.push((days, t["id"].as_i64().unwrap()));
    }
    expected.sort();
    let mut seen = Vec::new();
    for page in 1..=3 {
        let list: Value = app.get(&format!("/api/v1/trainings?page={page}&per_page=2")).await.json().await.unwrap();
        assert_eq!(list["total"], 5);
        assert_eq!(list["per_page"], 2);
        seen.extend(list["items"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()));
    }
    assert_eq!(seen, expected.iter().map(|(_, id)| *id).collect::<Vec<_>>());
}

#[tokio::test]
async fn the_lifecycle_refuses_steps_it_does_not_have() {
    let app = spawn_app().await;
    let staff = app.token(Role::Admin).await;
    let t = app.published_training(&staff, &training_input()).await;
    let id = t["id"].as_i64().unwrap();
    let path = |action: &str| format!("/api/v1/admin/trainings/{id}/{action}");
    assert_problem(app.post_empty(&path("publish"), &staff).await, 409, "invalid_status_transition").await;
    assert_problem(app.post_empty(&path("finish"), &staff).await, 409, "training_not_held_yet").await;
    assert_eq!(app.post_empty(&path("close"), &staff).await.status(), 200);
    assert_eq!(app.post_empty(&path("publish"), &staff).await.status(), 200, "a closed training reopens");
    assert_eq!(app.post_empty(&path("cancel"), &staff).await.status(), 200);
    assert_problem(app.post_empty(&path("publish"), &staff).await, 409, "invalid_status_transition").await;
    let res = app.put_json(&format!("/api/v1/admin/trainings/{id}"), &training_input(), &staff).await;
    assert_problem(res, 409, "training_not_editable").await;
    assert_problem(app.post_empty("/api/v1/admin/trainings/9999/publish", &staff).await, 404, "training_not_found")
        .await;
}

#[tokio::test]
async fn staff_edit_every_field_and_keep_schedule_ids() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let schedule = |label: &str, days: i64| json!({"label": label, "starts_at": at(Duration::days(days)), "ends_at": at(Duration::days(days) + Duration::hours(7)), "capacity": 60});
    let input = with(
        training_input(),
        json!({"form_kind": "practical", "exercise_schedules": [schedule("第1日程", 20), schedule("第2日程", 25)]}),
    );
    let t = app.create_training(&staff, &input).await;
    let id = t["id"].as_i64().unwrap();
    let first_id = t["exercise_schedules"][0]["id"].clone();
    assert_eq!(t["exercise_schedules"][1]["label"], "第2日程");

    let mut kept = schedule("第1日程（変更）", 21);
    kept["id"] = first_id.clone();
    let edited = with(
        input,
        json!({"title": "髙橋・﨑山・𠮷野 講師による研修", "capacity": 80, "fee_yen": 3000,
               "check_in_grace_minutes": 10, "waiting_list": true, "exercise_schedules": [kept]}),
    );
    let res = app.put_json(&format!("/api/v1/admin/trainings/{id}"), &edited, &staff).await;
    assert_eq!(res.status(), 200);
    let body: Value = app.get_auth(&format!("/api/v1/admin/trainings/{id}"), &staff).await.json().await.unwrap();
    assert_eq!(body["title"], "髙橋・﨑山・𠮷野 講師による研修");
    assert_eq!(body["capacity"], 80);
    assert_eq!(body["fee_yen"], 3000);
    assert_eq!(body["check_in_grace_minutes"], 10);
    assert_eq!(body["waiting_list"], true);
    assert_eq!(body["exercise_schedules"].as_array().unwrap().len(), 1);
    assert_eq!(body["exercise_schedules"][0]["id"], first_id);
    assert_eq!(body["exercise_schedules"][0]["label"], "第1日程（変更）");
}

#[tokio::test]
async fn defaults_follow_the_seed() {
    let app = spawn_app().await;
    let staff = app.token(Role::Staff).await;
    let t = app.create_training(&staff, &training_input()).await;
    assert_eq!(t["room_opens_minutes_before"], 30);
    assert_eq!(t["check_in_opens_minutes_before"], 30);
    assert_eq!(t["check_in_grace_minutes"], 5);
    assert_eq!(t["check_out_window_minutes"], 30);
    assert_eq!(t["waiting_list"], false);
}
