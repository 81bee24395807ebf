use std::path::PathBuf;

use kenshu_api_tests::paths;

#[test]
fn openapi_yaml_is_up_to_date() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../openapi.yaml");
    let generated = kenshu_http::openapi::yaml();
    if std::env::var("KENSHU_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&committed, &generated).expect("write openapi.yaml");
        return;
    }
    let on_disk = std::fs::read_to_string(&committed).expect("openapi.yaml is committed");
    assert!(
        on_disk == generated,
        "openapi.yaml is out of date: run `KENSHU_BLESS=1 cargo test -p kenshu-api-tests openapi` (or `kenshu openapi > openapi.yaml`)"
    );
}

#[tokio::test]
async fn the_served_document_is_the_generated_one() {
    let app = kenshu_api_tests::spawn_app().await;
    let served = app.get_json(&paths::openapi_json()).await;
    let generated = serde_json::to_value(kenshu_http::openapi::document()).expect("json");
    assert_eq!(served, generated);
    assert!(served["paths"][paths::trainings()]["get"].is_object());
    assert!(served["components"]["schemas"]["Problem"].is_object());
}

#[test]
fn the_documented_error_codes_are_the_ones_the_api_sends() {
    let document = serde_json::to_value(kenshu_http::openapi::document()).expect("json");
    let documented: Vec<&str> = document["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .expect("ErrorCode is an enum")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect();
    let sent: Vec<String> = kenshu_domain::ErrorCode::ALL
        .iter()
        .map(|code| serde_json::to_value(code).expect("json").as_str().expect("a string").to_owned())
        .collect();
    assert_eq!(documented, sent);
    assert!(sent.iter().all(|code| code.chars().all(|c| c.is_ascii_lowercase() || c == '_')), "{sent:?}");
}

#[tokio::test]
async fn the_practical_form_reads_its_service_lists_and_fax_number_from_the_api() {
    let app = kenshu_api_tests::spawn_app().await;
    let reference = app.get_json(&paths::practical_reference()).await;
    assert_eq!(reference["certificate_fax"], kenshu_domain::practical::CERTIFICATE_FAX);
    let kinds = reference["kinds"].as_array().expect("kinds");
    assert_eq!(kinds.len(), 2, "{reference}");
    for kind in kinds {
        let parsed: kenshu_domain::practical::PracticalKind = serde_json::from_value(kind["kind"].clone()).unwrap();
        let services: Vec<&str> = kind["services"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        assert_eq!(services, parsed.services(), "{kind}");
    }
}
