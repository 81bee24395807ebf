//! Rosters written to the response as their pages arrive: CSV (UTF-8 with BOM, or CP932
//! with a closing note on every replaced character) page by page, and XLSX through
//! rust_xlsxwriter's constant-memory worksheet (rows go to a temporary file as written)
//! whose ZIP is streamed out as it is compressed. Neither holds the whole roster.

use std::io::{self, Write};

use actix_web::body::BoxBody;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, Responder};
use futures_util::stream::{self, Stream, StreamExt};
use kenshu_domain::roster::{Column, CsvWriter, ExportFormat, Substitution};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use tokio::sync::mpsc;

use crate::transport::download::attachment;
use crate::usecases::rosters::{Roster, RowPages};

/// A roster as a streamed attachment.
pub struct Export {
    pub roster: Roster,
    pub format: ExportFormat,
}

impl Responder for Export {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        let Export { roster, format } = self;
        let filename = format!("{}.{}", roster.filename, format.extension());
        let mut response = HttpResponse::Ok();
        response
            .content_type(format.content_type())
            .insert_header(attachment(&filename))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .insert_header((header::CACHE_CONTROL, "private, no-store"));
        match format {
            ExportFormat::Xlsx => response.streaming(xlsx_stream(roster.kind.label(), roster.columns, roster.pages)),
            _ => response.streaming(csv_stream(format, roster.columns, roster.pages)),
        }
    }
}

fn broken(e: impl std::fmt::Display) -> io::Error {
    tracing::error!(error = %e, "export stopped");
    io::Error::other("export stopped")
}

/// The header, then each page as one chunk, then (CP932) the note on replaced characters.
pub fn csv_stream(
    format: ExportFormat,
    columns: Vec<Column>,
    pages: RowPages,
) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
    let writer = CsvWriter::new(format);
    stream::unfold((writer, Some(pages), columns, false), |(mut writer, pages, columns, started)| async move {
        let mut out = Vec::new();
        let refs: Vec<&Column> = columns.iter().collect();
        if !started {
            writer.record(columns.iter().map(|c| c.label.as_str()), &refs, &mut out);
            return Some((Ok(Bytes::from(out)), (writer, pages, columns, true)));
        }
        let mut pages = pages?;
        match pages.next().await {
            Some(Ok(rows)) => {
                for row in &rows {
                    writer.record(row.iter().map(String::as_str), &refs, &mut out);
                }
                Some((Ok(Bytes::from(out)), (writer, Some(pages), columns, true)))
            }
            Some(Err(e)) => Some((Err(broken(e)), (writer, None, columns, true))),
            None => {
                writer.finish(&mut out);
                Some((Ok(Bytes::from(out)), (writer, None, columns, true)))
            }
        }
    })
    .filter(|chunk| std::future::ready(!matches!(chunk, Ok(bytes) if bytes.is_empty())))
}

/// Every character a CP932 export would replace, without writing the file.
pub async fn cp932_substitutions(
    columns: Vec<Column>,
    mut pages: RowPages,
) -> Result<Vec<Substitution>, crate::error::AppError> {
    let mut writer = CsvWriter::new(ExportFormat::CsvCp932);
    let refs: Vec<&Column> = columns.iter().collect();
    let mut sink = Vec::new();
    writer.record(columns.iter().map(|c| c.label.as_str()), &refs, &mut sink);
    while let Some(rows) = pages.next().await {
        for row in &rows? {
            sink.clear();
            writer.record(row.iter().map(String::as_str), &refs, &mut sink);
        }
    }
    Ok(writer.substitutions)
}

/// Bytes written by the workbook, sent on in 64 KiB chunks; a slow client holds the
/// writer back (the channel is bounded), a gone one stops it.
struct ChannelWriter {
    tx: mpsc::Sender<io::Result<Bytes>>,
    buf: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// The workbook is built on a blocking thread that pulls the pages itself, and its ZIP
/// comes out through a bounded channel as it is written.
pub fn xlsx_stream(
    sheet: &'static str,
    columns: Vec<Column>,
    pages: RowPages,
) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
    let (tx, rx) = mpsc::channel(4);
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let mut out = ChannelWriter { tx: tx.clone(), buf: Vec::with_capacity(CHUNK) };
        let written = write_xlsx(&handle, sheet, &columns, pages, &mut out).and_then(|()| Ok(out.flush()?));
        if let Err(e) = written {
            let _ = tx.blocking_send(Err(broken(e)));
        }
    });
    stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) })
}

#[derive(Debug, thiserror::Error)]
enum XlsxFailure {
    #[error(transparent)]
    Xlsx(#[from] XlsxError),
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("{0}")]
    Rows(String),
}

/// One worksheet, the header bold and frozen. Every cell is written as a string, so a cell
/// like `=1+1` is text, never a formula.
fn write_xlsx(
    handle: &tokio::runtime::Handle,
    sheet: &str,
    columns: &[Column],
    mut pages: RowPages,
    out: &mut ChannelWriter,
) -> Result<(), XlsxFailure> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = workbook.add_worksheet_with_constant_memory()?;
    ws.set_name(sheet)?;
    for (c, column) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, if column.key == "no" || column.key.ends_with("_id") { 8 } else { 18 })?;
        ws.write_string_with_format(0, c as u16, &column.label, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let mut r = 1u32;
    while let Some(rows) = handle.block_on(pages.next()) {
        // The client went away: stop reading instead of building a file nobody receives.
        if out.tx.is_closed() {
            return Err(io::Error::from(io::ErrorKind::BrokenPipe).into());
        }
        for row in rows.map_err(|e| XlsxFailure::Rows(e.to_string()))? {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r, c as u16, cell)?;
                }
            }
            r += 1;
        }
    }
    workbook.save_to_writer(&mut *out)?;
    Ok(())
}
