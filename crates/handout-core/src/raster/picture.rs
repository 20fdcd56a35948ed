//! A logo drawn once, at its size in pixels, to be copied into every band
//! it reaches: pixels decoded and scaled (bicubic), SVG drawn as vectors
//! by resvg from the tree the logo was checked as; both stretched to the
//! box exactly as render stretches them into the PDF.

use super::failed;
use crate::diag::Problem;
use crate::model::Picture;
use tiny_skia::{FilterQuality, Paint, Pattern, Pixmap, PixmapPaint, SpreadMode, Transform};

/// A logo in pixels, and where its top-left pixel goes in the image.
pub struct Prepared {
    pixels: Pixmap,
    left: i32,
    top: i32,
}

impl Prepared {
    /// The rows of the image it covers.
    pub fn rows(&self) -> (f32, f32) {
        (self.top as f32, (i64::from(self.top) + i64::from(self.pixels.height())) as f32)
    }

    /// Onto `band`, whose first row is row `band_top` of the image.
    pub fn draw(&self, band: &mut Pixmap, band_top: u32) {
        let y = i64::from(self.top) - i64::from(band_top);
        let y = i32::try_from(y).unwrap_or(i32::MIN);
        band.draw_pixmap(self.left, y, self.pixels.as_ref(), &PixmapPaint::default(), Transform::identity(), None);
    }
}

/// `picture` drawn into `area` (x, y, w, h in points) as `to_px` maps it.
pub fn prepare(picture: &Picture, area: (f32, f32, f32, f32), to_px: Transform) -> Result<Prepared, Problem> {
    let (x, y, w, h) = area;
    let (mut a, mut b) = (tiny_skia::Point::from_xy(x, y), tiny_skia::Point::from_xy(x + w, y + h));
    to_px.map_point(&mut a);
    to_px.map_point(&mut b);
    let (left, top) = (a.x.floor(), a.y.floor());
    let size = |from: f32, to: f32| (to.ceil() - from).clamp(1.0, 8000.0) as u32;
    let mut pixels = Pixmap::new(size(left, b.x), size(top, b.y)).ok_or_else(|| failed("the logo box is empty"))?;
    // The box within the pixmap: from the fraction of a pixel `left` cut off.
    let (bx, by, bw, bh) = (a.x - left, a.y - top, b.x - a.x, b.y - a.y);
    match picture {
        Picture::Png(bytes) | Picture::Jpeg(bytes) => {
            let image = decode(bytes)?;
            let (iw, ih) = (image.width() as f32, image.height() as f32);
            let fit = Transform::from_row(bw / iw, 0.0, 0.0, bh / ih, bx, by);
            let pattern = Pattern::new(image.as_ref(), SpreadMode::Pad, FilterQuality::Bicubic, 1.0, fit);
            let paint = Paint { shader: pattern, anti_alias: true, ..Paint::default() };
            let rect = tiny_skia::Rect::from_xywh(bx, by, bw, bh).ok_or_else(|| failed("the logo box is empty"))?;
            pixels.fill_rect(rect, &paint, Transform::identity(), None);
        }
        Picture::Svg(svg) => {
            let tree = crate::logo::svg_to_draw(svg)?;
            let s = tree.size();
            let fit = Transform::from_row(bw / s.width(), 0.0, 0.0, bh / s.height(), bx, by);
            resvg::render(&tree, fit, &mut pixels.as_mut());
        }
    }
    Ok(Prepared { pixels, left: left as i32, top: top as i32 })
}

/// A checked PNG or JPEG as premultiplied pixels.
fn decode(bytes: &[u8]) -> Result<Pixmap, Problem> {
    let image = image::load_from_memory(bytes).map_err(|e| failed(format!("the logo cannot be read again: {e}")))?;
    let rgba = image.to_rgba8();
    let (w, h) = rgba.dimensions();
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| failed("the logo has no pixels"))?;
    for (to, from) in pixmap.pixels_mut().iter_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = from.0;
        *to = tiny_skia::ColorU8::from_rgba(r, g, b, a).premultiply();
    }
    Ok(pixmap)
}
