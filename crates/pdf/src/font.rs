//! The one Japanese font every document is set in.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

use crate::PdfError;

/// Environment variable naming the font file [`Font::discover`] loads.
pub const FONT_PATH_ENV: &str = "KENSHU_FONT_PATH";

/// Debian's fonts-vlgothic, then fonts-noto-cjk (face 0 of the collection is Japanese).
const SYSTEM_FONTS: [&str; 2] = [
    "/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
];

/// A loaded font file. Cloning is an `Arc` bump: load it once and share it across threads.
#[derive(Clone)]
pub struct Font(Arc<Inner>);

struct Inner {
    path: PathBuf,
    data: Arc<FontFile>,
    krilla: krilla::text::Font,
}

/// The font file, memory-mapped: a Japanese font is 4–20 MB, of which a process touches only
/// the tables and glyphs it prints. Mapped, those pages are the page cache's (shared between
/// instances, dropped under memory pressure) instead of the process's own heap; read into a
/// `Vec`, the whole file stayed resident in every `kenshu serve` (docs/reliability.md, item 14).
struct FontFile(memmap2::Mmap);

impl AsRef<[u8]> for FontFile {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl FontFile {
    fn open(path: &Path) -> std::io::Result<FontFile> {
        let file = std::fs::File::open(path)?;
        // SAFETY: the mapping is read-only and private. Changing a font file in place while
        // it is mapped would change these bytes under us; package managers and deployments
        // replace font files by renaming a new file over the old one, which keeps the old
        // file's pages mapped here, unchanged.
        unsafe { memmap2::Mmap::map(&file) }.map(FontFile)
    }
}

impl Font {
    /// Maps a TrueType/OpenType file, or face 0 of a collection (.ttc).
    pub fn load(path: impl AsRef<Path>) -> Result<Font, PdfError> {
        let path = path.as_ref().to_path_buf();
        let data = FontFile::open(&path).map_err(|source| PdfError::FontUnreadable { path: path.clone(), source })?;
        let data = Arc::new(data);
        let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = data.clone();
        let Some(krilla) = krilla::text::Font::new(shared.into(), 0) else {
            return Err(PdfError::FontInvalid { path });
        };
        if FontRef::from_index(data.as_ref().as_ref(), 0).is_err() {
            return Err(PdfError::FontInvalid { path });
        }
        let font = Font(Arc::new(Inner { path, data, krilla }));
        if font.metrics().first_missing("研修修了証書").is_some() {
            return Err(PdfError::FontNotJapanese { path: font.0.path.clone() });
        }
        Ok(font)
    }

    /// The font named by `KENSHU_FONT_PATH`, else the first of VL Gothic and Noto Sans CJK
    /// that is installed.
    pub fn discover() -> Result<Font, PdfError> {
        if let Some(path) = std::env::var_os(FONT_PATH_ENV).filter(|p| !p.is_empty()) {
            return Font::load(path);
        }
        match SYSTEM_FONTS.iter().map(Path::new).find(|p| p.is_file()) {
            Some(path) => Font::load(path),
            None => Err(PdfError::FontNotFound { tried: SYSTEM_FONTS.iter().map(PathBuf::from).collect() }),
        }
    }

    /// The file this font was read from.
    pub fn path(&self) -> &Path {
        &self.0.path
    }

    pub(crate) fn krilla(&self) -> krilla::text::Font {
        self.0.krilla.clone()
    }

    pub(crate) fn metrics(&self) -> Metrics<'_> {
        let font = FontRef::from_index(self.0.data.as_ref().as_ref(), 0).expect("checked in Font::load");
        let units_per_em = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em.max(1));
        Metrics {
            charmap: font.charmap(),
            glyphs: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
        }
    }
}

impl fmt::Debug for Font {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Font").field("path", &self.0.path).field("bytes", &self.0.data.0.len()).finish()
    }
}

/// Advance widths, read the way krilla's shaper reads them (hmtx through the cmap).
pub(crate) struct Metrics<'a> {
    charmap: Charmap<'a>,
    glyphs: GlyphMetrics<'a>,
    units_per_em: f32,
}

impl Metrics<'_> {
    /// Width of `text` set at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|ch| self.advance(ch)).sum::<f32>() * size
    }

    /// Advance of one character in ems; invisible joiners and selectors take no room.
    fn advance(&self, ch: char) -> f32 {
        if is_invisible(ch) {
            return 0.0;
        }
        let glyph = self.charmap.map(ch).unwrap_or_default();
        self.glyphs.advance_width(glyph).unwrap_or(0.0) / self.units_per_em
    }

    /// The first character that would print as an empty box.
    pub(crate) fn first_missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&ch| !is_invisible(ch) && self.charmap.map(ch).is_none())
    }
}

/// Variation selectors (葛󠄀) and zero-width joiners: the shaper folds them into the glyph before.
pub(crate) fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_shareable<T: Send + Sync + Clone + 'static>() {}

    #[test]
    fn fonts_can_be_shared_across_threads() {
        assert_shareable::<Font>();
    }

    #[test]
    fn a_missing_file_names_the_path() {
        let err = Font::load("/nonexistent/font.ttf").unwrap_err();
        assert_eq!(err.code(), "font_unreadable");
        assert!(err.to_string().contains("/nonexistent/font.ttf"), "{err}");
    }

    #[test]
    fn not_finding_a_font_says_how_to_get_one() {
        let err = PdfError::FontNotFound { tried: SYSTEM_FONTS.iter().map(PathBuf::from).collect() };
        let message = err.to_string();
        assert!(
            message.contains("KENSHU_FONT_PATH") && message.contains("apt-get install fonts-vlgothic"),
            "{message}"
        );
    }
}
