//! Rosters (名簿) and their export (SPEC §9): which rosters exist, their columns, the columns
//! the organiser picks in the order picked, and how a record becomes a CSV line in UTF-8 or
//! CP932 without letting a spreadsheet run a cell as a formula.

use serde::Serialize;

use crate::text::cp932;
use crate::FieldIssue;

/// A roster the office can export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RosterKind {
    /// 受講者名簿: confirmed applications (accepted ones for a practical training).
    Participants,
    /// 演習時の受講者名簿: accepted practical applicants, by exercise schedule (演習日程).
    Exercise,
    /// 修了者名簿: a 受講証明書 issued, or the practical training completed.
    Completers,
    /// 選考一覧: every practical application in the proposed order.
    Selection,
    /// アンケート回答
    Survey,
}

impl RosterKind {
    pub const ALL: [RosterKind; 5] = [
        RosterKind::Participants,
        RosterKind::Exercise,
        RosterKind::Completers,
        RosterKind::Selection,
        RosterKind::Survey,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RosterKind::Participants => "participants",
            RosterKind::Exercise => "exercise",
            RosterKind::Completers => "completers",
            RosterKind::Selection => "selection",
            RosterKind::Survey => "survey",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The name people know it by, also the file's name.
    pub fn label(self) -> &'static str {
        match self {
            RosterKind::Participants => "受講者名簿",
            RosterKind::Exercise => "演習時の受講者名簿",
            RosterKind::Completers => "修了者名簿",
            RosterKind::Selection => "選考一覧",
            RosterKind::Survey => "アンケート回答",
        }
    }

    /// Exists only for a practical training (実践研修).
    pub fn practical_only(self) -> bool {
        matches!(self, RosterKind::Exercise | RosterKind::Selection)
    }

    /// The fixed columns, in their default order; the survey adds one per question.
    pub fn columns(self) -> &'static [(&'static str, &'static str, bool)] {
        match self {
            RosterKind::Participants => PARTICIPANTS,
            RosterKind::Exercise => EXERCISE,
            RosterKind::Completers => COMPLETERS,
            RosterKind::Selection => SELECTION,
            RosterKind::Survey => SURVEY,
        }
    }
}

/// (key, label, ticked by default)
type Fixed = &'static [(&'static str, &'static str, bool)];

const PARTICIPANTS: Fixed = &[
    ("training_id", "研修ID", false),
    ("training_title", "研修名", false),
    ("training_date", "開催日", false),
    ("no", "No.", true),
    ("application_id", "申込ID", true),
    ("full_name", "氏名", true),
    ("job_title", "資格・職名", false),
    ("furigana", "ふりがな", true),
    ("workplace", "所属", true),
    ("phone", "電話番号", true),
    ("email", "メールアドレス", true),
    ("member", "会員区分", false),
    ("birth_date", "生年月日", false),
    ("schedule", "演習日程", false),
    ("status", "状態", true),
    ("applied_at", "申込日時", true),
    ("checked_in_at", "入室日時", false),
    ("checked_out_at", "退室日時", false),
    ("attendance_note", "出席・受講の記録", false),
];

const EXERCISE: Fixed = &[
    ("training_id", "研修ID", false),
    ("training_title", "研修名", false),
    ("training_date", "開催日", false),
    ("schedule", "演習日程", true),
    ("schedule_time", "演習日時", true),
    ("no", "No.", true),
    ("application_id", "申込ID", true),
    ("full_name", "氏名", true),
    ("furigana", "ふりがな", true),
    ("practical_kind", "研修種別", true),
    ("office", "配置事業所", true),
    ("office_number", "事業所番号", false),
    ("phone", "電話番号", true),
    ("email", "メールアドレス", false),
    ("accommodations", "配慮事項", true),
    ("attended_on", "受講日", false),
    ("status", "状態", false),
];

