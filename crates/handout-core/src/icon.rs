//! Icons in the text: "tik op het menu {icon:menu}". An icon is an SVG
//! file of the project's `icons/` (checked as an SVG logo is), kept as the
//! outlines of its shapes in a square of one unit, filled in the colour
//! of the text around it. Render and raster draw the same outlines
//! through the [`Pen`] each has, so the printed page and its image agree.
//!
//! Strokes (most icon sets draw with lines, not areas) become the outline
//! of the area the stroke covers, here, once: the page model has only
//! areas to fill, and a PDF viewer or printer draws them as they are.

use crate::diag::Loc;
use crate::shapes::Pen;
use crate::units::Mm;
use std::collections::BTreeMap;
use std::sync::Arc;

/// An icon's square, as a share of the font size. An icon set leaves a
/// margin (a twelfth of the square on each side), so the symbol itself is
/// about as tall as the letters from their tops to below the baseline,
/// and its lines about as thick as the regular text's: drawn smaller
/// (0.9, first tried), the symbols looked faint next to the words.
pub const SIDE_EM: f32 = 1.25;

/// How finely round strokes are turned into outlines: their curves stay
/// smooth while the icon is drawn at most this many pixels across (a
/// poster's icon printed at 1200 dpi is about 900).
const STROKE_DETAIL: f32 = 1200.0;

/// One step of an outline, in units of the icon's square (0 to 1, y down).
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Segment {
    /// Start a new contour here.
    Move(f32, f32),
    /// A straight line to here.
    Line(f32, f32),
    /// A cubic curve by two control points to the last point.
    Cubic([f32; 6]),
    /// Close the contour.
    Close,
}

/// Contours filled together, by one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// The contours.
    pub segments: Vec<Segment>,
    /// Filled by the even-odd rule (else non-zero winding).
    pub even_odd: bool,
}

/// What an icon draws: areas filled in one colour.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Outline {
    /// The areas, in drawing order.
    pub areas: Vec<Area>,
}

impl Area {
    /// Draw the area's contours with `pen` into a square of `side` at (`x`, `y`).
    pub fn draw(&self, pen: &mut impl Pen, (x, y): (f32, f32), side: f32) {
        let at = |px: f32, py: f32| (x + px * side, y + py * side);
        for s in &self.segments {
            match *s {
                Segment::Move(px, py) => {
                    let (a, b) = at(px, py);
                    pen.move_to(a, b)
                }
                Segment::Line(px, py) => {
                    let (a, b) = at(px, py);
                    pen.line_to(a, b)
                }
                Segment::Cubic([x1, y1, x2, y2, x3, y3]) => {
                    let ((a1, b1), (a2, b2), (a3, b3)) = (at(x1, y1), at(x2, y2), at(x3, y3));
                    pen.cubic_to(a1, b1, a2, b2, a3, b3)
                }
                Segment::Close => pen.close(),
            }
        }
    }
}

/// An icon a text may name.
#[derive(Debug)]
pub struct Icon {
    /// Its name in `{icon:name}`.
    pub name: String,
    /// What a screen reader says for it, by language code.
    pub alt: BTreeMap<String, String>,
    /// Its shapes.
    pub outline: Arc<Outline>,
    /// Its table in icons/icons.toml.
    pub loc: Loc,
}

impl Icon {
    /// What a screen reader says for it in `lang`.
    pub fn alt(&self, lang: &str) -> Option<&str> {
        self.alt.get(lang).map(String::as_str)
    }
}

/// The icon's square at a font size.
pub fn side(size: crate::units::Pt) -> Mm {
    size.to_mm() * SIDE_EM
}

/// The icons a project's texts may use, by name.
#[derive(Debug, Default)]
pub struct Icons {
    by_name: BTreeMap<String, Arc<Icon>>,
}

impl Icons {
    /// A set of these icons.
    pub fn new(icons: impl IntoIterator<Item = Icon>) -> Icons {
        Icons { by_name: icons.into_iter().map(|i| (i.name.clone(), Arc::new(i))).collect() }
    }

    /// The icon called `name`.
    pub fn get(&self, name: &str) -> Option<&Arc<Icon>> {
        self.by_name.get(name)
    }

