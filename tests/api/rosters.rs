//! Rosters and exports (issue 12, SPEC §9): each roster in CSV (UTF-8 with BOM), CP932 and
//! XLSX, read back (encoding_rs, calamine) and compared; columns picked and ordered; unknown
//! columns refused; formulas neutralised; rows paged by key; the prefecture's fiscal year.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use kenshu_api_tests::{assert_problem, error_fields, paths, spawn_app, TestApp};
use kenshu_domain::staff::Role;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::ConnectionTrait;
use serde_json::json;
use time::OffsetDateTime;

use crate::practical::{candidate, decide_as_proposed, training as practical_training};

/// Submits a practical form that must be accepted; its id.
async fn submitted(app: &TestApp, training_id: i64, form: &serde_json::Value) -> i64 {
    let res = app.submit_practical(training_id, form).await;
    let body: serde_json::Value = res.json().await.unwrap();
    body["id"].as_i64().unwrap_or_else(|| panic!("{body}"))
}

fn roster(training_id: i64, kind: &str, query: &str) -> String {
    format!("/api/v1/admin/trainings/{training_id}/rosters/{kind}?{query}")
}

/// A simple-form application written straight into the table (the apply flow has its own
/// tests); its id.
async fn insert_application(app: &TestApp, training_id: i64, name: &str, workplace: &str, status: &str) -> i64 {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    let email = app.unique_email("roster");
    let insert = Query::insert()
        .into_table(Alias::new("applications"))
        .columns(
            [
                "training_id",
                "status",
                "member",
                "full_name",
                "workplace",
                "phone",
                "email",
                "email_normalized",
                "key_hash",
                "created_at",
                "updated_at",
                "zoom_face",
                "zoom_display_name",
                "zoom_breakout_room",
                "zoom_throughout",
            ]
            .map(Alias::new),
        )
        .values_panic([
            training_id.into(),
            status.into(),
            false.into(),
            name.into(),
            workplace.into(),
            "011-000-0000".into(),
            email.clone().into(),
            email.clone().into(),
            format!("hash-{email}").into(),
            now.into(),
            now.into(),
            false.into(),
            false.into(),
            false.into(),
            false.into(),
        ])
        .returning_col(Alias::new("id"))
        .to_owned();
    let db = &app.state.db;
    let row = db.query_one(db.get_database_backend().build(&insert)).await.unwrap().unwrap();
    row.try_get::<i32>("", "id").unwrap().into()
}

/// A 受講証明書 in force (or revoked) for an application.
async fn insert_certificate(app: &TestApp, training_id: i64, application_id: i64, number: i64, revoked: bool) {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    let insert = Query::insert()
        .into_table(Alias::new("certificates"))
        .columns(
            [
                "kind",
                "subject_id",
                "training_id",
                "organiser_id",
                "fiscal_year",
                "number",
                "verification_code",
                "holder_name",
                "training_title",
                "held",
                "snapshot",
                "issued_at",
                "revoked_at",
            ]
            .map(Alias::new),
        )
        .values_panic([
            "attendance".into(),
            application_id.into(),
            training_id.into(),
            1.into(),
            2026.into(),
            number.into(),
            format!("code{application_id}").into(),
            "x".into(),
            "x".into(),
            "x".into(),
            "{}".into(),
            now.into(),
            revoked.then_some(now).into(),
        ])
        .to_owned();
    let db = &app.state.db;
    db.execute(db.get_database_backend().build(&insert)).await.unwrap();
}

async fn download(app: &TestApp, path: &str, token: &str) -> (reqwest::header::HeaderMap, Vec<u8>) {
    let res = app.get_auth(path, token).await;
    assert_eq!(res.status(), 200, "{path}");
    let headers = res.headers().clone();
    (headers, res.bytes().await.unwrap().to_vec())
}

/// The records of a UTF-8 CSV with BOM, split naively (the tests keep line breaks out).
fn utf8_records(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "BOM");
    records(std::str::from_utf8(&bytes[3..]).unwrap())
}

fn records(text: &str) -> Vec<Vec<String>> {
    assert!(text.ends_with("\r\n"), "CRLF at the end");
    text.trim_end_matches("\r\n").split("\r\n").map(|l| l.split(',').map(String::from).collect()).collect()
}

