//! Glyphs for painting: outlines read from the fonts compose measured with
//! (the very bytes render embeds), each glyph's coverage at a size and a
//! quarter-pixel position drawn once for the page (by ab_glyph_rasterizer:
//! exact area coverage, the rasteriser PDF renderers such as hayro use for
//! glyphs) and copied wherever it is set: text repeats letters, and a tall
//! letter reaches into several bands. Glyphs are placed in the whole
//! image, so a letter in two bands is the same letter in both.

use crate::model::{TextRun, Typeface};
use ab_glyph_rasterizer::{Point, Rasterizer, point};
use rustybuzz::ttf_parser::{self, GlyphId, OutlineBuilder};
use std::collections::HashMap;
use tiny_skia::Transform;

/// Positions are rounded to a quarter of a pixel: far below what an eye
/// sees in text, and at most 16 masks of a glyph at one size.
const STEPS: f32 = 4.0;

/// A glyph's coverage (0 to 255, row by row), and where its top-left
/// pixel lies from the pixel its origin falls in.
pub struct GlyphMask {
    pub coverage: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub left: i32,
    pub top: i32,
}

/// Which glyph, how large (pixels per em across and down, as bits) and at
/// which quarter-pixel phase.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
struct Key {
    face: (usize, bool),
    id: u16,
    em: (u32, u32),
    phase: (u8, u8),
}

/// A glyph set on the page: the image pixel its mask's top-left corner
/// covers, and which of [`Glyphs::masks`] it is.
#[derive(Copy, Clone, Debug)]
pub struct Placed {
    pub x: i32,
    pub y: i32,
    pub mask: usize,
}

/// The glyphs of a page: every typeface of its document, and the masks
/// drawn so far.
pub struct Glyphs<'a> {
    /// Per typeface: regular, bold (`None`: a font ttf-parser cannot read,
    /// which compose would have refused).
    faces: Vec<[Option<ttf_parser::Face<'a>>; 2]>,
    /// `None`: a glyph with no outline (a space).
    index: HashMap<Key, Option<usize>>,
    pub masks: Vec<GlyphMask>,
}

