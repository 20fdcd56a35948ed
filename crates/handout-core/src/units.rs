//! Lengths. Layouts speak millimetres, fonts speak points; keeping them as
//! distinct types means a size can never be used as a position by accident.
//! Both carry the arithmetic geometry needs (as typst's `Abs` does), so
//! geometry code reads like geometry and never unwraps the number inside.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// Millimetres per inch.
const MM_PER_INCH: f32 = 25.4;
/// Points per inch: 1 pt = 1/72 inch.
const PT_PER_INCH: f32 = 72.0;
/// Points per millimetre.
const PT_PER_MM: f32 = PT_PER_INCH / MM_PER_INCH;

/// A length on paper in millimetres.
#[derive(Copy, Clone, Debug, Default, PartialEq, PartialOrd)]
pub struct Mm(pub f32);

/// A length in typographic points; font sizes are points.
#[derive(Copy, Clone, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f32);

/// How far two positions on paper may differ and still count as the same:
/// a hundredth of a millimetre, far below what any printer can show, but
/// above what rounding in `f32` arithmetic produces.
pub const EPS: Mm = Mm(0.01);

impl Mm {
    /// No length.
    pub const ZERO: Mm = Mm(0.0);

    /// The same length in points.
    pub fn to_pt(self) -> Pt {
        Pt(self.0 * PT_PER_MM)
    }

    /// The longer of the two.
    pub fn max(self, other: Mm) -> Mm {
        Mm(self.0.max(other.0))
    }

    /// The shorter of the two.
    pub fn min(self, other: Mm) -> Mm {
        Mm(self.0.min(other.0))
    }

    /// The length without its sign.
    pub fn abs(self) -> Mm {
        Mm(self.0.abs())
    }

    /// Equal within [`EPS`].
    pub fn approx_eq(self, other: Mm) -> bool {
        (self - other).abs() < EPS
    }

    /// At most `other`, allowing [`EPS`] of rounding.
    pub fn fits_in(self, other: Mm) -> bool {
        self.0 <= other.0 + EPS.0
    }

    /// The length of `pixels` printed at `dpi` dots per inch.
    pub fn from_pixels(pixels: f32, dpi: f32) -> Mm {
        Mm(pixels * MM_PER_INCH / dpi)
    }

    /// How many pixels this length is at `dpi` dots per inch.
    pub fn to_pixels(self, dpi: f32) -> f32 {
        self.0 / MM_PER_INCH * dpi
    }
}

impl Pt {
    /// No length.
    pub const ZERO: Pt = Pt(0.0);

    /// The same length in millimetres.
    pub fn to_mm(self) -> Mm {
        Mm(self.0 / PT_PER_MM)
    }

    /// The larger of the two.
    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }

    /// The smaller of the two.
    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }
}

/// `12.5 mm`; a precision applies to the number (`{:.1}`).
impl fmt::Display for Mm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:.*} mm", p, self.0),
            None => write!(f, "{} mm", self.0),
        }
    }
}

/// `10.5 pt`; a precision applies to the number (`{:.1}`).
impl fmt::Display for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:.*} pt", p, self.0),
            None => write!(f, "{} pt", self.0),
        }
    }
}

macro_rules! arithmetic {
    ($t:ident) => {
        impl Add for $t {
            type Output = $t;
            fn add(self, o: $t) -> $t {
                $t(self.0 + o.0)
            }
        }
        impl Sub for $t {
            type Output = $t;
            fn sub(self, o: $t) -> $t {
                $t(self.0 - o.0)
            }
        }
        impl AddAssign for $t {
            fn add_assign(&mut self, o: $t) {
                self.0 += o.0;
            }
        }
        impl SubAssign for $t {
            fn sub_assign(&mut self, o: $t) {
                self.0 -= o.0;
            }
        }
        impl Mul<f32> for $t {
            type Output = $t;
            fn mul(self, k: f32) -> $t {
                $t(self.0 * k)
            }
        }
        impl Div<f32> for $t {
            type Output = $t;
            fn div(self, k: f32) -> $t {
                $t(self.0 / k)
            }
        }
        /// The ratio of two lengths.
        impl Div for $t {
            type Output = f32;
            fn div(self, o: $t) -> f32 {
                self.0 / o.0
            }
        }
        impl Neg for $t {
            type Output = $t;
            fn neg(self) -> $t {
                $t(-self.0)
            }
        }
        impl Sum for $t {
            fn sum<I: Iterator<Item = $t>>(iter: I) -> $t {
                iter.fold($t(0.0), |a, b| a + b)
            }
        }
    };
}
arithmetic!(Mm);
arithmetic!(Pt);

/// A point on the page, measured from the top-left corner, y growing down.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Point {
    pub x: Mm,
    pub y: Mm,
}

impl Point {
    pub fn new(x: Mm, y: Mm) -> Point {
        Point { x, y }
    }

    pub fn translate(self, dx: Mm, dy: Mm) -> Point {
        Point::new(self.x + dx, self.y + dy)
    }
}

/// The width and height of a page or a box.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Size {
    pub w: Mm,
    pub h: Mm,
}