/// Every cell of the first worksheet as text; its name too.
fn xlsx_cells(bytes: Vec<u8>) -> (String, Vec<Vec<String>>) {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an XLSX");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the sheet");
    let rows = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("every cell is text, not {other:?}"),
                })
                .collect()
        })
        .collect();
    (name, rows)
}

const DEFAULT_HEADER: [&str; 9] =
    ["No.", "申込ID", "氏名", "ふりがな", "所属", "電話番号", "メールアドレス", "状態", "申込日時"];

#[tokio::test]
async fn the_participants_roster_comes_in_each_format_with_every_name_intact() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let names = ["髙﨑 𠮷", "札幌 花子", "山田 太郎😀"];
    let mut ids = Vec::new();
    for name in names {
        ids.push(insert_application(&app, t.id, name, "有限会社谷川企画", "confirmed").await);
    }
    insert_application(&app, t.id, "取消 次郎", "x", "cancelled").await;
    insert_application(&app, t.id, "待機 三郎", "x", "waitlisted").await;

    // UTF-8 with BOM: the default columns, confirmed only, numbered.
    let (headers, bytes) = download(&app, &roster(t.id, "participants", "format=csv"), &staff).await;
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "private, no-store");
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    // 受講者名簿_<id>.csv, percent-encoded (RFC 5987).
    assert!(
        disposition.contains(&format!("filename*=UTF-8''%E5%8F%97%E8%AC%9B%E8%80%85%E5%90%8D%E7%B0%BF_{}.csv", t.id)),
        "{disposition}"
    );
    let utf8 = utf8_records(&bytes);
    assert_eq!(utf8[0], DEFAULT_HEADER);
    assert_eq!(utf8.len(), 4, "header and the three confirmed");
    for (i, (id, name)) in ids.iter().zip(names).enumerate() {
        assert_eq!(utf8[i + 1][..3], [(i + 1).to_string(), id.to_string(), name.to_owned()]);
        assert_eq!(utf8[i + 1][7], "申込済み");
    }

    // CP932: decoded back, the same but for what CP932 cannot hold, and the file says so.
    let (headers, bytes) = download(&app, &roster(t.id, "participants", "format=csv-cp932"), &staff).await;
    assert_eq!(headers["content-type"], "text/csv; charset=Shift_JIS");
    let (text, _, errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!errors, "valid CP932");
    assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM in CP932");
    let (data, note) = text.split_once("\r\n\r\n").expect("a note after the data");
    let cp932 = records(&format!("{data}\r\n"));
    let mut expected = utf8.clone();
    expected[1][2] = "髙﨑 吉".into();
    expected[3][2] = "山田 太郎〓".into();
    assert_eq!(cp932, expected, "髙 and 﨑 kept, 𠮷 → 吉, the emoji → 〓");
    assert_eq!(
        note,
        "※CP932（Shift_JIS）で表せない文字を置き換えました（2件）。元の文字は UTF-8 版または Excel 版で確認できます。\r\n\
         行,列,元の文字,置き換え後\r\n2,氏名,U+20BB7,吉\r\n4,氏名,U+1F600,〓\r\n"
    );

    // The same as JSON, before downloading.
    let report = app.get_auth_json(&roster(t.id, "participants/cp932-report", ""), &staff).await;
    assert_eq!(report["count"], 2);
    assert_eq!(
        report["substitutions"][0],
        json!({"row": 2, "column_key": "full_name", "column_label": "氏名", "original": "𠮷", "replacement": "吉"})
    );
    assert_eq!(report["substitutions"][1]["original"], "😀");

    // XLSX: opened back, the same cells as the UTF-8 CSV, 𠮷 intact.
    let (headers, bytes) = download(&app, &roster(t.id, "participants", "format=xlsx"), &staff).await;
    assert_eq!(headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let (sheet, cells) = xlsx_cells(bytes);
    assert_eq!(sheet, "受講者名簿");
    assert_eq!(cells, utf8);

    // Personal data: signed-in staff only.
    assert_problem(app.get(&roster(t.id, "participants", "")).await, 401, "unauthorized").await;
}

