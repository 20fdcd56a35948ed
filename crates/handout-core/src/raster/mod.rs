//! Raster: a document's pages as PNG images, for screens (lobby screens,
//! social media), previews and `--png`. The page model is painted straight
//! to pixels (tiny-skia; glyph outlines from the very fonts compose
//! measured with; logos decoded, SVG drawn by resvg), with the same
//! shapes, positions and colours render writes into the PDF: a test
//! compares every layout's image with the printed PDF rendered by a PDF
//! renderer, so an image never shows anything the PDF does not. Painting
//! the model costs a few milliseconds where writing a PDF and rendering it
//! back cost four times that. The PNGs carry the document's title and its
//! QR code's description (alternative text) in text chunks, and nothing
//! that changes from run to run.

mod encode;
mod glyphs;
mod paint;
mod picture;

use crate::diag::Problem;
use crate::model::{Document, Node, StructKind};
use crate::runner::Runner;
use crate::units::{Mm, Size};

/// How large the images are.
#[derive(Copy, Clone, Debug)]
pub enum Scale {
    /// Every page at this resolution.
    Dpi(f32),
    /// Every page exactly this many pixels.
    Pixels {
        /// Pixels across.
        width: u32,
        /// Pixels down.
        height: u32,
    },
}

impl Scale {
    /// A page of `size` at `dpi`, in whole pixels (an A4 page at 72 dpi is
    /// 595 x 842).
    pub fn fit(size: Size, dpi: f32) -> Scale {
        Scale::Pixels { width: pixels(size.w, dpi), height: pixels(size.h, dpi) }
    }

    /// The pixels of a page of `size`.
    fn pixels(self, size: Size) -> (u32, u32) {
        match self {
            Scale::Dpi(dpi) => (pixels(size.w, dpi), pixels(size.h, dpi)),
            Scale::Pixels { width, height } => (width, height),
        }
    }
}

fn pixels(len: Mm, dpi: f32) -> u32 {
    len.to_pixels(dpi).round().clamp(1.0, u32::MAX as f32) as u32
}

/// The largest image side made: more is no preview a screen needs, and
/// would take more memory than a request may.
const MAX_SIDE: u32 = 8000;

/// Each page of `doc` as a PNG; `runner` may make parts of a page at once.
pub fn pngs(doc: &Document, scale: Scale, runner: &impl Runner) -> Result<Vec<Vec<u8>>, Problem> {
    let texts = texts(doc);
    let mut out = Vec::new();
    for page in &doc.pages {
        let (w, h) = scale.pixels(page.size);
        if w > MAX_SIDE || h > MAX_SIDE {
            return Err(Problem::error(format!(
                "the page cannot be made into an image: it would be {w} x {h} pixels, more than {MAX_SIDE} a side"
            ))
            .help("choose a lower resolution"));
        }
        let painter = paint::Painter::new(page, &doc.fonts, (w, h))?;
        out.push(encode::png(&painter, &texts, runner)?);
    }
    Ok(out)
}

/// What cannot go wrong with a checked page model did: a bug.
fn failed(what: impl std::fmt::Display) -> Problem {
    Problem::error(format!("the page cannot be made into an image: {what}"))
        .help("this is a bug in handout; please report it")
}

/// The title, and what the QR code opens (its alternative text).
fn texts(doc: &Document) -> Vec<(&'static str, String)> {
    let mut texts = vec![("Title", doc.title.clone())];
    let mut figures = Vec::new();
    collect_figures(&doc.structure, &mut figures);
    if let Some(alt) = figures.into_iter().find(|a| a.contains("://")) {
        texts.push(("Description", alt));
    }
    texts
}

fn collect_figures(nodes: &[Node], out: &mut Vec<String>) {
    for n in nodes {
        if let Node::Group { kind, children } = n {
            if let StructKind::Figure { alt } = kind {
                out.push(alt.clone());
            }
            collect_figures(children, out);
        }
    }
}