const COMPLETERS: Fixed = &[
    ("training_id", "研修ID", false),
    ("training_title", "研修名", false),
    ("training_date", "開催日", false),
    ("no", "No.", true),
    ("application_id", "申込ID", true),
    ("full_name", "氏名", true),
    ("job_title", "資格・職名", false),
    ("furigana", "ふりがな", true),
    ("birth_date", "生年月日", true),
    ("workplace", "所属", true),
    ("certificate_number", "証書番号", true),
    ("completed_on", "修了日", true),
    ("phone", "電話番号", false),
    ("email", "メールアドレス", false),
];

const SELECTION: Fixed = &[
    ("training_id", "研修ID", false),
    ("training_title", "研修名", false),
    ("training_date", "開催日", false),
    ("rank", "提案順位", true),
    ("application_id", "申込ID", true),
    ("full_name", "氏名", true),
    ("furigana", "ふりがな", true),
    ("practical_kind", "研修種別", true),
    ("office", "配置事業所", true),
    ("office_number", "事業所番号", false),
    ("plan_category", "配置計画区分", true),
    ("shortage", "不足数", true),
    ("office_priority", "事業所内優先順位", true),
    ("wants_waitlist", "キャンセル待ち希望", true),
    ("submitted_at", "申込日時", true),
    ("state", "状態", true),
    ("proposal", "提案", true),
    ("proposal_reason", "提案理由", true),
    ("schedule", "演習日程", true),
];

const SURVEY: Fixed = &[
    ("training_id", "研修ID", false),
    ("training_title", "研修名", false),
    ("training_date", "開催日", false),
    ("application_id", "申込ID", true),
    ("full_name", "氏名", true),
    ("care_manager_number", "介護支援専門員番号", true),
    ("answered_at", "回答日時", true),
];

/// The columns across trainings start with which training a row belongs to.
pub const TRAINING_COLUMNS: [&str; 2] = ["training_title", "training_date"];