#[tokio::test]
async fn columns_come_in_the_order_picked_and_an_unknown_one_is_named() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let id = insert_application(&app, t.id, "髙﨑 𠮷", "北の杜", "confirmed").await;

    let catalogue = app.get_auth_json(&roster(t.id, "participants/columns", ""), &staff).await;
    assert_eq!(catalogue["label"], "受講者名簿");
    let columns = catalogue["columns"].as_array().unwrap();
    let defaults: Vec<&str> =
        columns.iter().filter(|c| c["default"] == true).map(|c| c["label"].as_str().unwrap()).collect();
    assert_eq!(defaults, DEFAULT_HEADER);
    assert!(columns.iter().any(|c| c["key"] == "checked_in_at" && c["label"] == "入室日時" && c["default"] == false));

    for format in ["csv", "xlsx"] {
        let path = roster(t.id, "participants", &format!("format={format}&columns=workplace,full_name,application_id"));
        let (_, bytes) = download(&app, &path, &staff).await;
        let cells = if format == "csv" { utf8_records(&bytes) } else { xlsx_cells(bytes).1 };
        assert_eq!(cells, [vec!["所属", "氏名", "申込ID"], vec!["北の杜", "髙﨑 𠮷", &id.to_string()]], "{format}");
    }

    for format in ["csv", "csv-cp932", "xlsx"] {
        let path = roster(t.id, "participants", &format!("format={format}&columns=full_name,shoe_size,blood_type"));
        let problem = assert_problem(app.get_auth(&path, &staff).await, 422, "validation_failed").await;
        assert_eq!(error_fields(&problem), ["columns"]);
        assert_eq!(
            problem["errors"][0]["message"],
            "「shoe_size」、「blood_type」という列はありません（選べる列は列一覧で確認できます）"
        );
    }
    let path = roster(t.id, "participants", "columns=full_name,full_name");
    let problem = assert_problem(app.get_auth(&path, &staff).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["message"], "列「full_name」が2回以上指定されています");
    let problem = assert_problem(
        app.get_auth(&roster(t.id, "participants", "format=pdf"), &staff).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["format"]);
    let problem =
        assert_problem(app.get_auth(&roster(t.id, "attendees", ""), &staff).await, 422, "validation_failed").await;
    assert_eq!(error_fields(&problem), ["kind"]);
    let problem =
        assert_problem(app.get_auth(&roster(t.id, "exercise", ""), &staff).await, 422, "validation_failed").await;
    assert_eq!(problem["errors"][0]["message"], "演習時の受講者名簿は実践研修にのみあります");
    assert_problem(app.get_auth(&roster(999_999, "participants", ""), &staff).await, 404, "training_not_found").await;
}

#[tokio::test]
async fn formulas_are_neutralised_in_csv_and_written_as_text_in_xlsx() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let cells = ["=HYPERLINK(\"http://x\")", "+81 11", "-1", "@SUM(A1)", "\tタブ", "\r改行"];
    for cell in cells {
        insert_application(&app, t.id, "札幌 花子", cell, "confirmed").await;
    }
    let (_, bytes) = download(&app, &roster(t.id, "participants", "columns=workplace"), &staff).await;
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert_eq!(
        text,
        "所属\r\n\"'=HYPERLINK(\"\"http://x\"\")\"\r\n'+81 11\r\n'-1\r\n'@SUM(A1)\r\n'\tタブ\r\n\"'\r改行\"\r\n"
    );
    let (_, bytes) = download(&app, &roster(t.id, "participants", "format=csv-cp932&columns=workplace"), &staff).await;
    assert_eq!(encoding_rs::SHIFT_JIS.decode(&bytes).0, text, "the same in CP932");

    let (_, bytes) = download(&app, &roster(t.id, "participants", "format=xlsx&columns=workplace"), &staff).await;
    let (_, rows) = xlsx_cells(bytes.clone());
    let got: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(got, cells, "as typed, each a string cell (xlsx_cells refuses anything else)");
    // No formula element anywhere in the sheet.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    assert!(!sheet.contains("<f>") && sheet.contains("t=\"inlineStr\""), "{sheet}");
}

