use kenshu_api_tests::{assert_problem, paths, rfc3339_in, spawn_app, training_input, with};
use kenshu_domain::staff::Role;
use serde_json::{json, Value};
use time::Duration;

#[tokio::test]
async fn a_draft_is_invisible_until_published() {
    let app = spawn_app().await;
    let t = app.seed().training().draft().await;
    assert_eq!(t["status"], "draft");

    let list = app.get_json(&paths::trainings()).await;
    assert_eq!(list["total"], 0);
    assert_problem(app.get(&paths::training(t.id)).await, 404, "training_not_found").await;

    let res = app.post_empty(&paths::publish(t.id), &app.staff().await).await;
    assert_eq!(res.status(), 200);
    let list = app.get_json(&paths::trainings()).await;
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
    let t = app
        .seed()
        .training()
        .online()
        .with(json!({"zoom_url": "https://us02web.zoom.us/j/87320701848?pwd=secret",
               "zoom_meeting_id": "８７３ ２０７０ １８４８"}))
        .published()
        .await;
    assert_eq!(t["zoom_meeting_id"], "873 2070 1848", "full-width digits are normalised");
    let detail = app.get(&paths::training(t.id)).await.text().await.unwrap();
    let list = app.get(&paths::trainings()).await.text().await.unwrap();
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
    let upcoming = app.seed().training().title("受付前の研修").opens_in(Duration::days(2)).published().await;
    let ended = app
        .seed()
        .training()
        .title("締切済みの研修")
        .opens_in(Duration::days(-5))
        .closes_in(Duration::hours(-1))
        .published()
        .await;
    let closed = app.seed().training().title("事務局が締め切った研修").published().await;
    let res = app.post_empty(&paths::close(closed.id), &app.staff().await).await;
    assert_eq!(res.status(), 200);

    for (t, label) in [(&upcoming, "受付前"), (&ended, "受付終了"), (&closed, "受付終了")] {
        let detail = app.get_json(&paths::training(t.id)).await;
        assert_eq!(detail["availability_label"], label, "{}", detail["title"]);
    }
}

#[tokio::test]
async fn cancelled_and_past_trainings_leave_the_public_list() {
    let app = spawn_app().await;
    let cancelled = app.seed().training().title("中止になった研修").published().await;
    let res = app.post_empty(&paths::cancel(cancelled.id), &app.staff().await).await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "cancelled");
    app.seed()
        .training()
        .title("終わった研修")
        .starts_in(Duration::days(-2))
        .opens_in(Duration::days(-10))
        .closes_in(Duration::days(-3))
        .published()
        .await;
    let list = app.get_json(&paths::trainings()).await;
    assert_eq!(list["total"], 0, "{list}");
    assert_problem(app.get(&paths::training(cancelled.id)).await, 404, "training_not_found").await;
}

#[tokio::test]
async fn the_public_list_pages_in_a_stable_order() {
    let app = spawn_app().await;
    let mut expected = Vec::new();
    // Five trainings, two sharing a start time: order is start, then id.
    for (i, days) in [(0, 20), (1, 10), (2, 15), (3, 10), (4, 30)] {
        let t = app.seed().training().title(&format!("研修{i}")).starts_in(Duration::days(days)).published().await;
        expected.push((days, t.id));
    }
    expected.sort();
    let mut seen = Vec::new();
    for page in 1..=3 {
        let list = app.get_json(&paths::trainings_page(page, 2)).await;
        assert_eq!(list["total"], 5);
        assert_eq!(list["per_page"], 2);
        seen.extend(list["items"].as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()));
    }
    assert_eq!(seen, expected.iter().map(|(_, id)| *id).collect::<Vec<_>>());
}

#[tokio::test]
async fn the_lifecycle_refuses_steps_it_does_not_have() {
    let app = spawn_app().await;
    let admin = app.token(Role::Admin).await;
    let t = app.seed().training().by(&admin).published().await;
    let (publish, close, cancel) = (paths::publish(t.id), paths::close(t.id), paths::cancel(t.id));
    assert_problem(app.post_empty(&publish, &admin).await, 409, "invalid_status_transition").await;
    assert_problem(app.post_empty(&paths::finish(t.id), &admin).await, 409, "training_not_held_yet").await;
    assert_eq!(app.post_empty(&close, &admin).await.status(), 200);
    assert_eq!(app.post_empty(&publish, &admin).await.status(), 200, "a closed training reopens");
    assert_eq!(app.post_empty(&cancel, &admin).await.status(), 200);
    assert_problem(app.post_empty(&publish, &admin).await, 409, "invalid_status_transition").await;
    let res = app.put_json(&paths::admin_training(t.id), &training_input(), &admin).await;
    assert_problem(res, 409, "training_not_editable").await;
    assert_problem(app.post_empty(&paths::publish(9999), &admin).await, 404, "training_not_found").await;
}

#[tokio::test]
async fn staff_edit_every_field_and_keep_schedule_ids() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let schedule = |label: &str, days: i64| {
        let starts = Duration::days(days);
        json!({"label": label, "starts_at": rfc3339_in(starts), "ends_at": rfc3339_in(starts + Duration::hours(7)), "capacity": 60})
    };
    let practical = app.seed().training().with(
        json!({"form_kind": "practical", "exercise_schedules": [schedule("第1日程", 20), schedule("第2日程", 25)]}),
    );
    let input = practical.input().clone();
    let t = practical.draft().await;
    let first_id = t["exercise_schedules"][0]["id"].clone();
    assert_eq!(t["exercise_schedules"][1]["label"], "第2日程");

    let mut kept = schedule("第1日程（変更）", 21);
    kept["id"] = first_id.clone();
    let edited = with(
        input,
        json!({"title": "髙橋・﨑山・𠮷野 講師による研修", "capacity": 80, "fee_yen": 3000,
               "check_in_grace_minutes": 10, "waiting_list": true, "exercise_schedules": [kept]}),
    );
    let res = app.put_json(&paths::admin_training(t.id), &edited, &staff).await;
    assert_eq!(res.status(), 200);
    let body = app.get_auth_json(&paths::admin_training(t.id), &staff).await;
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
    let t = app.seed().training().draft().await;
    assert_eq!(t["room_opens_minutes_before"], 30);
    assert_eq!(t["check_in_opens_minutes_before"], 30);
    assert_eq!(t["check_in_grace_minutes"], 5);
    assert_eq!(t["check_out_window_minutes"], 30);
    assert_eq!(t["waiting_list"], false);
}
