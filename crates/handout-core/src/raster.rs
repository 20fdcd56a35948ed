//! Raster: a document's pages as PNG images, for screens (lobby screens,
//! social media), previews and `--png`. The pixels come from the very PDF
//! that is printed, rasterised by hayro (pure Rust), so an image never
//! shows anything the PDF does not. The PNGs carry the document's title
//! and its QR code's description (alternative text) in text chunks, and
//! nothing that changes from run to run.

use crate::diag::Problem;
use crate::model::{Document, StructKind};
use crate::units::{Size, pixels_per_pt};
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

/// How large the images are.
#[derive(Copy, Clone, Debug)]
pub enum Scale {
    /// Every page at this resolution.
    Dpi(f32),
    /// Every page exactly this many pixels.
    Pixels { width: u32, height: u32 },
}

impl Scale {
    /// A page of `size` at `dpi`, in whole pixels (an A4 page at 72 dpi is
    /// 595 x 842).
    pub fn fit(size: Size, dpi: f32) -> Scale {
        let px = |len: crate::units::Mm| len.to_pixels(dpi).round().max(1.0) as u32;
        Scale::Pixels { width: px(size.w), height: px(size.h) }
    }
}

/// The largest image side made: more is no preview a screen needs, and
/// would take more memory than a request may.
const MAX_SIDE: f32 = 8000.0;

/// Each page of `pdf` (the rendering of `doc`) as a PNG.
pub fn pngs(doc: &Document, pdf: &[u8], scale: Scale) -> Result<Vec<Vec<u8>>, Problem> {
    let fail = |what: &str| {
        Problem::error(format!("the PDF cannot be made into an image: {what}"))
            .help("this is a bug in handout; please report it")
    };
    let pdf = Pdf::new(pdf.to_vec()).map_err(|_| fail("it does not parse"))?;
    let cache = RenderCache::new();
    let texts = texts(doc);
    let mut out = Vec::new();
    for page in pdf.pages().iter() {
        let (w_pt, h_pt) = page.render_dimensions();
        // A hair more than the exact factor: hayro rounds the size down.
        let (x_scale, y_scale) = match scale {
            Scale::Dpi(dpi) => (pixels_per_pt(dpi), pixels_per_pt(dpi)),
            Scale::Pixels { width, height } => ((width as f32 + 0.25) / w_pt, (height as f32 + 0.25) / h_pt),
        };
        if w_pt * x_scale > MAX_SIDE || h_pt * y_scale > MAX_SIDE {
            return Err(fail("it would be more than 8000 pixels a side"));
        }
        let settings = PixmapSettings { x_scale, y_scale, bg_color: WHITE };
        let pixmap =
            hayro::render(page, &cache, &InterpreterSettings::default(), &RenderSettings::default(), &settings);
        let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        // On white, every pixel is opaque: premultiplied is plain RGB.
        let rgb: Vec<u8> = pixmap.data().iter().flat_map(|p| [p.r, p.g, p.b]).collect();
        out.push(encode(w, h, &rgb, &texts).map_err(|e| fail(&e.to_string()))?);
    }
    Ok(out)
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

fn collect_figures(nodes: &[crate::model::Node], out: &mut Vec<String>) {
    for n in nodes {
        if let crate::model::Node::Group { kind, children } = n {
            if let StructKind::Figure { alt } = kind {
                out.push(alt.clone());
            }
            collect_figures(children, out);
        }
    }
}

fn encode(w: u32, h: u32, rgb: &[u8], texts: &[(&str, String)]) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Balanced);
    for (key, text) in texts {
        enc.add_itxt_chunk(key.to_string(), text.clone())?;
    }
    let mut writer = enc.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}