#[tokio::test]
async fn a_roster_longer_than_a_page_keeps_every_row_once_in_order() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let mut ids = Vec::new();
    for n in 0..1_205 {
        let status = if n % 100 == 7 { "cancelled" } else { "confirmed" };
        let id = insert_application(&app, t.id, &format!("受講者{n}"), "x", status).await;
        if status == "confirmed" {
            ids.push(id.to_string());
        }
    }
    for format in ["csv", "xlsx"] {
        let (_, bytes) = download(&app, &roster(t.id, "participants", &format!("format={format}")), &staff).await;
        let rows = if format == "csv" { utf8_records(&bytes) } else { xlsx_cells(bytes).1 };
        let got: Vec<String> = rows[1..].iter().map(|r| r[1].clone()).collect();
        assert_eq!(got, ids, "{format}");
        assert_eq!(rows.last().unwrap()[0], ids.len().to_string());
    }
}

#[tokio::test]
async fn completers_are_the_certificates_in_force() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let a = insert_application(&app, t.id, "髙﨑 𠮷", "北の杜", "confirmed").await;
    let b = insert_application(&app, t.id, "札幌 花子", "x", "confirmed").await;
    let c = insert_application(&app, t.id, "取消 証明", "x", "confirmed").await;
    insert_application(&app, t.id, "未発行 太郎", "x", "confirmed").await;
    insert_certificate(&app, t.id, b, 411, false).await;
    insert_certificate(&app, t.id, a, 412, false).await;
    insert_certificate(&app, t.id, c, 413, true).await;
    let path = roster(t.id, "completers", "columns=application_id,full_name,certificate_number");
    let (_, bytes) = download(&app, &path, &staff).await;
    assert_eq!(
        utf8_records(&bytes),
        [
            vec!["申込ID".to_owned(), "氏名".into(), "証書番号".into()],
            vec![b.to_string(), "札幌 花子".into(), "No. 411".into()],
            vec![a.to_string(), "髙﨑 𠮷".into(), "No. 412".into()],
        ]
    );
}

/// Sets a practical application's status (and certificate number) straight in the table.
async fn set_practical(app: &TestApp, id: i64, status: &str, certificate_number: Option<&str>) {
    let update = Query::update()
        .table(Alias::new("practical_applications"))
        .value(Alias::new("status"), status)
        .value(Alias::new("certificate_number"), certificate_number)
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    let db = &app.state.db;
    db.execute(db.get_database_backend().build(&update)).await.unwrap();
}

#[tokio::test]
async fn practical_rosters_follow_the_selection_and_the_exercise_schedules() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = practical_training(&app, 1).await;
    let (first, second) = (t.schedules[0], t.schedules[1]);
    let a = submitted(&app, t.id, &candidate(&app, "髙﨑 𠮷", "reduction", Some(second), "", 1)).await;
    let b = submitted(&app, t.id, &candidate(&app, "札幌 花子", "retirement", Some(first), "", 2)).await;
    let c = submitted(&app, t.id, &candidate(&app, "山田 太郎", "development", None, "", 3)).await;
    decide_as_proposed(&app, t.id).await;

    // 選考一覧: everyone, in the proposed order.
    let path = roster(t.id, "selection", "columns=rank,full_name,plan_category,proposal,schedule");
    let (_, bytes) = download(&app, &path, &staff).await;
    let rows = utf8_records(&bytes);
    assert_eq!(rows[0], ["提案順位", "氏名", "配置計画区分", "提案", "演習日程"]);
    assert_eq!(rows[1][..3], ["1", "髙﨑 𠮷", "減算中"]);
    assert_eq!(rows[1][4], "第2日程");
    assert_eq!(rows[2][..3], ["2", "札幌 花子", "退職"]);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3][1], "山田 太郎");
    assert_eq!(rows[3][3], "キャンセル待ち", "no seat left for the third");

    // 演習時の受講者名簿: the accepted, schedule by schedule, numbered per schedule.
    let (_, bytes) =
        download(&app, &roster(t.id, "exercise", "columns=schedule,no,full_name,furigana,office"), &staff).await;
    assert_eq!(
        utf8_records(&bytes),
        [
            vec!["演習日程", "No.", "氏名", "ふりがな", "配置事業所"],
            vec!["第1日程", "1", "札幌 花子", "たかはし はなこ", "就労支援センターきたのもり"],
            vec!["第2日程", "1", "髙﨑 𠮷", "たかはし はなこ", "就労支援センターきたのもり"],
        ]
    );
    let path = roster(t.id, "exercise", &format!("format=xlsx&columns=full_name&schedule_id={second}"));
    let (sheet, cells) = xlsx_cells(download(&app, &path, &staff).await.1);
    assert_eq!((sheet.as_str(), cells), ("演習時の受講者名簿", vec![vec!["氏名".to_owned()], vec!["髙﨑 𠮷".into()]]));
    let problem = assert_problem(
        app.get_auth(&roster(t.id, "exercise", "schedule_id=999999"), &staff).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(error_fields(&problem), ["schedule_id"]);

    // 受講者名簿 of a practical training: the accepted ones.
    let (_, bytes) = download(&app, &roster(t.id, "participants", "columns=application_id,birth_date"), &staff).await;
    let rows = utf8_records(&bytes);
    assert_eq!(rows[1..], [vec![a.to_string(), "1985-04-01".into()], vec![b.to_string(), "1985-04-01".into()]]);

    // 修了者名簿: the completed, with their certificate numbers.
    set_practical(&app, a, "completed", Some("サビ管実践第2027-1号")).await;
    let path = roster(t.id, "completers", "format=xlsx&columns=full_name,certificate_number");
    let (_, cells) = xlsx_cells(download(&app, &path, &staff).await.1);
    assert_eq!(cells, [vec!["氏名", "証書番号"], vec!["髙﨑 𠮷", "サビ管実践第2027-1号"]]);
    let _ = c;
}

