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
