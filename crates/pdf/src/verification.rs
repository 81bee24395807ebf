//! The verification block every certificate carries: a QR code of its verification URL,
//! drawn as vector squares, with the URL and the code beside it for those who type.

use qrcode::{Color, EcLevel, QrCode};

use crate::layout::{Op, Sheet};

/// What a certificate prints to be checked: the code (grouped for reading) and its URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// 7K3QZ-… as people read it.
    pub code: String,
    /// `{KENSHU_PUBLIC_URL}/verify/{code}`, what the QR code holds.
    pub url: String,
}

/// The QR code's modules, row by row, and how many there are per row.
pub(crate) fn modules(url: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    Some((code.width(), code.to_colors().into_iter().map(|c| c == Color::Dark).collect()))
}

/// Draws the block with its QR code `size` points square at (`x`, `top`), and the lines
/// beside it, within `width`.
pub(crate) fn block(sheet: &mut Sheet<'_>, v: &Verification, x: f32, top: f32, size: f32, width: f32) {
    if let Some((per_row, dark)) = modules(&v.url) {
        let module = size / per_row as f32;
        sheet.push(Op::Modules { x, y: top, module, width: per_row, dark });
    }
    let text_x = x + size + 10.0;
    let text_width = width - size - 10.0;
    let lines = [
        ("この証明書の真偽は、QRコードまたは下記のURLで確認できます。".to_owned(), 7.5),
        (v.url.clone(), 7.5),
        (format!("検証コード　{}", v.code), 9.0),
    ];
    let mut y = top + (size - 3.0 * 13.0) / 2.0;
    for (line, size) in lines {
        let size = sheet.fit(&line, size, text_width);
        sheet.text_at(text_x, y, 13.0, size, &line, false);
        y += 13.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_makes_a_square_code() {
        let (width, dark) = modules("https://kenshu.example/verify/0123456789ABCDEFGHJK").expect("qr");
        assert_eq!(dark.len(), width * width);
        assert!(dark.iter().any(|d| *d) && dark.iter().any(|d| !*d));
    }
}
