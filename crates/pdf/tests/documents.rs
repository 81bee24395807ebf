//! Renders every document with the real font and reads it back with poppler-utils
//! (pdftotext, pdffonts, pdftoppm), as a person would open it.
//!
//! Needs `apt-get install fonts-vlgothic poppler-utils`. The PDFs and page-1 PNGs are left in
//! `$TMPDIR/kenshu-pdf-check/` for looking at.

use std::path::PathBuf;
use std::process::Command;

use kenshu_pdf::samples::{self, NAME};
use kenshu_pdf::{
    attendance_certificate, attendance_certificates, completion_certificate, notice_letter, CompletionCertificate,
    Decision, Font, NoticeLetter, PdfError, Seal, SealFormat,
};

fn font() -> Font {
    Font::discover().unwrap_or_else(|e| panic!("{e}"))
}

fn letter(decision: Decision) -> NoticeLetter {
    samples::notice_letter(decision)
}

fn certificate() -> CompletionCertificate {
    samples::completion_certificate()
}

/// Runs a poppler tool; a missing tool fails the test with the package to install.
fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} ({e}): apt-get install poppler-utils"));
    assert!(output.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("poppler prints UTF-8")
}

/// Writes the PDF and its page-1 PNG, checks what every document must satisfy, and
/// returns the extracted text without whitespace (line breaks fall anywhere).
fn check(name: &str, pdf: &[u8]) -> String {
    assert!(pdf.len() < 100_000, "{name}: {} bytes", pdf.len());
    let dir = std::env::temp_dir().join("kenshu-pdf-check");
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let path = path.to_str().unwrap();

    let fonts = poppler("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name}: no fonts\n{fonts}");
    for row in rows {
        // name type encoding emb sub uni object ID: a subset is named ABCDEF+Name.
        let columns: Vec<&str> = row.split_whitespace().collect();
        let flags = &columns[columns.len() - 5..columns.len() - 2];
        assert_eq!(flags, ["yes", "yes", "yes"], "{name}: emb/sub/uni\n{fonts}");
        assert_eq!(columns[0].find('+'), Some(6), "{name}: subset tag\n{fonts}");
    }

    let png_prefix = dir.join(name);
    poppler("pdftoppm", &["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", path, png_prefix.to_str().unwrap()]);

    poppler("pdftotext", &["-enc", "UTF-8", path, "-"]).chars().filter(|c| !c.is_whitespace()).collect()
}

fn assert_contains(text: &str, expected: &[&str]) {
    for wanted in expected {
        let wanted: String = wanted.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&wanted), "missing {wanted:?} in\n{text}");
    }
}

#[test]
fn an_acceptance_notice_prints_the_name_dates_and_schedule() {
    let text = check("notice-accepted", &notice_letter(&letter(Decision::Accepted), &font()).unwrap());
    assert_contains(
        &text,
        &[
            "実践研修第12-3号",
            "令和8年11月24日",
            "〒060-0001",
            "社会福祉法人ケンシュウ福祉会",
            "障がい者支援施設 ひかりの里",
            "𠮷野 髙﨑 太郎 様",
            "北海道保健福祉部福祉局障がい者保健福祉課",
            "令和8年度 北海道サービス管理責任者実践研修 受講決定通知書",
            "あなたの受講が決定しましたので、下記のとおり通知します。",
            "受講者氏名𠮷野 髙﨑 太郎",
            "講義日程令和8年12月1日(火)〜12月2日(水)（オンライン）",
            // pdftotext reads the wide gap inside the cell as two columns.
            "演習日程第2日程（札幌会場）",
            "令和9年1月20日(水)・21日(木)",
            "会場北海道自治労会館",
            "【お問い合わせ先】",
            "電話 011-231-4111",
            "kenshu@example.jp",
        ],
    );
}

#[test]
fn a_rejection_notice_refuses_politely() {
    let text = check("notice-rejected", &notice_letter(&letter(Decision::Rejected), &font()).unwrap());
    assert_contains(
        &text,
        &[
            "令和8年度 北海道サービス管理責任者実践研修 受講可否通知書",
            "申込多数のため、誠に残念ながら今回は受講いただけないこととなりました。",
            "申込者氏名𠮷野 髙﨑 太郎",
        ],
    );
    assert!(!text.contains("演習日程"), "{text}");
}

#[test]
fn a_not_eligible_notice_names_the_requirements_not_met() {
    let reasons = vec![
        "実務経験が通算5年以上必要です（入力: 3年2か月）（※2）".to_string(),
        "基礎研修の修了日が入力されていません（※E）".to_string(),
    ];
    let text =
        check("notice-not-eligible", &notice_letter(&letter(Decision::NotEligible { reasons }), &font()).unwrap());
    assert_contains(
        &text,
        &[
            "下記の受講要件を満たしていないため",
            "理由受講要件を満たしていないため",
            "実務経験が通算5年以上必要です（入力: 3年2か月）（※2）",
            "基礎研修の修了日が入力されていません（※E）",
        ],
    );
    assert!(!text.contains("申込多数"), "{text}");
}

