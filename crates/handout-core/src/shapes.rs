//! The outlines of the page model's round shapes, in points, for both
//! painters: render (krilla's path builder, into the PDF) and raster
//! (tiny-skia's, into pixels), each of which is a [`Pen`] (implemented
//! where that painter is). One definition, so that an image and the
//! printed page have the same curves.

/// Bezier circle constant: control points at 0.5523 of the radius.
const KAPPA: f32 = 0.552_284_8;

/// What a path builder can do that the shapes need.
pub trait Pen {
    fn move_to(&mut self, x: f32, y: f32);
    fn line_to(&mut self, x: f32, y: f32);
    fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32);
    fn close(&mut self);
}

/// A circle of radius `r` around (`cx`, `cy`), as four cubic arcs.
pub fn circle(pen: &mut impl Pen, cx: f32, cy: f32, r: f32) {
    let k = r * KAPPA;
    pen.move_to(cx + r, cy);
    pen.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    pen.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    pen.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    pen.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    pen.close();
}

/// A rectangle at (`x`, `y`) of `w` x `h` with corners of `radius` (at
/// most half the shorter side).
pub fn rounded_rect(pen: &mut impl Pen, (x, y, w, h): (f32, f32, f32, f32), radius: f32) {
    let rad = radius.min(w / 2.0).min(h / 2.0);
    let k = rad * KAPPA;
    pen.move_to(x + rad, y);
    pen.line_to(x + w - rad, y);
    pen.cubic_to(x + w - rad + k, y, x + w, y + rad - k, x + w, y + rad);
    pen.line_to(x + w, y + h - rad);
    pen.cubic_to(x + w, y + h - rad + k, x + w - rad + k, y + h, x + w - rad, y + h);
    pen.line_to(x + rad, y + h);
    pen.cubic_to(x + rad - k, y + h, x, y + h - rad + k, x, y + h - rad);
    pen.line_to(x, y + rad);
    pen.cubic_to(x, y + rad - k, x + rad - k, y, x + rad, y);
    pen.close();
}
