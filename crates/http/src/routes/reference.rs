//! Reference data the practical-training form shows (seed 003), served so that the SPA
//! keeps no copy of it.

use actix_web::{get, web};
use kenshu_domain::practical::{PracticalKind, CERTIFICATE_FAX};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticalReference {
    /// Each 研修種別 with the 障害福祉サービス種別等 it serves (SPEC §5.3), in the form's order.
    pub kinds: Vec<KindServices>,
    /// The organiser's FAX number for copies of certificates.
    #[schema(example = "011-521-8551")]
    pub certificate_fax: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct KindServices {
    pub kind: PracticalKind,
    /// The services as the application's `placement.services` names them.
    pub services: Vec<&'static str>,
}

/// What the public pages say about the site itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct SiteReference {
    /// The address every mail comes from (`KENSHU_MAIL_FROM`, without a display name), for
    /// the お願い notice: applicants must be able to receive it.
    #[schema(example = "info@sapporo-cmrenkyo.jp")]
    pub mail_from: String,
}

/// 送信元メールアドレスなど
#[utoipa::path(tag = "applications", responses((status = 200, body = SiteReference)))]
#[get("/reference/site")]
pub async fn get_site_reference(st: web::Data<crate::state::AppState>) -> web::Json<SiteReference> {
    web::Json(SiteReference { mail_from: address_of(&st.config.mail_from).to_owned() })
}

/// `研修予約システム <no-reply@example.jp>` → `no-reply@example.jp`
fn address_of(mailbox: &str) -> &str {
    match (mailbox.rfind('<'), mailbox.rfind('>')) {
        (Some(open), Some(close)) if open < close => mailbox[open + 1..close].trim(),
        _ => mailbox.trim(),
    }
}

/// 実践研修の申込フォームの参照情報
///
/// The service types each practical kind serves and the FAX number for copies of
/// certificates. The same for every training; it changes only with a new release.
#[utoipa::path(tag = "practical", responses((status = 200, body = PracticalReference)))]
#[get("/reference/practical")]
pub async fn get_practical_reference() -> web::Json<PracticalReference> {
    let kinds = [PracticalKind::Sabikan, PracticalKind::Jihatsukan]
        .into_iter()
        .map(|kind| KindServices { kind, services: kind.services().to_vec() })
        .collect();
    web::Json(PracticalReference { kinds, certificate_fax: CERTIFICATE_FAX })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sender_address_without_its_name() {
        assert_eq!(super::address_of("研修予約システム <no-reply@kenshu.test>"), "no-reply@kenshu.test");
        assert_eq!(super::address_of("info@sapporo-cmrenkyo.jp"), "info@sapporo-cmrenkyo.jp");
    }
}