#[tokio::test]
async fn survey_answers_come_through_the_same_export_with_question_columns() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    let definition = json!({"questions": [
        {"kind": "scale", "text": "満足度", "required": true, "options": ["1", "2", "3", "4", "5"]},
        {"kind": "free_text", "text": "ご意見"}
    ]});
    assert_eq!(app.put_json(&paths::admin_survey(t.id), &definition, &staff).await.status(), 200);
    let survey = app.get_auth_json(&paths::admin_survey(t.id), &staff).await;
    let q: Vec<i64> = survey["questions"].as_array().unwrap().iter().map(|q| q["id"].as_i64().unwrap()).collect();
    let a = app.seed().applicant_with(t.id, "survey", json!({"full_name": "髙﨑 𠮷"})).await;
    let id = app.application_id(t.id, &a.email).await;
    app.set_codes(id, true).await;
    let answer = json!({"care_manager_number": "12345678", "answers": {q[0].to_string(): 5, q[1].to_string(): "=cmd"}});
    assert_eq!(app.post_json(&paths::me_survey(&a.key), &answer, None).await.status(), 200);

    let columns = app.get_auth_json(&roster(t.id, "survey/columns", ""), &staff).await;
    let keys: Vec<&str> = columns["columns"].as_array().unwrap().iter().map(|c| c["key"].as_str().unwrap()).collect();
    assert!(keys.ends_with(&[&format!("q{}", q[0]), &format!("q{}", q[1])].map(|s| s.as_str())), "{keys:?}");

    let path = roster(t.id, "survey", &format!("columns=q{},full_name,q{}", q[1], q[0]));
    let (_, bytes) = download(&app, &path, &staff).await;
    assert_eq!(utf8_records(&bytes), [vec!["ご意見", "氏名", "満足度"], vec!["'=cmd", "髙﨑 𠮷", "5"]]);
    let (_, cells) = xlsx_cells(download(&app, &path.replace("?", "?format=xlsx&"), &staff).await.1);
    assert_eq!(cells, [vec!["ご意見", "氏名", "満足度"], vec!["=cmd", "髙﨑 𠮷", "5"]]);
}