impl<'a> Glyphs<'a> {
    pub fn new(typefaces: &'a [Typeface]) -> Glyphs<'a> {
        let face = |bytes: &'a [u8]| ttf_parser::Face::parse(bytes, 0).ok();
        let faces = typefaces.iter().map(|t| [face(&t.regular.bytes), face(&t.bold.bytes)]).collect();
        Glyphs { faces, index: HashMap::new(), masks: Vec::new() }
    }

    /// Each glyph of `run` where `to_px` (points to image pixels) puts it,
    /// as krilla places it in the PDF: offsets in em times the size, y
    /// offsets upwards. A typeface the document does not have falls back
    /// to the last one, as render does.
    pub fn place(&mut self, run: &TextRun, to_px: Transform) -> Vec<Placed> {
        let Some(last) = self.faces.len().checked_sub(1) else { return Vec::new() };
        let face = (run.family.min(last), run.weight == crate::style::FontWeight::Bold);
        let size = run.size.0;
        let em = (size * to_px.sx, size * to_px.sy);
        let (mut x, mut y) = (run.origin.x.to_pt().0, run.origin.y.to_pt().0);
        let mut placed = Vec::with_capacity(run.glyphs.len());
        for g in run.glyphs.iter() {
            let mut at = tiny_skia::Point::from_xy(x + g.x_offset * size, y - g.y_offset * size);
            to_px.map_point(&mut at);
            let ((px, fx), (py, fy)) = (split(at.x), split(at.y));
            let key = Key { face, id: g.id, em: (em.0.to_bits(), em.1.to_bits()), phase: (fx, fy) };
            if let Some(i) = self.mask(key, em) {
                let m = &self.masks[i];
                placed.push(Placed { x: px + m.left, y: py + m.top, mask: i });
            }
            x += g.x_advance * size;
            y -= g.y_advance * size;
        }
        placed
    }

    /// The mask of `key`, drawn the first time it is asked for.
    fn mask(&mut self, key: Key, em: (f32, f32)) -> Option<usize> {
        if let Some(known) = self.index.get(&key) {
            return *known;
        }
        let face = self.faces[key.face.0][usize::from(key.face.1)].as_ref();
        let made = face.and_then(|f| draw(f, key, em)).map(|m| {
            self.masks.push(m);
            self.masks.len() - 1
        });
        self.index.insert(key, made);
        made
    }
}

/// The coverage of glyph `key.id` of `face`, `em` pixels per em, its
/// origin `key.phase` quarters of a pixel into its pixel.
fn draw(face: &ttf_parser::Face, key: Key, em: (f32, f32)) -> Option<GlyphMask> {
    let per_unit = 1.0 / f32::from(face.units_per_em().max(1));
    let (sx, sy) = (em.0 * per_unit, em.1 * per_unit);
    let (dx, dy) = (f32::from(key.phase.0) / STEPS, f32::from(key.phase.1) / STEPS);
    // Font units have y up, pixels y down; a pixel's margin all round.
    let b = face.glyph_bounding_box(GlyphId(key.id))?;
    let left = (f32::from(b.x_min) * sx + dx).floor() as i32 - 1;
    let top = (-f32::from(b.y_max) * sy + dy).floor() as i32 - 1;
    let width = ((f32::from(b.x_max) * sx + dx).ceil() as i32 - left + 1).clamp(1, 4096) as u32;
    let height = ((-f32::from(b.y_min) * sy + dy).ceil() as i32 - top + 1).clamp(1, 4096) as u32;
    let place = move |x: f32, y: f32| point(x * sx + dx - left as f32, -y * sy + dy - top as f32);
    let mut pen = Pen { raster: Rasterizer::new(width as usize, height as usize), place, start: None, at: None };
    face.outline_glyph(GlyphId(key.id), &mut pen)?;
    pen.close();
    let mut coverage = vec![0u8; (width * height) as usize];
    pen.raster.for_each_pixel(|i, a| coverage[i] = (a.clamp(0.0, 1.0) * 255.0 + 0.5) as u8);
    Some(GlyphMask { coverage, width, height, left, top })
}

/// A position as its whole pixel and its quarter-pixel phase (0 to 3).
fn split(v: f32) -> (i32, u8) {
    let steps = (v * STEPS).round();
    let whole = (steps / STEPS).floor();
    (whole as i32, (steps - whole * STEPS) as u8)
}

/// ttf-parser's outline calls, placed in the mask and drawn.
struct Pen<F> {
    raster: Rasterizer,
    place: F,
    /// The contour's first point, and the current one.
    start: Option<Point>,
    at: Option<Point>,
}

impl<F: Fn(f32, f32) -> Point> OutlineBuilder for Pen<F> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        let p = (self.place)(x, y);
        self.start = Some(p);
        self.at = Some(p);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = (self.place)(x, y);
        if let Some(from) = self.at.replace(p) {
            self.raster.draw_line(from, p);
        }
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let p = (self.place)(x, y);
        if let Some(from) = self.at.replace(p) {
            self.raster.draw_quad(from, (self.place)(x1, y1), p);
        }
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let p = (self.place)(x, y);
        if let Some(from) = self.at.replace(p) {
            self.raster.draw_cubic(from, (self.place)(x1, y1), (self.place)(x2, y2), p);
        }
    }
    /// Back to the contour's start, if it is not there.
    fn close(&mut self) {
        if let (Some(start), Some(at)) = (self.start.take(), self.at.take())
            && start != at
        {
            self.raster.draw_line(at, start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn positions_split_into_whole_pixels_and_quarter_phases() {
        assert_eq!(split(10.0), (10, 0));
        assert_eq!(split(10.3), (10, 1));
        assert_eq!(split(10.9), (11, 0));
        assert_eq!(split(-0.3), (-1, 3));
    }
}
