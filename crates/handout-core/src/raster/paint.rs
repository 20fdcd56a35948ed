//! One page of the model painted into pixels: the same items, in the same
//! order, with the same outlines as render writes into the PDF. Positions
//! are in points (as in the PDF) under one page transform to pixels.
//!
//! A page is painted in bands of rows, each band handed on (to be encoded)
//! before the next is painted: a 1920 x 1080 image never has its 8 MB of
//! pixels in memory at once, and each band stays in the processor's cache
//! while it is painted, converted and compressed. Only the items that
//! reach into a band are drawn in it.

use super::glyphs::{GlyphMask, Glyphs, Placed};
use super::picture::{self, Prepared};
use crate::model::{Item, Page, QrSymbol, Typeface};
use crate::shapes;
use crate::style::Color;
use crate::units::{Mm, Point, Pt, Rect};
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Stroke, Transform};

/// Rows painted at a time: 64 rows of a 1920-pixel screen are 480 kB.
pub const BAND: u32 = 32;

/// A page ready to paint, band by band.
pub struct Painter<'a> {
    page: &'a Page,
    width: u32,
    height: u32,
    /// Points on the page to pixels of the whole image.
    to_px: Transform,
    /// Per item, the rows (in pixels, from the top) it may touch.
    rows: Vec<(f32, f32)>,
    /// Per item, its logo drawn once at its size in pixels.
    logos: Vec<Option<Prepared>>,
    /// Per item, its glyphs where they go in the image, and their masks.
    glyphs: Vec<Vec<Placed>>,
    masks: Vec<GlyphMask>,
}

impl<'a> Painter<'a> {
    pub fn new(page: &'a Page, fonts: &[Typeface], (width, height): (u32, u32)) -> Result<Painter<'a>, String> {
        let to_px = Transform::from_scale(width as f32 / pt(page.size.w), height as f32 / pt(page.size.h));
        let (sy, ty) = (to_px.sy, to_px.ty);
        let rows = page.items.iter().map(reach).map(|(top, bottom)| (top * sy + ty, bottom * sy + ty)).collect();
        let logos = page
            .items
            .iter()
            .map(|item| match item {
                Item::Image { rect, picture } => picture::prepare(picture, area(*rect), to_px).map(Some),
                _ => Ok(None),
            })
            .collect::<Result<_, _>>()?;
        let mut set = Glyphs::new(fonts);
        let glyphs = page
            .items
            .iter()
            .map(|item| match item {
                Item::Text(run) => set.place(run, to_px),
                _ => Vec::new(),
            })
            .collect();
        Ok(Painter { page, width, height, to_px, rows, logos, glyphs, masks: set.masks })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// Rows `top..top + pixmap.height()` of the page into `pixmap`.
    pub fn band(&self, top: u32, pixmap: &mut Pixmap) {
        pixmap.fill(tiny_skia::Color::WHITE);
        let (from, to) = (top as f32, (top + pixmap.height()) as f32);
        let to_px = self.to_px.post_translate(0.0, -from);
        let mut canvas = Canvas { pixmap, to_px };
        for (i, item) in self.page.items.iter().enumerate() {
            let (a, b) = self.rows[i];
            if b < from || a > to {
                continue;
            }
            match (&self.logos[i], item) {
                (Some(logo), _) => logo.draw(canvas.pixmap, top),
                (None, Item::Text(run)) => {
                    for g in &self.glyphs[i] {
                        blend(canvas.pixmap, &self.masks[g.mask], (g.x, g.y - top as i32), run.color);
                    }
                }
                (None, item) => canvas.item(item),
            }
        }
    }
}

/// How far up and down (in points) an item may draw: its box, and for
/// text the whole em around the baseline and then some (accents above
/// capitals, tails below).
fn reach(item: &Item) -> (f32, f32) {
    let (top, bottom) = match item {
        Item::Box { rect, .. } | Item::Image { rect, .. } => (rect.y, rect.y + rect.h),
        Item::Circle { center, radius, .. } => (center.y - *radius, center.y + *radius),
        Item::Line { from, to, .. } | Item::CropMark { from, to, .. } => (from.y.min(to.y), from.y.max(to.y)),
        Item::Text(run) => {
            let em = run.size.to_mm();
            (run.origin.y - em * 1.5, run.origin.y + em)
        }
        Item::Qr(q) => {
            let r = q.outer();
            (r.y, r.y + r.h)
        }
    };
    // A stroke's half width and anti-aliasing's pixel: 2 pt covers both.
    (pt(top) - 2.0, pt(bottom) + 2.0)
}

/// The pixels of a band, and how points on the page map onto them.
struct Canvas<'p> {
    pixmap: &'p mut Pixmap,
    to_px: Transform,
}

impl Canvas<'_> {
    /// Shapes and QR codes (text and logos are drawn ahead, in Painter::new).
    fn item(&mut self, item: &Item) {
        match item {
            Item::Box { rect, fill, radius } => {
                let mut pb = PathBuilder::new();
                let r = (pt(rect.x), pt(rect.y), pt(rect.w), pt(rect.h));
                if *radius > Mm::ZERO {
                    shapes::rounded_rect(&mut pb, r, pt(*radius));
                } else if let Some(rect) = tiny_skia::Rect::from_xywh(r.0, r.1, r.2, r.3) {
                    pb.push_rect(rect);
                }
                self.fill(pb, *fill, self.to_px);
            }
            Item::Circle { center, radius, fill } => {
                let mut pb = PathBuilder::new();
                shapes::circle(&mut pb, pt(center.x), pt(center.y), pt(*radius));
                self.fill(pb, *fill, self.to_px);
            }
            Item::CropMark { from, to, width } => self.line(*from, *to, *width, Color::BLACK),
            Item::Line { from, to, width, color } => self.line(*from, *to, *width, *color),
            Item::Qr(q) => self.qr(q),
            Item::Text(_) | Item::Image { .. } => {}
        }
    }

