//! Lengths. Layouts speak millimetres, fonts speak points; keeping them as
//! distinct types means a size can never be used as a position by accident.

use serde::Deserialize;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// Points per millimetre (1 pt = 1/72 inch, 1 inch = 25.4 mm).
const PT_PER_MM: f32 = 72.0 / 25.4;

/// A length on paper in millimetres.
#[derive(Copy, Clone, Debug, Default, PartialEq, PartialOrd, Deserialize)]
#[serde(transparent)]
pub struct Mm(pub f32);

/// A length in typographic points; font sizes are points.
#[derive(Copy, Clone, Debug, Default, PartialEq, PartialOrd, Deserialize)]
#[serde(transparent)]
pub struct Pt(pub f32);

impl Mm {
    pub const ZERO: Mm = Mm(0.0);

    pub fn to_pt(self) -> Pt {
        Pt(self.0 * PT_PER_MM)
    }

    pub fn max(self, other: Mm) -> Mm {
        Mm(self.0.max(other.0))
    }

    pub fn min(self, other: Mm) -> Mm {
        Mm(self.0.min(other.0))
    }
}

impl Pt {
    pub fn to_mm(self) -> Mm {
        Mm(self.0 / PT_PER_MM)
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
        impl Neg for $t {
            type Output = $t;
            fn neg(self) -> $t {
                $t(-self.0)
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
}

/// An axis-aligned rectangle on the page, top-left origin.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: Mm,
    pub y: Mm,
    pub w: Mm,
    pub h: Mm,
}

impl Rect {
    pub fn new(x: Mm, y: Mm, w: Mm, h: Mm) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> Mm {
        self.x + self.w
    }

    pub fn bottom(&self) -> Mm {
        self.y + self.h
    }

    /// The rectangle shrunk by `d` on every side.
    pub fn inset(&self, d: Mm) -> Rect {
        Rect::new(self.x + d, self.y + d, self.w - d * 2.0, self.h - d * 2.0)
    }

    pub fn translate(&self, dx: Mm, dy: Mm) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    /// Whether `other` lies inside this rectangle, allowing `tol` of slack.
    pub fn contains(&self, other: &Rect, tol: Mm) -> bool {
        other.x.0 >= self.x.0 - tol.0
            && other.y.0 >= self.y.0 - tol.0
            && other.right().0 <= self.right().0 + tol.0
            && other.bottom().0 <= self.bottom().0 + tol.0
    }

    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x.0 < other.right().0
            && other.x.0 < self.right().0
            && self.y.0 < other.bottom().0
            && other.y.0 < self.bottom().0
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
    }
}
