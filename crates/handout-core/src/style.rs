//! How things look, in terms every stage shares: colours and font
//! weights. Layouts name them, compose sets text in them, render paints
//! them; none of those needs the others to say so.

use crate::named::named;

/// An sRGB colour.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red, 0 to 255.
    pub r: u8,
    /// Green, 0 to 255.
    pub g: u8,
    /// Blue, 0 to 255.
    pub b: u8,
}

impl Color {
    /// Black.
    pub const BLACK: Color = Color { r: 0, g: 0, b: 0 };
    /// White.
    pub const WHITE: Color = Color { r: 255, g: 255, b: 255 };

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f32 {
        fn channel(c: u8) -> f32 {
            let c = c as f32 / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        }
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// WCAG 2 contrast ratio, 1.0 to 21.0.
    pub fn contrast(self, other: Color) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

named! {
    /// Which face of the font family a run uses (`weight = "bold"` in a
    /// layout's text role).
    pub enum FontWeight as "a font weight" { Regular = "regular", Bold = "bold" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wcag_contrast_extremes() {
        assert!((Color::BLACK.contrast(Color::WHITE) - 21.0).abs() < 0.01);
        assert!((Color::WHITE.contrast(Color::WHITE) - 1.0).abs() < 0.01);
        // #767676 on white is the classic 4.5:1 threshold.
        let grey = Color { r: 0x76, g: 0x76, b: 0x76 };
        assert!((grey.contrast(Color::WHITE) - 4.54).abs() < 0.02);
    }
}
