//! Icons in the text: "tik op het menu {icon:menu}". An icon is an SVG
//! file of the project's `icons/` (checked as an SVG logo is), kept as
//! the shapes it draws, each filled or stroked (as icon sets draw: lines
//! with round ends) in the colour of the text around it. Render and
//! raster draw the same shapes through the [`Pen`] each has, so the
//! printed page and its image agree.
//!
//! The shapes keep the SVG's own units (a 24 x 24 grid for most sets):
//! their numbers stay short in the PDF, where the icon's square is a
//! transform, and a line stays a line (a first version turned strokes into
//! filled outlines: 5 kB of drawing an icon, a fifth of a batch's time).

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

/// How finely a dashed stroke (drawn as the areas of its dashes) follows
/// curves: smooth while the icon is drawn at most this many pixels across
/// (a poster's icon printed at 1200 dpi is about 900).
const DASH_DETAIL: f32 = 1200.0;

/// One step of an outline, in the icon's units (y down).
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

/// How the ends of a stroked line look.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Cap {
    /// Cut off at the end.
    Butt,
    /// Round, half the width beyond the end.
    Round,
    /// Square, half the width beyond the end.
    Square,
}

/// How the corners of a stroked line look.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Join {
    /// Pointed (cut off past the miter limit).
    Miter,
    /// Round.
    Round,
    /// Cut off.
    Bevel,
}

/// How an area's contours are drawn.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Paint {
    /// Filled, by the even-odd rule or else the non-zero winding rule.
    Fill {
        /// The even-odd rule.
        even_odd: bool,
    },
    /// Stroked along the contours.
    Stroke {
        /// The line's width, in the icon's units.
        width: f32,
        /// Its ends.
        cap: Cap,
        /// Its corners.
        join: Join,
        /// How long a pointed corner may get, in widths.
        miter_limit: f32,
    },
}

/// Contours drawn together, one way.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// The contours.
    pub segments: Vec<Segment>,
    /// Filled or stroked.
    pub paint: Paint,
}

/// What an icon draws, in its own units: a square of `side` whose top-left
/// is (0, 0).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Outline {
    /// The square's side in the icon's units (24 for most sets).
    pub side: f32,
    /// The areas, in drawing order.
    pub areas: Vec<Area>,
}

impl Area {
    /// Draw the area's contours with `pen`, in the icon's units.
    pub fn draw(&self, pen: &mut impl Pen) {
        for s in &self.segments {
            match *s {
                Segment::Move(x, y) => pen.move_to(x, y),
                Segment::Line(x, y) => pen.line_to(x, y),
                Segment::Cubic([x1, y1, x2, y2, x, y]) => pen.cubic_to(x1, y1, x2, y2, x, y),
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

/// The outline of a checked SVG: its filled and stroked shapes, in its
/// own units, centred in a square (if the SVG is not square). A picture
/// in it cannot take the text's colour: refused.
pub fn outline(tree: &usvg::Tree) -> Result<Outline, &'static str> {
    let size = tree.size();
    let side = size.width().max(size.height());
    let centre = usvg::Transform::from_translate((side - size.width()) / 2.0, (side - size.height()) / 2.0);
    let mut out = Outline { side, areas: Vec::new() };
    walk(tree.root(), centre, &mut out)?;
    Ok(out)
}

fn walk(group: &usvg::Group, centre: usvg::Transform, out: &mut Outline) -> Result<(), &'static str> {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => walk(g, centre, out)?,
            usvg::Node::Path(p) => add_path(p, centre, out),
            usvg::Node::Text(t) => walk(t.flattened(), centre, out)?,
            usvg::Node::Image(_) => return Err("an icon cannot hold a picture: it is drawn in the text's colour"),
        }
    }
    Ok(())
}

/// A path's fill and stroke. A stroke is kept as a stroke when its path
/// is scaled evenly (its width is then one number); a dashed stroke, or
/// one skewed, becomes the areas it covers.
fn add_path(p: &usvg::Path, centre: usvg::Transform, out: &mut Outline) {
    if !p.is_visible() {
        return;
    }
    let ts = p.abs_transform().post_concat(centre);
    if let Some(fill) = p.fill()
        && let Some(path) = p.data().clone().transform(ts)
    {
        let even_odd = fill.rule() == usvg::FillRule::EvenOdd;
        out.areas.push(Area { segments: segments(&path), paint: Paint::Fill { even_odd } });
    }
    let Some(stroke) = p.stroke() else { return };
    let even = !ts.has_skew() && (ts.sx - ts.sy).abs() < 1e-4 * ts.sx.abs().max(1.0);
    if stroke.dasharray().is_none() && even {
        if let Some(path) = p.data().clone().transform(ts) {
            let paint = Paint::Stroke {
                width: stroke.width().get() * ts.sx.abs(),
                cap: match stroke.linecap() {
                    usvg::LineCap::Butt => Cap::Butt,
                    usvg::LineCap::Round => Cap::Round,
                    usvg::LineCap::Square => Cap::Square,
                },
                join: match stroke.linejoin() {
                    usvg::LineJoin::Round => Join::Round,
                    usvg::LineJoin::Bevel => Join::Bevel,
                    usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => Join::Miter,
                },
                miter_limit: stroke.miterlimit().get(),
            };
            out.areas.push(Area { segments: segments(&path), paint });
        }
        return;
    }
    let detail = DASH_DETAIL / out.side.max(1.0);
    if let Some(covered) = p.data().stroke(&stroke.to_tiny_skia(), detail).and_then(|a| a.transform(ts)) {
        out.areas.push(Area { segments: segments(&covered), paint: Paint::Fill { even_odd: false } });
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
            side: 24.0,
            areas: vec![Area {
                segments: vec![
                    Segment::Move(2.0, 2.0),
                    Segment::Line(22.0, 2.0),
                    Segment::Line(22.0, 22.0),
                    Segment::Line(2.0, 22.0),
                    Segment::Close,
                ],
                paint: Paint::Fill { even_odd: false },
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
