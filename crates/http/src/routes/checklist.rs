//! 主任介護支援専門員 資質・能力チェック表 (SPEC §6).

use actix_web::{get, web};
use kenshu_domain::checklist::{Band, QUESTIONS, SECTIONS, TITLE, VERSION};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistResponse {
    pub version: &'static str,
    pub title: &'static str,
    pub sections: Vec<ChecklistSection>,
    pub bands: Vec<BandInfo>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistSection {
    pub title: &'static str,
    pub questions: Vec<ChecklistQuestion>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistQuestion {
    /// 1–34
    pub number: u8,
    pub text: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BandInfo {
    pub band: Band,
    /// ①（30%未満）
    pub label: &'static str,
    pub min_yes: u8,
    pub max_yes: u8,
}

/// チェック表の設問
#[utoipa::path(tag = "applications", responses((status = 200, body = ChecklistResponse)))]
#[get("/checklist")]
pub async fn get_checklist() -> web::Json<ChecklistResponse> {
    let sections = SECTIONS
        .iter()
        .map(|s| ChecklistSection {
            title: s.title,
            questions: (s.first..=s.last)
                .map(|n| ChecklistQuestion { number: n, text: QUESTIONS[usize::from(n) - 1] })
                .collect(),
        })
        .collect();
    let bands = Band::ALL
        .iter()
        .map(|band| {
            let range: Vec<u8> = (0..=34).filter(|n| Band::of(*n) == *band).collect();
            BandInfo { band: *band, label: band.label(), min_yes: range[0], max_yes: range[range.len() - 1] }
        })
        .collect();
    web::Json(ChecklistResponse { version: VERSION, title: TITLE, sections, bands })
}
