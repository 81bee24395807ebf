//! Renders every document with the real font and reads it back with poppler-utils
//! (pdftotext, pdffonts, pdftoppm), as a person would open it.
//!
//! Needs `apt-get install fonts-vlgothic poppler-utils`. The PDFs and page-1 PNGs are left in
//! `$TMPDIR/kenshu-pdf-check/` for looking at.

use std::path::PathBuf;
use std::process::Command;

use kenshu_pdf::samples::{self, NAME};
use kenshu_pdf::{
    completion_certificate, notice_letter, CompletionCertificate, Decision, Font, NoticeLetter, PdfError,
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
            "北海道知事 鈴木 直道",
        ],
    );
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
