//! What the documents of a run share in their PDFs, made ready for krilla
//! once: fonts (krilla parses a font and hashes all of its bytes when it
//! is made, a tenth of a millisecond a face), logos as images (decoded and
//! compressed when made, which for a 900 x 330 logo costs more than the
//! rest of a flyer) and SVG logos' parsed trees. Each serves every
//! document that shows the same bytes: the four documents of an
//! organisation, a network's branches that share a logo, every document
//! in the same fonts. The PDF's bytes are the same either way.

use super::failed;
use crate::by_bytes::ByBytes;
use crate::diag::Problem;
use crate::model::FontData;
use krilla::image::Image;
use krilla::text::Font;
use std::sync::{Arc, Mutex};

/// Fonts kept before the list starts afresh: a run uses a few families.
const MAX_FONTS: usize = 64;

/// Fonts, logos and SVG trees made ready for krilla, shared by the
/// documents of a run.
#[derive(Default)]
pub struct Resources {
    /// By the font file's bytes, which a run's font store shares: the same
    /// bytes are the same allocation, so no byte is hashed to find them.
    fonts: Mutex<Vec<(Arc<Vec<u8>>, Font)>>,
    images: ByBytes<Image>,
    svgs: ByBytes<Arc<usvg::Tree>>,
}

impl Resources {
    /// `data` as a krilla font.
    pub(super) fn font(&self, data: &FontData) -> Result<Font, Problem> {
        let mut fonts = self.fonts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, font)) = fonts.iter().find(|(b, _)| Arc::ptr_eq(b, &data.bytes)) {
            return Ok(font.clone());
        }
        let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = data.bytes.clone();
        let font = Font::new(bytes.into(), 0)
            .ok_or_else(|| Problem::error(format!("krilla cannot read the font {}", data.file)))?;
        if fonts.len() >= MAX_FONTS {
            fonts.clear();
        }
        fonts.push((Arc::clone(&data.bytes), font.clone()));
        Ok(font)
    }

    /// A checked PNG (or else JPEG), decoded and compressed by krilla.
    pub(super) fn image(&self, bytes: &Arc<Vec<u8>>, png: bool) -> Result<Image, Problem> {
        self.images.get_or_make(bytes, |_| {
            let data: Arc<dyn AsRef<[u8]> + Send + Sync> = bytes.clone();
            let image = if png { Image::from_png(data.into(), false) } else { Image::from_jpeg(data.into(), false) };
            image.map_err(|e| failed(format!("the logo cannot be embedded: {e}")))
        })
    }

    /// A checked SVG, parsed with the options it was checked with.
    pub(super) fn svg(&self, svg: &Arc<Vec<u8>>) -> Result<Arc<usvg::Tree>, Problem> {
        self.svgs.get_or_make(svg, |bytes| Ok(Arc::new(crate::logo::svg_to_draw(bytes)?)))
    }
}
