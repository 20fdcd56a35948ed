//! Measuring with the same font bytes render embeds, through the shared
//! [`ShapeCache`](super::ShapeCache).

use super::shaper::{Dir, ShapeCache, Shaped};
use crate::fonts::Fonts;
use crate::model::Glyph;
use crate::style::FontWeight;
use crate::units::{Mm, Pt};
use std::cell::OnceCell;
use std::sync::Arc;

/// Measures text in a layout's fonts.
pub struct Measurer<'f> {
    /// Regular and bold face of each family (see [`Fonts`]), and where
    /// their bytes start (the cache's name for them); parsed when first
    /// used, so a script's fonts cost nothing in a text without it.
    faces: Vec<[OnceCell<(rustybuzz::Face<'f>, usize)>; 2]>,
    fonts: &'f Fonts,
    shapes: &'f ShapeCache,
}

fn slot(w: FontWeight) -> usize {
    match w {
        FontWeight::Regular => 0,
        FontWeight::Bold => 1,
    }
}

impl<'f> Measurer<'f> {
    pub fn new(fonts: &'f Fonts, shapes: &'f ShapeCache) -> Measurer<'f> {
        let faces = fonts.families.iter().map(|_| [OnceCell::new(), OnceCell::new()]).collect();
        Measurer { faces, fonts, shapes }
    }

    fn face(&self, family: usize, w: FontWeight) -> &(rustybuzz::Face<'f>, usize) {
        let family = family.min(self.faces.len() - 1);
        self.faces[family][slot(w)].get_or_init(|| {
            let bytes: &'f Arc<Vec<u8>> = &self.fonts.families[family].get(w).bytes;
            // Fonts are checked to parse when loaded.
            (rustybuzz::Face::from_slice(bytes, 0).expect("font checked on load"), bytes.as_ptr() as usize)
        })
    }

    /// The fonts measured with, by where their bytes start (as the shape
    /// cache names faces) and the script each family serves: what a
    /// paragraph's lines depend on besides its text and setting.
    pub fn identity(&self) -> Vec<usize> {
        let of = |f: &crate::fonts::Family| {
            let script = f.script.map_or(0, |s| s as usize + 1);
            [
                f.get(FontWeight::Regular).bytes.as_ptr() as usize,
                f.get(FontWeight::Bold).bytes.as_ptr() as usize,
                script,
            ]
        };
        self.fonts.families.iter().flat_map(of).collect()
    }

    /// How many families there are (at least one).
    pub fn families(&self) -> usize {
        self.faces.len()
    }

    /// Which family serves a character.
    pub fn family_for(&self, c: char) -> usize {
        self.fonts.family_for(c)
    }

    fn shape(&self, family: usize, w: FontWeight, text: &str, dir: Dir) -> Arc<Shaped> {
        let (face, id) = self.face(family, w);
        self.shapes.shape(*id, face, text, dir)
    }

    /// Width in the main family.
    pub fn width(&mut self, w: FontWeight, text: &str, size: Pt) -> Mm {
        self.width_in(0, w, text, size)
    }

    pub fn width_in(&mut self, family: usize, w: FontWeight, text: &str, size: Pt) -> Mm {
        Pt(self.shape(family, w, text, Dir::Guess).em * size.0).to_mm()
    }

    /// `text` shaped in one direction, as it is printed: its glyphs and width.
    pub fn set(&mut self, family: usize, w: FontWeight, text: &str, rtl: bool, size: Pt) -> (Arc<Vec<Glyph>>, Mm) {
        let s = self.shape(family, w, text, if rtl { Dir::Rtl } else { Dir::Ltr });
        (Arc::clone(&s.glyphs), Pt(s.em * size.0).to_mm())
    }

    pub fn has_glyph(&self, family: usize, c: char) -> bool {
        self.face(family, FontWeight::Regular).0.glyph_index(c).is_some()
    }

    /// How far the printed glyphs of `text` reach above and below the baseline.
    pub fn ink(&mut self, family: usize, w: FontWeight, text: &str, size: Pt) -> (Mm, Mm) {
        let s = self.shape(family, w, text, Dir::Guess);
        (Pt(s.ink_up * size.0).to_mm(), Pt(s.ink_down * size.0).to_mm())
    }

    /// The first character of `text` that the face cannot draw.
    pub fn missing_glyph(&mut self, family: usize, w: FontWeight, text: &str) -> Option<char> {
        self.shape(family, w, text, Dir::Guess).missing
    }

    /// The main family's ascender.
    pub fn ascent(&self, w: FontWeight, size: Pt) -> Mm {
        let f = &self.face(0, w).0;
        Pt(f.ascender() as f32 / f.units_per_em() as f32 * size.0).to_mm()
    }

    /// The main family's descender, as a positive depth.
    pub fn descent(&self, w: FontWeight, size: Pt) -> Mm {
        let f = &self.face(0, w).0;
        Pt(-(f.descender() as f32) / f.units_per_em() as f32 * size.0).to_mm()
    }

    /// Height of capital letters, for centring numbers in circles.
    pub fn cap_height(&self, w: FontWeight, size: Pt) -> Mm {
        let f = &self.face(0, w).0;
        let cap = f.capital_height().unwrap_or((f.ascender() as f32 * 0.7) as i16);
        Pt(cap as f32 / f.units_per_em() as f32 * size.0).to_mm()
    }
}