    /// Every icon, by name.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Icon>> {
        self.by_name.values()
    }

    /// The names, for messages: "back, menu, ...", or a word that there are none.
    pub fn names(&self) -> String {
        if self.by_name.is_empty() {
            return "none (the project has no icons/icons.toml)".into();
        }
        self.by_name.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
    }
}

/// The outline of a checked SVG: its filled and stroked shapes as areas,
/// scaled into a square of one unit (centred, if the SVG is not square).
/// A picture in it cannot take the text's colour: refused.
pub fn outline(tree: &usvg::Tree) -> Result<Outline, &'static str> {
    let size = tree.size();
    let longer = size.width().max(size.height());
    let fit = usvg::Transform::from_translate((longer - size.width()) / 2.0, (longer - size.height()) / 2.0)
        .post_scale(1.0 / longer, 1.0 / longer);
    let mut out = Outline::default();
    walk(tree.root(), fit, longer, &mut out)?;
    Ok(out)
}

fn walk(group: &usvg::Group, fit: usvg::Transform, longer: f32, out: &mut Outline) -> Result<(), &'static str> {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => walk(g, fit, longer, out)?,
            usvg::Node::Path(p) => add_path(p, fit, longer, out),
            usvg::Node::Text(t) => walk(t.flattened(), fit, longer, out)?,
            usvg::Node::Image(_) => return Err("an icon cannot hold a picture: it is drawn in the text's colour"),
        }
    }
    Ok(())
}

/// A path's fill and stroke, as areas.
fn add_path(p: &usvg::Path, fit: usvg::Transform, longer: f32, out: &mut Outline) {
    if !p.is_visible() {
        return;
    }
    let to_square = p.abs_transform().post_concat(fit);
    if let Some(fill) = p.fill() {
        let even_odd = fill.rule() == usvg::FillRule::EvenOdd;
        if let Some(area) = p.data().clone().transform(to_square) {
            out.areas.push(Area { segments: segments(&area), even_odd });
        }
    }
    if let Some(stroke) = p.stroke() {
        let detail = STROKE_DETAIL / longer;
        let covered = p.data().stroke(&stroke.to_tiny_skia(), detail).and_then(|a| a.transform(to_square));
        if let Some(area) = covered {
            out.areas.push(Area { segments: segments(&area), even_odd: false });
        }
    }
}

/// A path's segments, quadratic curves raised to cubic ones (the pens draw cubics).
fn segments(path: &usvg::tiny_skia_path::Path) -> Vec<Segment> {
    use usvg::tiny_skia_path::PathSegment as S;
    let mut out = Vec::with_capacity(path.len());
    let mut last = (0.0, 0.0);
    for s in path.segments() {
        match s {
            S::MoveTo(p) => {
                out.push(Segment::Move(p.x, p.y));
                last = (p.x, p.y);
            }
            S::LineTo(p) => {
                out.push(Segment::Line(p.x, p.y));
                last = (p.x, p.y);
            }
            S::QuadTo(c, p) => {
                let third = |a: f32, b: f32| a + (b - a) * 2.0 / 3.0;
                out.push(Segment::Cubic([
                    third(last.0, c.x),
                    third(last.1, c.y),
                    third(p.x, c.x),
                    third(p.y, c.y),
                    p.x,
                    p.y,
                ]));
                last = (p.x, p.y);
            }
            S::CubicTo(c1, c2, p) => {
                out.push(Segment::Cubic([c1.x, c1.y, c2.x, c2.y, p.x, p.y]));
                last = (p.x, p.y);
            }
            S::Close => out.push(Segment::Close),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Two icons of one square each, for tests that need names.
    pub(crate) fn two_icons() -> Icons {
        let square = Arc::new(Outline {
            areas: vec![Area {
                segments: vec![
                    Segment::Move(0.1, 0.1),
                    Segment::Line(0.9, 0.1),
                    Segment::Line(0.9, 0.9),
                    Segment::Line(0.1, 0.9),
                    Segment::Close,
                ],
                even_odd: false,
            }],
        });
        let icon = |name: &str| Icon {
            name: name.into(),
            alt: [("nl".to_string(), format!("{name} (nl)")), ("en".to_string(), name.to_string())].into(),
            outline: Arc::clone(&square),
            loc: Loc::new(&crate::diag::Source::new("icons/icons.toml", String::new()), 0..0),
        };
        Icons::new([icon("menu"), icon("back")])
    }
}