#[test]
fn a_waiting_list_notice_gives_the_position_and_promises_a_call() {
    let waitlisted = Decision::Waitlisted { position: Some(3) };
    let text = check("notice-waitlisted", &notice_letter(&letter(waitlisted), &font()).unwrap());
    assert_contains(
        &text,
        &[
            "受講可否通知書",
            "キャンセル待ち（補欠）として登録いたしました。補欠順位は第3位です。",
            "欠員が生じた場合は、補欠順位に従い、事務局から改めてご連絡いたします。",
            "補欠順位第3位",
            "申込者氏名𠮷野 髙﨑 太郎",
        ],
    );
}

#[test]
fn a_certificate_prints_the_name_exactly_with_wareki_dates() {
    let text = check("certificate", &completion_certificate(&certificate(), &font()).unwrap());
    assert_contains(
        &text,
        &[
            "第 R8-0123 号",
            "修了証書",
            NAME,
            "昭和55年4月1日生",
            "あなたは令和8年度北海道サービス管理責任者実践研修の全課程を修了したことを証します。",
            "研修期間：令和8年12月1日〜令和9年1月21日",
            "更新研修の受講期限：令和13年3月31日",
            "令和9年2月10日",
            // pdftotext reads the verification block between the issuer's title and name.
            "北海道知事",
            "鈴木 直道",
            "検証コード R2D4F-6H8JK-MNPQR-STVWX",
            "https://kenshu.example.jp/verify/R2D4F6H8JKMNPQRSTVWX",
        ],
    );
}

#[test]
fn an_attendance_certificate_prints_every_particular_as_the_seed_does() {
    let pdf = attendance_certificate(&samples::attendance_certificate(), &font()).unwrap();
    assert!(pdf.len() <= 60_000, "{} bytes", pdf.len());
    let text = check("attendance-certificate", &pdf);
    assert_contains(
        &text,
        &[
            "No. 410",
            "令和2年度 札幌市介護支援専門員連絡協議会",
            "令和2年度第1回ケアマネ資質向上研修会",
            "受 講 証 明 書",
            "目的：福祉に従事する方に必要な知識・技術・資質の維持・向上を目的とする。",
            "主催：札幌市介護支援専門員連絡協議会",
            "日時：令和2年11月06日(金) 09:30～10:00",
            "会場：札幌市社会福祉総合センター 4階 大研修室",
            "講師：札幌市介護支援専門員連絡協議会",
            "上記の研修を受講したことを証明します。",
            &format!("{NAME} 様"),
            "令和2年11月06日",
            "一般社団法人札幌市介護支援専門員連絡協議会",
            "会長 由井 康博",
            "検証コード 7K3QZ-M9W2D-X4T8B-N6RHC",
            "https://kenshu.example.jp/verify/7K3QZM9W2DX4T8BN6RHC",
        ],
    );
    for rare in ["髙", "﨑", "𠮷"] {
        assert!(text.contains(rare), "{rare}");
    }
    // The holder's line comes back exactly as seed 000 writes it: title, name, 様, one line
    // in reading order (the full-width spaces printed between them read back as spaces).
    let path = std::env::temp_dir().join("kenshu-pdf-check").join("attendance-certificate.pdf");
    let lines = poppler("pdftotext", &["-raw", "-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let holder = format!("{} {NAME} 様", samples::JOB_TITLE);
    assert!(lines.lines().any(|l| l == holder), "no line {holder:?} in\n{lines}");
}

#[test]
fn a_jpeg_seal_embeds_and_a_broken_one_is_refused() {
    let mut certificate = samples::attendance_certificate();
    certificate.seal = Some(Seal::new(SealFormat::Jpeg, samples::SEAL_JPEG.to_vec()));
    check("attendance-certificate-jpeg", &attendance_certificate(&certificate, &font()).unwrap());
    assert!(Seal::new(SealFormat::Png, samples::SEAL_PNG.to_vec()).check().is_ok());
    assert!(Seal::new(SealFormat::Jpeg, samples::SEAL_JPEG.to_vec()).check().is_ok());
    let mut broken = samples::SEAL_PNG.to_vec();
    broken.truncate(120);
    assert!(Seal::new(SealFormat::Png, broken).check().is_err());
    assert!(Seal::new(SealFormat::Jpeg, samples::SEAL_PNG.to_vec()).check().is_err());
}

#[test]
fn a_training_prints_as_one_pdf_of_a_page_each() {
    let certificates: Vec<_> = (0..3)
        .map(|i| {
            let mut c = samples::attendance_certificate();
            c.number = 410 + i;
            c
        })
        .collect();
    let pdf = attendance_certificates(&certificates, &font()).unwrap();
    let text = check("attendance-certificates", &pdf);
    assert_contains(&text, &["No. 410", "No. 411", "No. 412"]);
    assert_eq!(text.matches("上記の研修を受講したことを証明します。").count(), 3);
}

#[test]
fn rendering_is_deterministic_and_shares_one_font_across_threads() {
    let font = font();
    let expected = completion_certificate(&certificate(), &font).unwrap();
    let rendered: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> =
            (0..4).map(|_| s.spawn(|| completion_certificate(&certificate(), &font.clone()).unwrap())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(rendered.iter().all(|pdf| *pdf == expected));
}

#[test]
fn a_character_the_font_lacks_is_an_error_not_an_empty_box() {
    let mut certificate = certificate();
    certificate.holder_name = "山田 \u{10FFFD}".into();
    let err = completion_certificate(&certificate, &font()).unwrap_err();
    assert!(matches!(err, PdfError::MissingGlyph { ch: '\u{10FFFD}' }), "{err}");
}