#[tokio::test]
async fn the_prefecture_reads_rosters_across_trainings_by_fiscal_year_and_writes_nothing() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let prefecture = app.token(Role::Prefecture).await;
    // FY2027 runs from 2027-04-01 to 2028-03-31, Japan time.
    let on = |day: &str| {
        json!({"starts_at": format!("{day}T09:30:00+09:00"), "ends_at": format!("{day}T16:30:00+09:00"),
               "application_closes_at": format!("{day}T09:00:00+09:00")})
    };
    let may = app.seed().training().title("5月の研修").with(on("2027-05-10")).published().await;
    let march = app
        .seed()
        .training()
        .title("3月末の研修")
        .with(json!({"starts_at": "2028-03-31T23:00:00+09:00", "ends_at": "2028-03-31T23:50:00+09:00",
                     "application_closes_at": "2028-03-31T09:00:00+09:00"}))
        .published()
        .await;
    let april = app.seed().training().title("翌年度の研修").with(on("2028-04-01")).published().await;
    insert_application(&app, may.id, "髙﨑 𠮷", "x", "confirmed").await;
    insert_application(&app, march.id, "札幌 花子", "x", "confirmed").await;
    insert_application(&app, april.id, "翌年度 太郎", "x", "confirmed").await;

    let list = app.get_auth_json("/api/v1/rosters/trainings?fiscal_year=2027", &prefecture).await;
    let titles: Vec<&str> =
        list["trainings"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["5月の研修", "3月末の研修"]);

    for token in [&prefecture, &staff] {
        let path = "/api/v1/rosters?fiscal_year=2027&kind=participants&format=csv&columns=training_title,training_date,full_name";
        let (headers, bytes) = download(&app, path, token).await;
        assert!(headers["content-disposition"].to_str().unwrap().contains("_2027%E5%B9%B4%E5%BA%A6.csv"));
        assert_eq!(
            utf8_records(&bytes),
            [
                vec!["研修名", "開催日", "氏名"],
                vec!["5月の研修", "2027-05-10", "髙﨑 𠮷"],
                vec!["3月末の研修", "2028-03-31", "札幌 花子"],
            ]
        );
    }
    let (_, cells) = xlsx_cells(download(&app, "/api/v1/rosters?fiscal_year=2028&format=xlsx", &prefecture).await.1);
    assert_eq!(cells[0][..3], ["研修名", "開催日", "No."], "across trainings, the training comes first");
    assert_eq!(cells[1][..3], ["翌年度の研修", "2028-04-01", "1"]);
    assert_eq!(cells.len(), 2);

    let columns = app.get_auth_json("/api/v1/rosters/columns?kind=completers", &prefecture).await;
    assert_eq!(columns["label"], "修了者名簿");
    let problem =
        assert_problem(app.get_auth("/api/v1/rosters?kind=participants", &prefecture).await, 422, "validation_failed")
            .await;
    assert_eq!(error_fields(&problem), ["fiscal_year"]);
    let problem = assert_problem(
        app.get_auth("/api/v1/rosters?fiscal_year=2027&kind=survey", &prefecture).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["message"], "アンケート回答は研修ごとに出力してください");

    // The prefecture reads a training's roster too, and changes nothing.
    let (_, bytes) = download(&app, &roster(may.id, "participants", "columns=full_name"), &prefecture).await;
    assert_eq!(utf8_records(&bytes)[1], ["髙﨑 𠮷"]);
    let survey = json!({"questions": [{"kind": "free_text", "text": "x"}]});
    assert_problem(app.put_json(&paths::admin_survey(may.id), &survey, &prefecture).await, 403, "forbidden").await;
}

#[tokio::test]
async fn the_furigana_staff_take_down_by_phone_is_in_the_participants_roster() {
    let app = spawn_app().await;
    let staff = app.staff().await;
    let t = app.seed().training().published().await;
    app.seed().applicant(t.id, "web").await;
    let form = kenshu_api_tests::with(
        kenshu_api_tests::application_form(&app.unique_email("phone")),
        json!({"channel": "phone", "full_name": "旭川 太郎", "furigana": "あさひかわ　たろう"}),
    );
    let res = app.post_json(&paths::admin_training_applications(t.id), &form, Some(&staff)).await;
    assert_eq!(res.status(), 201);

    let (_, bytes) =
        download(&app, &roster(t.id, "participants", "format=csv&columns=full_name,furigana"), &staff).await;
    let rows = utf8_records(&bytes);
    assert_eq!(rows[0], ["氏名", "ふりがな"]);
    assert_eq!(
        rows[1..],
        [vec!["札幌 花子", ""], vec!["旭川 太郎", "あさひかわ たろう"]],
        "the web form has no ふりがな"
    );
}
