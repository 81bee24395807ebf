//! 受講証明書 rendering with arbitrary Unicode in every printed text (names, titles, venue,
//! the verification code and URL), any number and issue date, with or without a seal.
//! Property: rendering returns a PDF or a clean error — the only error expected is a
//! character the font lacks, and that character is one of the inputs.
#![no_main]

use std::sync::LazyLock;

use arbitrary::{Arbitrary, Result, Unstructured};
use kenshu_pdf::samples::{self, SEAL_JPEG, SEAL_PNG};
use kenshu_pdf::{attendance_certificate, AttendanceCertificate, Font, PdfError, Seal, SealFormat};
use libfuzzer_sys::fuzz_target;
use time::macros::date;
use time::Date;

static FONT: LazyLock<Font> =
    LazyLock::new(|| Font::discover().expect("a Japanese font (apt-get install fonts-vlgothic)"));

/// The sample's text, or any text (half the time).
fn text(u: &mut Unstructured, sample: &mut String) -> Result<()> {
    if bool::arbitrary(u)? {
        *sample = String::arbitrary(u)?;
    }
    Ok(())
}

fn certificate(u: &mut Unstructured) -> Result<AttendanceCertificate> {
    let mut c = samples::attendance_certificate();
    for field in [
        &mut c.holder,
        &mut c.title,
        &mut c.fiscal_year_label,
        &mut c.organiser,
        &mut c.purpose,
        &mut c.held,
        &mut c.venue,
        &mut c.theme,
        &mut c.lecturer,
        &mut c.issuer,
        &mut c.representative,
        &mut c.verification.code,
        &mut c.verification.url,
    ] {
        text(u, field)?;
    }
    // 資格・職名: none, the sample's, or anything (printed before the name, wrapped when long).
    c.holder_title = match u.int_in_range(0..=2)? {
        0 => None,
        1 => c.holder_title.take(),
        _ => Some(String::arbitrary(u)?),
    };
    c.number = i32::arbitrary(u)?;
    let (min, max) = (date!(1868 - 01 - 01).to_julian_day(), date!(2200 - 12 - 31).to_julian_day());
    c.issued_on = Date::from_julian_day(u.int_in_range(min..=max)?).expect("in range");
    c.seal = match u.int_in_range(0..=2)? {
        0 => None,
        1 => Some(Seal::new(SealFormat::Png, SEAL_PNG.to_vec())),
        _ => Some(Seal::new(SealFormat::Jpeg, SEAL_JPEG.to_vec())),
    };
    Ok(c)
}

fuzz_target!(|data: &[u8]| {
    let Ok(c) = certificate(&mut Unstructured::new(data)) else { return };
    match attendance_certificate(&c, &FONT) {
        Ok(pdf) => assert!(pdf.starts_with(b"%PDF-")),
        Err(PdfError::MissingGlyph { ch }) => {
            let printed = [
                &c.holder,
                &c.title,
                &c.fiscal_year_label,
                &c.organiser,
                &c.purpose,
                &c.held,
                &c.venue,
                &c.theme,
                &c.lecturer,
                &c.issuer,
                &c.representative,
                &c.verification.code,
            ];
            let in_title = c.holder_title.as_deref().is_some_and(|t| t.contains(ch));
            assert!(in_title || printed.iter().any(|t| t.contains(ch)), "{ch:?} is missing but was not printed");
        }
        Err(other) => panic!("rendering failed: {other}"),
    }
});