    fn fill(&mut self, pb: PathBuilder, color: Color, ts: Transform) {
        if let Some(path) = pb.finish() {
            self.pixmap.fill_path(&path, &paint(color), FillRule::Winding, ts, None);
        }
    }

    fn line(&mut self, from: Point, to: Point, width: Pt, color: Color) {
        let mut pb = PathBuilder::new();
        pb.move_to(pt(from.x), pt(from.y));
        pb.line_to(pt(to.x), pt(to.y));
        if let Some(path) = pb.finish() {
            let stroke = Stroke { width: width.0, ..Stroke::default() };
            self.pixmap.stroke_path(&path, &paint(color), &stroke, self.to_px, None);
        }
    }

    /// The quiet zone, then the dark modules in module units, as render
    /// draws them.
    fn qr(&mut self, q: &QrSymbol) {
        let mut bg = PathBuilder::new();
        push_rect(&mut bg, q.outer());
        self.fill(bg, q.background, self.to_px);
        let sym = q.symbol();
        let m = pt(q.module);
        let modules = Transform::from_row(m, 0.0, 0.0, m, pt(sym.x), pt(sym.y)).post_concat(self.to_px);
        let mut pb = PathBuilder::new();
        for r in q.dark_rects() {
            if let Some(rect) = tiny_skia::Rect::from_xywh(r.col as f32, r.row as f32, r.cols as f32, r.rows as f32) {
                pb.push_rect(rect);
            }
        }
        self.fill(pb, q.color, modules);
    }
}

/// `color` through `glyph`'s coverage onto the opaque pixels of `pixmap`,
/// its top-left at `(x, y)`; what falls outside is left out.
fn blend(pixmap: &mut Pixmap, glyph: &GlyphMask, (x, y): (i32, i32), color: Color) {
    let (pw, ph) = (pixmap.width() as i32, pixmap.height() as i32);
    let (mw, mh) = (glyph.width as i32, glyph.height as i32);
    let (c0, c1) = (x.max(0), (x + mw).min(pw));
    let (r0, r1) = (y.max(0), (y + mh).min(ph));
    if c0 >= c1 || r0 >= r1 {
        return;
    }
    let rgb = [u32::from(color.r), u32::from(color.g), u32::from(color.b)];
    let data = pixmap.data_mut();
    for row in r0..r1 {
        let from = ((row - y) * mw + (c0 - x)) as usize;
        let coverage = &glyph.coverage[from..from + (c1 - c0) as usize];
        let at = ((row * pw + c0) * 4) as usize;
        let pixels = &mut data[at..at + coverage.len() * 4];
        for (px, &a) in pixels.chunks_exact_mut(4).zip(coverage) {
            if a == 0 {
                continue;
            }
            let a = u32::from(a);
            for (d, c) in px[..3].iter_mut().zip(rgb) {
                *d = ((c * a + u32::from(*d) * (255 - a) + 127) / 255) as u8;
            }
        }
    }
}

fn area(r: Rect) -> (f32, f32, f32, f32) {
    (pt(r.x), pt(r.y), pt(r.w), pt(r.h))
}

fn push_rect(pb: &mut PathBuilder, r: Rect) {
    if let Some(rect) = tiny_skia::Rect::from_xywh(pt(r.x), pt(r.y), pt(r.w), pt(r.h)) {
        pb.push_rect(rect);
    }
}

fn paint(c: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(c.r, c.g, c.b, 255);
    paint.anti_alias = true;
    paint
}

fn pt(mm: Mm) -> f32 {
    mm.to_pt().0
}