impl Size {
    pub fn new(w: Mm, h: Mm) -> Size {
        Size { w, h }
    }

    /// Portrait: taller than wide.
    pub fn is_portrait(self) -> bool {
        self.h >= self.w
    }
}

/// An axis-aligned rectangle on the page, top-left origin.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Rect {
    /// Its left edge.
    pub x: Mm,
    /// Its top edge.
    pub y: Mm,
    /// Its width.
    pub w: Mm,
    /// Its height.
    pub h: Mm,
}

impl Rect {
    /// A rectangle at (`x`, `y`) of `w` x `h`.
    pub fn new(x: Mm, y: Mm, w: Mm, h: Mm) -> Rect {
        Rect { x, y, w, h }
    }

    /// A rectangle of this size at the origin.
    pub fn sized(size: Size) -> Rect {
        Rect::new(Mm::ZERO, Mm::ZERO, size.w, size.h)
    }

    /// Its width and height.
    pub fn size(&self) -> Size {
        Size::new(self.w, self.h)
    }

    /// Its right edge.
    pub fn right(&self) -> Mm {
        self.x + self.w
    }

    /// Its bottom edge.
    pub fn bottom(&self) -> Mm {
        self.y + self.h
    }

    /// The rectangle shrunk by `d` on every side.
    pub fn inset(&self, d: Mm) -> Rect {
        Rect::new(self.x + d, self.y + d, self.w - d * 2.0, self.h - d * 2.0)
    }

    /// The rectangle grown by `d` on every side.
    pub fn outset(&self, d: Mm) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + d * 2.0, self.h + d * 2.0)
    }

    /// The same rectangle moved by (`dx`, `dy`).
    pub fn translate(&self, dx: Mm, dy: Mm) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    /// Whether `other` lies inside this rectangle, allowing `tol` of slack.
    pub fn contains(&self, other: &Rect, tol: Mm) -> bool {
        other.x >= self.x - tol
            && other.y >= self.y - tol
            && other.right() <= self.right() + tol
            && other.bottom() <= self.bottom() + tol
    }

    /// Whether `other` lies inside, within the rounding of [`EPS`].
    pub fn encloses(&self, other: &Rect) -> bool {
        self.contains(other, EPS)
    }

    /// Whether the two share any area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }

    /// Equal within [`EPS`] on every edge.
    pub fn approx_eq(&self, other: &Rect) -> bool {
        self.x.approx_eq(other.x) && self.y.approx_eq(other.y) && self.w.approx_eq(other.w) && self.h.approx_eq(other.h)
    }

    /// The rectangle mirrored left to right inside a width.
    pub fn mirror_x(&self, width: Mm) -> Rect {
        Rect::new(width - self.right(), self.y, self.w, self.h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_width_in_points() {
        assert!((Mm(210.0).to_pt().0 - 595.2756).abs() < 0.001);
        assert!((Pt(72.0).to_mm().0 - 25.4).abs() < 0.0001);
    }

    #[test]
    fn containment_and_overlap() {
        let page = Rect::new(Mm(0.0), Mm(0.0), Mm(210.0), Mm(297.0));
        let inner = Rect::new(Mm(10.0), Mm(10.0), Mm(50.0), Mm(50.0));
        assert!(page.contains(&inner, Mm::ZERO));
        assert!(!inner.contains(&page, Mm::ZERO));
        assert!(inner.overlaps(&inner.translate(Mm(49.0), Mm(0.0))));
        assert!(!inner.overlaps(&inner.translate(Mm(50.0), Mm(0.0))));
        assert!(inner.encloses(&inner.translate(Mm(0.005), Mm(0.0))));
        assert_eq!(inner.outset(Mm(2.0)).inset(Mm(2.0)), inner);
        assert_eq!(inner.mirror_x(Mm(210.0)).x, Mm(150.0));
    }

    #[test]
    fn lengths_show_their_unit() {
        assert_eq!(format!("{:.1}", Mm(12.345)), "12.3 mm");
        assert_eq!(Pt(10.5).to_string(), "10.5 pt");
        assert_eq!(format!("{:.0}", Mm(66.4)), "66 mm");
        assert!((Mm::from_pixels(300.0, 300.0).0 - 25.4).abs() < 1e-4);
        assert!((Mm(25.4).to_pixels(72.0) - 72.0).abs() < 1e-4);
    }

    #[test]
    fn lengths_do_arithmetic() {
        assert_eq!(Mm(3.0) + Mm(4.0) - Mm(1.0), Mm(6.0));
        assert_eq!(Mm(3.0) * 2.0 / 4.0, Mm(1.5));
        assert_eq!(Mm(3.0) / Mm(6.0), 0.5);
        assert_eq!([Mm(1.0), Mm(2.0)].into_iter().sum::<Mm>(), Mm(3.0));
        assert!(Mm(1.0).approx_eq(Mm(1.005)) && !Mm(1.0).approx_eq(Mm(1.02)));
        assert!(Mm(1.005).fits_in(Mm(1.0)) && !Mm(1.02).fits_in(Mm(1.0)));
    }
}
