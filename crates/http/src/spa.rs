//! The built SPA, served from wherever `kenshu` runs.
//!
//! Where it is found: `KENSHU_SPA_DIR` if set; else `spa/` beside the executable (a release
//! ships as `kenshu` + `spa/`); else the checkout's `frontend/dist`, whose path is known at
//! compile time. Never relative to the working directory.
//!
//! Files are served by hand rather than by actix-files' `Files` service, which logs the
//! requested path at DEBUG when a file is missing, and a client route like `/me/{key}` (no
//! such file) holds a My Page key. Client routes get `index.html` without any logging.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_files::NamedFile;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};

/// The SPA's directory: `configured`, else the first of `spa/` beside the executable and the
/// checkout's `frontend/dist` that holds an `index.html`, else the checkout's (where
/// `npm run build` will put it).
pub fn locate(configured: Option<&Path>) -> PathBuf {
    if let Some(dir) = configured {
        return dir.to_owned();
    }
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../frontend/dist");
    let beside_executable = std::env::current_exe().ok().and_then(|exe| Some(exe.parent()?.join("spa")));
    beside_executable
        .into_iter()
        .chain([checkout.clone()])
        .find(|dir| dir.join("index.html").is_file())
        .unwrap_or(checkout)
}

/// Every GET and HEAD the API did not claim: a file of the SPA, or `index.html`.
pub fn service(dir: PathBuf) -> actix_web::Resource {
    let dir = Arc::new(dir);
    let (get, head) = (dir.clone(), dir);
    web::resource("/{path:.*}")
        .route(web::get().to(move |req: HttpRequest| serve(get.clone(), req)))
        .route(web::head().to(move |req: HttpRequest| serve(head.clone(), req)))
        .default_service(web::to(crate::routes::methods::spa_not_allowed))
}

async fn serve(dir: Arc<PathBuf>, req: HttpRequest) -> HttpResponse {
    let path = req.match_info().query("path");
    if let Some(file) = file_in(&dir, path).filter(|_| !path.is_empty()) {
        if let Ok(file) = NamedFile::open(&file) {
            let mut response = file.into_response(&req);
            // Vite names what it puts in assets/ by content hash.
            if path.starts_with("assets/") {
                let immutable = HeaderValue::from_static("public, max-age=31536000, immutable");
                response.headers_mut().insert(header::CACHE_CONTROL, immutable);
            }
            return response;
        }
    }
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        return HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body("Not Found");
    }
    index(&dir, &req)
}

/// `index.html` for a client route, never stored: the URL may hold a My Page key.
fn index(dir: &Path, req: &HttpRequest) -> HttpResponse {
    let mut response = match NamedFile::open(dir.join("index.html")) {
        Ok(file) => file.into_response(req),
        Err(_) => HttpResponse::ServiceUnavailable().content_type("text/html; charset=utf-8").body(
            "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>研修予約システム</title>\
             <p>画面（SPA）がビルドされていません。<code>npm --prefix frontend run build</code> を実行してください\
             （ビルド済みの画面は <code>KENSHU_SPA_DIR</code> か、実行ファイルと同じ場所の <code>spa/</code> に置きます）。</p></html>",
        ),
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The file a URL path names inside `dir`, if it is one. Segments that could leave the
/// directory or reach hidden files (`..`, `.env`, empty, backslashes) name nothing.
fn file_in(dir: &Path, path: &str) -> Option<PathBuf> {
    let safe = path.split('/').all(|s| !s.is_empty() && !s.starts_with('.') && !s.contains(['\\', '\0']));
    let file = dir.join(path);
    (safe && file.is_file()).then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_the_directory_name_files() {
        let dir = std::env::temp_dir().join(format!("kenshu-spa-unit-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dir.join("assets/app.js"), "").unwrap();
        std::fs::write(dir.join(".env"), "SECRET=1").unwrap();
        assert_eq!(file_in(&dir, "index.html"), Some(dir.join("index.html")));
        assert_eq!(file_in(&dir, "assets/app.js"), Some(dir.join("assets/app.js")));
        for bad in ["", "../Cargo.toml", "assets/../index.html", ".env", "assets//app.js", "assets", "me/abc", "a\\b"] {
            assert_eq!(file_in(&dir, bad), None, "{bad}");
        }
        assert_eq!(locate(Some(&dir)), dir);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
