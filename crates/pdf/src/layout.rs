//! Laying text out on A4 pages, then drawing it with krilla.
//!
//! Layout and drawing are separate: documents produce [`Op`]s page by page, so what goes
//! where can be tested without parsing a PDF.

use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;
use krilla::Document;

use crate::font::{Font, Metrics};
use crate::wrap::wrap;
use crate::PdfError;

pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// Baseline below the top of the em box: Japanese glyphs sit in roughly the top 88 %.
const ASCENT: f32 = 0.88;
/// Stroke width, in ems, that thickens a regular face into a heading.
const BOLD_STROKE: f32 = 0.03;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}

/// One thing to draw, in points from the top-left corner of the page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        text: String,
        bold: bool,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    /// A rectangle, outlined with `stroke` points and/or filled with grey `fill` (0 black–255 white).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        stroke: Option<f32>,
        fill: Option<u8>,
    },
    /// A raster image (the organiser's seal) scaled into `w` × `h` points.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: crate::seal::Seal,
    },
    /// Dark squares of a QR code, `module` points each, filled as one black path.
    Modules {
        x: f32,
        y: f32,
        module: f32,
        /// Modules per row.
        width: usize,
        dark: Vec<bool>,
    },
}

/// Page margins in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// A document being laid out: finished pages plus a cursor `y` that flows down the
/// current page and moves to a new one when the next block would not fit.
pub(crate) struct Sheet<'f> {
    metrics: Metrics<'f>,
    pages: Vec<Vec<Op>>,
    margins: Margins,
    /// Top of the next line, in points from the top of the page.
    pub y: f32,
}

impl<'f> Sheet<'f> {
    pub fn new(font: &'f Font, margins: Margins) -> Self {
        Sheet { metrics: font.metrics(), pages: vec![Vec::new()], margins, y: margins.top }
    }

    pub fn left(&self) -> f32 {
        self.margins.left
    }

    pub fn right(&self) -> f32 {
        PAGE_WIDTH - self.margins.right
    }

    pub fn bottom(&self) -> f32 {
        PAGE_HEIGHT - self.margins.bottom
    }

    pub fn width(&self) -> f32 {
        self.right() - self.left()
    }

    pub fn measure(&self, text: &str, size: f32) -> f32 {
        self.metrics.width(text, size)
    }

    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        wrap(text, width, |piece| self.metrics.width(piece, size))
    }

    /// The largest size up to `size` at which `text` fits on one line of `width`.
    pub fn fit(&self, text: &str, size: f32, width: f32) -> f32 {
        let natural = self.measure(text, size);
        if natural <= width {
            size
        } else {
            size * width / natural
        }
    }

    pub fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a sheet always has a page").push(op);
    }

    pub fn gap(&mut self, height: f32) {
        self.y += height;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > self.margins.top {
            self.pages.push(Vec::new());
            self.y = self.margins.top;
        }
    }

    /// Text whose em box is centred in a line box of `line_height` starting at `top`.
    pub fn text_at(&mut self, x: f32, top: f32, line_height: f32, size: f32, text: &str, bold: bool) {
        let baseline = top + (line_height - size) / 2.0 + ASCENT * size;
        self.push(Op::Text { x, baseline, size, text: text.to_string(), bold });
    }

    /// One unwrapped line across the text column.
    pub fn line(&mut self, text: &str, size: f32, line_height: f32, align: Align) {
        self.ensure(line_height);
        let x = match align {
            Align::Left => self.left(),
            Align::Centre => self.left() + (self.width() - self.measure(text, size)) / 2.0,
            Align::Right => self.right() - self.measure(text, size),
        };
        self.text_at(x, self.y, line_height, size, text, false);
        self.y += line_height;
    }

    /// A centred heading: one line if it fits, else the parts on lines of their own, each
    /// shrunk as far as needed.
    pub fn heading(&mut self, parts: &[&str], size: f32, line_height: f32) {
        let whole = parts.join(" ");
        let lines = if self.measure(&whole, size) <= self.width() {
            vec![whole]
        } else {
            parts.iter().map(|p| p.to_string()).collect()
        };
        for line in lines {
            let size = self.fit(&line, size, self.width());
            self.ensure(line_height);
            let x = self.left() + (self.width() - self.measure(&line, size)) / 2.0;
            self.text_at(x, self.y, line_height, size, &line, true);
            self.y += line_height;
        }
    }

    /// Wrapped text in the column from `x`, `width` wide.
    pub fn paragraph(&mut self, text: &str, size: f32, line_height: f32, x: f32, width: f32) {
        for line in self.wrap(text, size, width) {
            self.ensure(line_height);
            self.text_at(x, self.y, line_height, size, &line, false);
            self.y += line_height;
        }
    }

    /// Lines flush left with each other, the longest ending at the right margin, as a
    /// Japanese letter sets its sender; each line wraps at `max_width`.
    pub fn right_block(&mut self, lines: &[String], size: f32, line_height: f32, max_width: f32) {
        let lines: Vec<String> = lines.iter().flat_map(|l| self.wrap(l, size, max_width)).collect();
        let widest = lines.iter().map(|l| self.measure(l, size)).fold(0.0, f32::max);
        let x = self.right() - widest;
        for line in lines {
            self.ensure(line_height);
            self.text_at(x, self.y, line_height, size, &line, false);
            self.y += line_height;
        }
    }

    /// A ruled two-column table: grey label cells of `label_width`, values wrapped.
    pub fn table(&mut self, rows: &[(&str, String)], size: f32, line_height: f32, label_width: f32) {
        let (pad_x, pad_y) = (8.0, 4.0);
        let value_x = self.left() + label_width + pad_x;
        let value_width = self.width() - label_width - 2.0 * pad_x;
        for (label, value) in rows {
            let lines = self.wrap(value, size, value_width);
            let height = lines.len().max(1) as f32 * line_height + 2.0 * pad_y;
            self.ensure(height);
            let (left, top, width) = (self.left(), self.y, self.width());
            self.push(Op::Rect { x: left, y: top, w: label_width, h: height, stroke: None, fill: Some(236) });
            self.push(Op::Rect { x: left, y: top, w: width, h: height, stroke: Some(0.6), fill: None });
            self.push(Op::Line { from: (left + label_width, top), to: (left + label_width, top + height), width: 0.6 });
            self.text_at(left + pad_x, top + pad_y, line_height, size, label, false);
            for (i, line) in lines.iter().enumerate() {
                self.text_at(value_x, top + pad_y + i as f32 * line_height, line_height, size, line, false);
            }
            self.y += height;
        }
    }

    /// A framed block flush right, dropped to the foot of the page when there is room, as
    /// letters print their お問い合わせ先.
    pub fn footer_box(&mut self, heading: &str, lines: &[String], size: f32, line_height: f32) {
        let pad = 8.0;
        let lines: Vec<String> = lines.iter().flat_map(|l| self.wrap(l, size, self.width() - 2.0 * pad)).collect();
        let widest = lines.iter().chain([&heading.to_string()]).map(|l| self.measure(l, size)).fold(0.0, f32::max);
        let (w, h) = (widest + 2.0 * pad, (lines.len() + 1) as f32 * line_height + 2.0 * pad);
        if h > self.bottom() - self.margins.top {
            // Longer than a page: no frame, just flowing lines.
            for line in [heading.to_string()].iter().chain(&lines) {
                self.paragraph(line, size, line_height, self.left(), self.width());
            }
            return;
        }
        self.ensure(h);
        let top = self.y.max(self.bottom() - h);
        let x = self.right() - w;
        self.push(Op::Rect { x, y: top, w, h, stroke: Some(0.6), fill: None });
        self.text_at(x + pad, top + pad, line_height, size, heading, false);
        for (i, line) in lines.iter().enumerate() {
            self.text_at(x + pad, top + pad + (i + 1) as f32 * line_height, line_height, size, line, false);
        }
        self.y = top + h;
    }

    pub fn finish(self) -> Vec<Vec<Op>> {
        self.pages
    }
}

