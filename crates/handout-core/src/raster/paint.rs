//! One page of the model painted into pixels: the same items, in the same
//! order, with the same outlines as render writes into the PDF. Positions
//! are in points (as in the PDF) under one page transform to pixels.
//!
//! A page is painted in bands of rows, each band handed on (to be encoded)
//! before the next is painted: a 1920 x 1080 image never has its 8 MB of
//! pixels in memory at once, and each band stays in the processor's cache
//! while it is painted, converted and compressed. Only the items that
//! reach into a band are drawn in it; text and logos are drawn once for
//! the page, ahead of the bands, and copied into each band they reach.

use super::glyphs::{GlyphMask, Glyphs, Placed};
use super::picture::{self, Prepared};
use crate::diag::Problem;
use crate::model::{IconMark, Item, Page, QrSymbol, Typeface};
use crate::shapes;
use crate::style::Color;
use crate::units::{Mm, Point, Pt, Rect};
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Stroke, Transform};

/// Rows painted at a time: 32 rows of a 1920-pixel screen are 240 kB.
pub const BAND: u32 = 32;

/// A page ready to paint, band by band.
pub struct Painter<'a> {
    width: u32,
    height: u32,
    /// Points on the page to pixels of the whole image.
    to_px: Transform,
    /// The page's items in drawing order, as they will be drawn.
    items: Vec<Ready<'a>>,
    /// The glyph masks text refers to.
    masks: Vec<GlyphMask>,
}

/// An item and the rows of the image (from the top, in pixels) it may touch.
struct Ready<'a> {
    rows: (f32, f32),
    drawn: Drawn<'a>,
}

/// What a band draws of an item: a shape or QR code from the model, or
/// what was drawn ahead for the whole page.
enum Drawn<'a> {
    Shape(&'a Item),
    Text { glyphs: Vec<Placed>, color: Color },
    Logo(Prepared),
}

impl<'a> Painter<'a> {
    pub fn new(page: &'a Page, fonts: &[Typeface], (width, height): (u32, u32)) -> Result<Painter<'a>, Problem> {
        let to_px = Transform::from_scale(width as f32 / pt(page.size.w), height as f32 / pt(page.size.h));
        let mut set = Glyphs::new(fonts);
        let mut items = Vec::with_capacity(page.items.len());
        for item in &page.items {
            let ready = match item {
                Item::Text(run) => {
                    let glyphs = set.place(run, to_px);
                    let rows = glyphs.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), g| {
                        (a.min(g.y as f32), b.max((g.y + set.masks[g.mask].height as i32) as f32))
                    });
                    Ready { rows, drawn: Drawn::Text { glyphs, color: run.color } }
                }
                Item::Image { rect, picture } => {
                    let logo = picture::prepare(picture, area(*rect), to_px)?;
                    Ready { rows: logo.rows(), drawn: Drawn::Logo(logo) }
                }
                shape => {
                    let (top, bottom) = reach(shape);
                    Ready {
                        rows: (top * to_px.sy + to_px.ty, bottom * to_px.sy + to_px.ty),
                        drawn: Drawn::Shape(shape),
                    }
                }
            };
            items.push(ready);
        }
        Ok(Painter { width, height, to_px, items, masks: set.masks })
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
        for Ready { rows: (a, b), drawn } in &self.items {
            if *b < from || *a > to {
                continue;
            }
            match drawn {
                Drawn::Shape(item) => canvas.item(item),
                Drawn::Logo(logo) => logo.draw(canvas.pixmap, top),
                Drawn::Text { glyphs, color } => {
                    for g in glyphs {
                        blend(canvas.pixmap, &self.masks[g.mask], (g.x, g.y - top as i32), *color);
                    }
                }
            }
        }
    }
}

/// How far up and down (in points) a shape may draw: its box, and 2 pt
/// more for a stroke's half width and anti-aliasing's pixel. (Text and
/// logos are drawn ahead: their rows are those of what was drawn.)
fn reach(item: &Item) -> (f32, f32) {
    let (top, bottom) = match item {
        Item::Box { rect, .. } | Item::Image { rect, .. } => (rect.y, rect.y + rect.h),
        Item::Icon(icon) => (icon.rect.y, icon.rect.y + icon.rect.h),
        Item::Circle { center, radius, .. } => (center.y - *radius, center.y + *radius),
        Item::Line { from, to, .. } | Item::CropMark { from, to, .. } => (from.y.min(to.y), from.y.max(to.y)),
        Item::Text(run) => (run.origin.y - run.ascent, run.origin.y + run.descent),
        Item::Qr(q) => {
            let r = q.outer();
            (r.y, r.y + r.h)
        }
    };
    (pt(top) - 2.0, pt(bottom) + 2.0)
}

/// The pixels of a band, and how points on the page map onto them.
struct Canvas<'p> {
    pixmap: &'p mut Pixmap,
    to_px: Transform,
}

impl Canvas<'_> {
    /// A shape or a QR code (text and logos are drawn ahead, in Painter::new).
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
            Item::Icon(icon) => self.icon(icon),
            Item::Text(_) | Item::Image { .. } => {}
        }
    }

    fn fill(&mut self, pb: PathBuilder, color: Color, ts: Transform) {
        self.fill_by(pb, color, ts, FillRule::Winding);
    }

    fn fill_by(&mut self, pb: PathBuilder, color: Color, ts: Transform, rule: FillRule) {
        if let Some(path) = pb.finish() {
            self.pixmap.fill_path(&path, &paint(color), rule, ts, None);
        }
    }

    /// An icon's areas in its own units, as render draws them.
    fn icon(&mut self, icon: &IconMark) {
        use crate::icon::{Cap, Join, Paint};
        let (r, o) = (icon.rect, &icon.outline);
        let k = pt(r.w) / o.side;
        let ts = Transform::from_row(k, 0.0, 0.0, k, pt(r.x), pt(r.y)).post_concat(self.to_px);
        for area in &o.areas {
            let mut pb = PathBuilder::new();
            area.draw(&mut pb);
            match area.paint {
                Paint::Fill { even_odd } => {
                    self.fill_by(pb, icon.color, ts, if even_odd { FillRule::EvenOdd } else { FillRule::Winding });
                }
                Paint::Stroke { width, cap, join, miter_limit } => {
                    let Some(path) = pb.finish() else { continue };
                    let stroke = Stroke {
                        width,
                        miter_limit,
                        line_cap: match cap {
                            Cap::Butt => tiny_skia::LineCap::Butt,
                            Cap::Round => tiny_skia::LineCap::Round,
                            Cap::Square => tiny_skia::LineCap::Square,
                        },
                        line_join: match join {
                            Join::Miter => tiny_skia::LineJoin::Miter,
                            Join::Round => tiny_skia::LineJoin::Round,
                            Join::Bevel => tiny_skia::LineJoin::Bevel,
                        },
                        ..Stroke::default()
                    };
                    self.pixmap.stroke_path(&path, &paint(icon.color), &stroke, ts, None);
                }
            }
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

/// tiny-skia's path builder draws the round shapes' outlines.
impl shapes::Pen for tiny_skia::PathBuilder {
    fn move_to(&mut self, x: f32, y: f32) {
        tiny_skia::PathBuilder::move_to(self, x, y)
    }
    fn line_to(&mut self, x: f32, y: f32) {
        tiny_skia::PathBuilder::line_to(self, x, y)
    }
    fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        tiny_skia::PathBuilder::cubic_to(self, x1, y1, x2, y2, x, y)
    }
    fn close(&mut self) {
        tiny_skia::PathBuilder::close(self)
    }
}
