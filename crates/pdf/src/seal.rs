//! The organiser's seal (印影): a PNG or JPEG printed beside the representative's name.

use std::fmt;
use std::sync::{Arc, OnceLock};

use krilla::image::Image;

/// The two raster formats a seal may come in, recognised by the caller from the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SealFormat {
    Png,
    Jpeg,
}

/// A seal image as uploaded. Cloning is an `Arc` bump.
///
/// The krilla image is made once per seal and shared by its clones: krilla decodes and
/// compresses an image once per `Image` value, so every certificate printed with one loaded
/// seal reuses that work instead of decoding the PNG again for each document.
#[derive(Clone)]
pub struct Seal {
    format: SealFormat,
    bytes: Arc<Vec<u8>>,
    image: Arc<OnceLock<Result<Image, String>>>,
}

impl PartialEq for Seal {
    fn eq(&self, other: &Self) -> bool {
        self.format == other.format && self.bytes == other.bytes
    }
}

impl fmt::Debug for Seal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Seal({:?}, {} bytes)", self.format, self.bytes.len())
    }
}

impl Seal {
    pub fn new(format: SealFormat, bytes: Vec<u8>) -> Self {
        Seal { format, bytes: Arc::new(bytes), image: Arc::default() }
    }

    pub(crate) fn krilla(&self) -> Result<Image, String> {
        self.image
            .get_or_init(|| {
                let data: krilla::Data = self.bytes.clone().into();
                match self.format {
                    SealFormat::Png => Image::from_png(data, true),
                    SealFormat::Jpeg => Image::from_jpeg(data, true),
                }
            })
            .clone()
    }

    /// Width over height, or `None` when the header cannot be read.
    pub(crate) fn aspect(&self) -> Option<f32> {
        let (w, h) = self.krilla().ok()?.size();
        (w > 0 && h > 0).then(|| w as f32 / h as f32)
    }

    /// Whether the whole image decodes and embeds: a page holding only the seal is written.
    pub fn check(&self) -> Result<(), crate::PdfError> {
        self.aspect().ok_or_else(|| crate::PdfError::Write("the seal's header cannot be read".into()))?;
        let page = vec![crate::layout::Op::Image { x: 10.0, y: 10.0, w: 50.0, h: 50.0, image: self.clone() }];
        crate::layout::render_images_only(&[page]).map(|_| ())
    }
}