/// How the file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// CSV, UTF-8 with a BOM (Excel then reads it as UTF-8).
    Csv,
    /// CSV in CP932 for older Excel; what CP932 cannot hold is replaced and listed.
    CsvCp932,
    Xlsx,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Result<Self, FieldIssue> {
        match s {
            "csv" => Ok(ExportFormat::Csv),
            "csv-cp932" => Ok(ExportFormat::CsvCp932),
            "xlsx" => Ok(ExportFormat::Xlsx),
            other => Err(FieldIssue::new(
                "format",
                "unknown",
                format!("形式「{other}」は選べません（csv、csv-cp932、xlsx のいずれか）"),
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv | ExportFormat::CsvCp932 => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::CsvCp932 => "text/csv; charset=Shift_JIS",
            ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A column a roster can have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Column {
    /// What `columns=` names it by.
    pub key: String,
    /// Its heading in the file.
    pub label: String,
    /// Ticked when nothing is picked.
    pub default: bool,
}

/// Every column of one roster, in the default order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    pub columns: Vec<Column>,
}

impl Catalogue {
    /// The fixed columns of `kind`, then `extra` (the survey's questions: key, label).
    pub fn new(kind: RosterKind, extra: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut columns: Vec<Column> = kind
            .columns()
            .iter()
            .map(|&(key, label, default)| Column { key: key.into(), label: label.into(), default })
            .collect();
        columns.extend(extra.into_iter().map(|(key, label)| Column { key, label, default: true }));
        Catalogue { columns }
    }

    /// The same columns with the training's own columns ticked first: a roster across
    /// trainings must say which training each row is from.
    pub fn across_trainings(mut self) -> Self {
        for column in &mut self.columns {
            if TRAINING_COLUMNS.contains(&column.key.as_str()) {
                column.default = true;
            }
        }
        self
    }

    /// The positions of the columns picked, in the order picked (`a,b,c`); the defaults
    /// when nothing is picked. Every unknown or repeated key is named at once.
    pub fn pick(&self, requested: Option<&str>) -> Result<Vec<usize>, FieldIssue> {
        let Some(requested) = requested.map(str::trim).filter(|r| !r.is_empty()) else {
            return Ok((0..self.columns.len()).filter(|&i| self.columns[i].default).collect());
        };
        let mut picked = Vec::new();
        let mut unknown = Vec::new();
        let mut repeated = Vec::new();
        for key in requested.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            match self.columns.iter().position(|c| c.key == key) {
                Some(i) if picked.contains(&i) => repeated.push(key),
                Some(i) => picked.push(i),
                None => unknown.push(key),
            }
        }
        if !unknown.is_empty() {
            let names: Vec<String> = unknown.iter().map(|k| format!("「{k}」")).collect();
            return Err(FieldIssue::new(
                "columns",
                "unknown",
                format!("{}という列はありません（選べる列は列一覧で確認できます）", names.join("、")),
            ));
        }
        if !repeated.is_empty() {
            return Err(FieldIssue::new(
                "columns",
                "repeated",
                format!("列「{}」が2回以上指定されています", repeated.join("、")),
            ));
        }
        if picked.is_empty() {
            return Err(FieldIssue::new("columns", "required", "列を1つ以上選んでください"));
        }
        Ok(picked)
    }
}

/// A cell a spreadsheet would run as a formula (or whose leading tab or CR it would eat)
/// gets a leading `'`, which spreadsheets show as plain text.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Whether a cell starts like a formula (then XLSX writes it as text explicitly).
pub fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// One CSV field (RFC 4180): neutralised, then quoted when it holds a comma, quote or line
/// break, quotes doubled.
pub fn csv_field(cell: &str, out: &mut String) {
    let cell = neutralise(cell);
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

/// A character CP932 could not hold, where it was and what was written instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Substitution {
    /// The row as the spreadsheet numbers it (the header is row 1).
    pub row: u64,
    pub column_key: String,
    pub column_label: String,
    /// The character as stored, e.g. 𠮷.
    pub original: String,
    /// What the file holds instead (吉, 〓, or nothing for a variation selector).
    pub replacement: String,
}

/// Writes CSV records in UTF-8 (with a BOM before the first) or CP932, counting rows and
/// keeping every CP932 substitution for the note at the end.
#[derive(Debug)]
pub struct CsvWriter {
    cp932: bool,
    rows: u64,
    line: String,
    pub substitutions: Vec<Substitution>,
}

impl CsvWriter {
    pub fn new(format: ExportFormat) -> Self {
        CsvWriter { cp932: format == ExportFormat::CsvCp932, rows: 0, line: String::new(), substitutions: Vec::new() }
    }

    /// Rows written so far (the header included).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Appends one record, CRLF-terminated; `columns` names each cell for the report.
    pub fn record<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>, columns: &[&Column], out: &mut Vec<u8>) {
        self.rows += 1;
        if self.rows == 1 && !self.cp932 {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        for (i, cell) in cells.into_iter().enumerate() {
            self.line.clear();
            if i > 0 {
                self.line.push(',');
            }
            csv_field(cell, &mut self.line);
            if self.cp932 {
                let replaced = cp932::encode_into(&self.line, out);
                let column = columns.get(i);
                self.substitutions.extend(replaced.into_iter().map(|r| Substitution {
                    row: self.rows,
                    column_key: column.map(|c| c.key.clone()).unwrap_or_default(),
                    column_label: column.map(|c| c.label.clone()).unwrap_or_default(),
                    original: r.original.to_string(),
                    replacement: r.replacement.to_owned(),
                }));
            } else {
                out.extend_from_slice(self.line.as_bytes());
            }
        }
        out.extend_from_slice(b"\r\n");
    }

    /// After the data, for CP932: an empty line and the list of replaced characters, so the
    /// file itself says what changed. Nothing when nothing was replaced.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if !self.cp932 || self.substitutions.is_empty() {
            return;
        }
        let substitutions = std::mem::take(&mut self.substitutions);
        let mut note = format!(
            "\r\n※CP932（Shift_JIS）で表せない文字を置き換えました（{}件）。元の文字は UTF-8 版または Excel 版で確認できます。\r\n",
            substitutions.len()
        );
        note.push_str("行,列,元の文字,置き換え後\r\n");
        for s in &substitutions {
            let replacement = if s.replacement.is_empty() { "（省略）" } else { s.replacement.as_str() };
            // The original is written as its code point: CP932 cannot hold it.
            let code: Vec<String> = s.original.chars().map(|c| format!("U+{:04X}", c as u32)).collect();
            note.push_str(&format!("{},{},{},{}\r\n", s.row, s.column_label, code.join(" "), replacement));
        }
        cp932::encode_into(&note, out);
        self.substitutions = substitutions;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::new(RosterKind::Survey, [("q7".to_owned(), "満足度".to_owned())])
    }

    #[test]
    fn columns_come_in_the_order_picked_or_the_defaults() {
        let c = catalogue();
        let keys = |picked: Vec<usize>| picked.into_iter().map(|i| c.columns[i].key.clone()).collect::<Vec<_>>();
        assert_eq!(
            keys(c.pick(None).unwrap()),
            ["application_id", "full_name", "care_manager_number", "answered_at", "q7"]
        );
        assert_eq!(keys(c.pick(Some("q7, full_name")).unwrap()), ["q7", "full_name"]);
        assert_eq!(
            keys(c.clone().across_trainings().pick(None).unwrap())[..3],
            ["training_title", "training_date", "application_id"]
        );
    }

    #[test]
    fn unknown_repeated_or_no_columns_are_named() {
        let c = catalogue();
        let cases = [
            ("full_name,shoe_size,q9", "unknown", "「shoe_size」、「q9」という列はありません"),
            ("full_name,full_name", "repeated", "列「full_name」が2回以上指定されています"),
            (",", "required", "列を1つ以上選んでください"),
        ];
        for (requested, code, message) in cases {
            let issue = c.pick(Some(requested)).unwrap_err();
            assert_eq!((issue.field.as_str(), issue.code), ("columns", code), "{requested}");
            assert!(issue.message.starts_with(message), "{requested}: {}", issue.message);
        }
    }

    #[test]
    fn formulas_are_neutralised_and_fields_quoted() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+81", "'+81"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("a,b", "\"a,b\""),
            ("良い\"とても\"", "\"良い\"\"とても\"\"\""),
            ("髙﨑 𠮷", "髙﨑 𠮷"),
        ];
        for (cell, expected) in cases {
            let mut out = String::new();
            csv_field(cell, &mut out);
            assert_eq!(out, expected, "{cell:?}");
        }
    }

    #[test]
    fn cp932_rows_report_each_replacement_with_its_row_and_column() {
        let c = catalogue();
        let columns: Vec<&Column> = c.columns[3..5].iter().collect();
        let mut w = CsvWriter::new(ExportFormat::CsvCp932);
        let mut out = Vec::new();
        w.record(["申込ID", "氏名"], &columns, &mut out);
        w.record(["1", "髙﨑"], &columns, &mut out);
        w.record(["2", "𠮷田😀"], &columns, &mut out);
        w.finish(&mut out);
        let (text, _, errors) = encoding_rs::SHIFT_JIS.decode(&out);
        assert!(!errors);
        assert!(text.starts_with("申込ID,氏名\r\n1,髙﨑\r\n2,吉田〓\r\n\r\n※CP932"), "{text}");
        assert!(text.ends_with("行,列,元の文字,置き換え後\r\n3,氏名,U+20BB7,吉\r\n3,氏名,U+1F600,〓\r\n"), "{text}");
        assert_eq!(w.substitutions.len(), 2);
        assert_eq!((w.substitutions[0].row, w.substitutions[0].column_key.as_str()), (3, "full_name"));
    }
}