/// Draws the pages into a PDF with `font` embedded (subset) and `title` as its metadata.
/// Fails before drawing anything if a character is missing from the font.
pub(crate) fn render(pages: &[Vec<Op>], font: &Font, title: &str) -> Result<Vec<u8>, PdfError> {
    let metrics = font.metrics();
    for op in pages.iter().flatten() {
        if let Op::Text { text, .. } = op {
            if let Some(ch) = metrics.first_missing(text) {
                return Err(PdfError::MissingGlyph { ch });
            }
        }
    }
    write(pages, Some(font), title)
}

/// The pages without their text, so without any font: what the bench compares against and
/// how an uploaded seal is tried.
pub(crate) fn render_images_only(pages: &[Vec<Op>]) -> Result<Vec<u8>, PdfError> {
    write(pages, None, "")
}

fn write(pages: &[Vec<Op>], font: Option<&Font>, title: &str) -> Result<Vec<u8>, PdfError> {
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new().title(title.to_string()).language("ja".to_string()).creator("Kenshu".to_string()),
    );
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid page size");
    for ops in pages {
        let mut page = document.start_page_with(size.clone());
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, op, font);
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

fn draw(surface: &mut Surface<'_>, op: &Op, font: Option<&Font>) {
    match op {
        Op::Text { x, baseline, size, text, bold } => {
            let Some(font) = font else { return };
            surface.set_fill(Some(Fill::default()));
            surface.set_stroke(bold.then(|| Stroke { width: size * BOLD_STROKE, ..Stroke::default() }));
            surface.draw_text(
                Point::from_xy(*x, *baseline),
                font.krilla(),
                *size,
                text,
                false,
                TextDirection::LeftToRight,
            );
        }
        Op::Line { from, to, width } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1);
            path.line_to(to.0, to.1);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke { width: *width, ..Stroke::default() }));
                surface.draw_path(&path);
            }
        }
        Op::Rect { x, y, w, h, stroke, fill } => {
            let mut path = PathBuilder::new();
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { return };
            path.push_rect(rect);
            if let Some(path) = path.finish() {
                surface.set_fill(fill.map(|grey| Fill { paint: luma::Color::new(grey).into(), ..Fill::default() }));
                surface.set_stroke(stroke.map(|width| Stroke { width, ..Stroke::default() }));
                surface.draw_path(&path);
            }
        }
        Op::Image { x, y, w, h, image } => {
            let (Some(size), Ok(image)) = (Size::from_wh(*w, *h), image.krilla()) else { return };
            surface.push_transform(&Transform::from_translate(*x, *y));
            surface.draw_image(image, size);
            surface.pop();
        }
        Op::Modules { x, y, module, width, dark } => {
            let mut path = PathBuilder::new();
            for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
                let (col, row) = ((i % width) as f32, (i / width) as f32);
                if let Some(rect) = Rect::from_xywh(x + col * module, y + row * module, *module, *module) {
                    path.push_rect(rect);
                }
            }
            if let Some(path) = path.finish() {
                surface.set_fill(Some(Fill::default()));
                surface.set_stroke(None);
                surface.draw_path(&path);
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The horizontal extent of a text op, for bounds checks.
    pub(crate) fn text_extent(font: &Font, op: &Op) -> Option<(f32, f32, f32)> {
        match op {
            Op::Text { x, baseline, size, text, .. } => Some((*x, *x + font.metrics().width(text, *size), *baseline)),
            _ => None,
        }
    }
}
