//! Every file the server hands out: named in UTF-8 (RFC 6266 `filename*`, with an ASCII
//! fallback), never sniffed by the browser, and never kept by a cache when it is personal.

use actix_web::body::BoxBody;
use actix_web::http::header::{self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
use actix_web::{HttpRequest, HttpResponse, Responder};

/// Who may see the file, which decides whether caches may keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privacy {
    /// On the public page: caches may keep it but must ask again (ETag).
    Public,
    /// Personal data or a participant's file: `no-store`.
    Personal,
}

/// A file as an attachment download.
pub struct Download {
    pub content_type: String,
    pub filename: String,
    pub bytes: Vec<u8>,
    pub privacy: Privacy,
    /// A strong validator (the content's hash), when known.
    pub etag: Option<String>,
}

impl Download {
    pub fn personal(content_type: impl Into<String>, filename: impl Into<String>, bytes: Vec<u8>) -> Self {
        Self {
            content_type: content_type.into(),
            filename: filename.into(),
            bytes,
            privacy: Privacy::Personal,
            etag: None,
        }
    }
}

/// `修了証書_12.pdf` → `_____12.pdf`: what a client without RFC 6266 support shows.
fn ascii_fallback(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect()
}

/// `attachment` named in UTF-8 (RFC 6266 / RFC 5987 `filename*`) with an ASCII fallback.
pub fn attachment(filename: &str) -> ContentDisposition {
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii_fallback(filename)),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".to_owned()),
                language_tag: None,
                value: filename.as_bytes().to_vec(),
            }),
        ],
    }
}

impl Responder for Download {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        let disposition = attachment(&self.filename);
        let cache = match self.privacy {
            Privacy::Public => "public, no-cache",
            Privacy::Personal => "private, no-store",
        };
        let mut response = HttpResponse::Ok();
        response
            .content_type(self.content_type)
            .insert_header(disposition)
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .insert_header((header::CACHE_CONTROL, cache));
        if let Some(etag) = self.etag {
            response.insert_header((header::ETAG, format!("\"{etag}\"")));
        }
        response.body(self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn a_personal_download_is_named_in_utf8_and_never_stored() {
        let req = TestRequest::default().to_http_request();
        let res = Download::personal("application/pdf", "修了証書_12.pdf", b"%PDF".to_vec()).respond_to(&req);
        let h = res.headers();
        let get = |name| h.get(name).and_then(|v| v.to_str().ok());
        assert_eq!(
            get(header::CONTENT_DISPOSITION),
            Some("attachment; filename=\"_____12.pdf\"; filename*=UTF-8''%E4%BF%AE%E4%BA%86%E8%A8%BC%E6%9B%B8_12.pdf")
        );
        assert_eq!(get(header::CACHE_CONTROL), Some("private, no-store"));
        assert_eq!(get(header::X_CONTENT_TYPE_OPTIONS), Some("nosniff"));
    }
}
