//! A table of text as the office opens it: CSV (UTF-8 with BOM, RFC 4180) or XLSX.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::AppError;

/// A header row and rows of cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One CSV field: quoted when it holds a comma, quote or line break (quotes doubled). A
/// cell Excel would read as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`, so a
/// participant's free text never runs in the office's spreadsheet.
fn csv_field(cell: &str, out: &mut String) {
    let guarded;
    let cell = if cell.starts_with(['=', '+', '-', '@']) {
        guarded = format!("'{cell}");
        guarded.as_str()
    } else {
        cell
    };
    if cell.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

impl Table {
    /// UTF-8 with a BOM (Excel then reads it as UTF-8), CRLF after every record.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = String::from('\u{feff}');
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                csv_field(cell, &mut out);
            }
            out.push_str("\r\n");
        }
        out.into_bytes()
    }

    /// One worksheet, the header in bold and frozen; every cell is text (never a formula).
    pub fn xlsx(&self, sheet: &str) -> Result<Vec<u8>, AppError> {
        self.try_xlsx(sheet).map_err(AppError::internal)
    }

    fn try_xlsx(&self, sheet: &str) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold();
        let ws = workbook.add_worksheet();
        ws.set_name(sheet)?;
        for (c, title) in self.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, title, &bold)?;
            ws.set_column_width(c as u16, if c == 0 { 10 } else { 20 })?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32 + 1, c as u16, cell)?;
            }
        }
        workbook.save_to_buffer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it_and_never_starts_a_formula() {
        let table = Table {
            header: vec!["氏名".into(), "回答".into()],
            rows: vec![vec!["髙﨑 𠮷".into(), "良い, \"とても\"\n次回も".into()], vec!["=1+1".into(), "".into()]],
        };
        let text = String::from_utf8(table.csv()).unwrap();
        assert_eq!(text, "\u{feff}氏名,回答\r\n髙﨑 𠮷,\"良い, \"\"とても\"\"\n次回も\"\r\n'=1+1,\r\n");
    }
}
