//! Shaping and measuring with the same font bytes render embeds.

use crate::fonts::Fonts;
use crate::model::FontWeight;
use crate::units::{Mm, Pt};
use std::collections::HashMap;

/// Shapes text and remembers widths.
pub struct Measurer<'f> {
    /// Regular and bold face of each family (see [`Fonts`]).
    faces: Vec<[rustybuzz::Face<'f>; 2]>,
    fonts: &'f Fonts,
    cache: HashMap<(usize, FontWeight, String), Shaped>,
}

#[derive(Copy, Clone)]
struct Shaped {
    /// Advance in em.
    em: f32,
    /// A character the font has no glyph for.
    missing: Option<char>,
    /// How far the ink reaches above and below the baseline, in em.
    ink_up: f32,
    ink_down: f32,
}

fn slot(w: FontWeight) -> usize {
    match w {
        FontWeight::Regular => 0,
        FontWeight::Bold => 1,
    }
}

impl<'f> Measurer<'f> {
    pub fn new(fonts: &'f Fonts) -> Measurer<'f> {
        // Fonts are checked to parse when loaded.
        let face = |b: &'f [u8]| rustybuzz::Face::from_slice(b, 0).expect("font checked on load");
        let faces = fonts.families.iter().map(|f| [face(&f.regular.bytes), face(&f.bold.bytes)]).collect();
        Measurer { faces, fonts, cache: HashMap::new() }
    }

    fn face(&self, family: usize, w: FontWeight) -> &rustybuzz::Face<'f> {
        &self.faces[family.min(self.faces.len() - 1)][slot(w)]
    }

    /// Which family serves a character.
    pub fn family_for(&self, c: char) -> usize {
        self.fonts.family_for(c)
    }

    fn shape(&mut self, family: usize, w: FontWeight, text: &str) -> Shaped {
        if let Some(s) = self.cache.get(&(family, w, text.to_string())) {
            return *s;
        }
        let face = self.face(family, w);
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        let out = rustybuzz::shape(face, &[], buf);
        let upem = face.units_per_em() as f32;
        let em = out.glyph_positions().iter().map(|p| p.x_advance as f32).sum::<f32>() / upem;
        let missing = out
            .glyph_infos()
            .iter()
            .find(|g| g.glyph_id == 0)
            .and_then(|g| text.get(g.cluster as usize..)?.chars().next())
            .filter(|c| !c.is_whitespace() && !is_default_ignorable(*c));
        let (mut up, mut down) = (0.0f32, 0.0f32);
        for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
            if let Some(bb) = face.glyph_bounding_box(rustybuzz::ttf_parser::GlyphId(info.glyph_id as u16)) {
                up = up.max((bb.y_max as i32 + pos.y_offset) as f32);
                down = down.max(-((bb.y_min as i32 + pos.y_offset) as f32));
            }
        }
        let shaped = Shaped { em, missing, ink_up: up / upem, ink_down: down / upem };
        self.cache.insert((family, w, text.to_string()), shaped);
        shaped
    }

    /// Width in the main family.
    pub fn width(&mut self, w: FontWeight, text: &str, size: Pt) -> Mm {
        self.width_in(0, w, text, size)
    }

    pub fn width_in(&mut self, family: usize, w: FontWeight, text: &str, size: Pt) -> Mm {
        Pt(self.shape(family, w, text).em * size.0).to_mm()
    }

    pub fn has_glyph(&self, family: usize, c: char) -> bool {
        self.face(family, FontWeight::Regular).glyph_index(c).is_some()
    }

    /// How far the printed glyphs of `text` reach above and below the baseline.
    pub fn ink(&mut self, family: usize, w: FontWeight, text: &str, size: Pt) -> (Mm, Mm) {
        let s = self.shape(family, w, text);
        (Pt(s.ink_up * size.0).to_mm(), Pt(s.ink_down * size.0).to_mm())
    }

    /// The first character of `text` that the face cannot draw.
    pub fn missing_glyph(&mut self, family: usize, w: FontWeight, text: &str) -> Option<char> {
        self.shape(family, w, text).missing
    }

    /// The main family's ascender.
    pub fn ascent(&self, w: FontWeight, size: Pt) -> Mm {
        let f = self.face(0, w);
        Pt(f.ascender() as f32 / f.units_per_em() as f32 * size.0).to_mm()
    }

    /// The main family's descender, as a positive depth.
    pub fn descent(&self, w: FontWeight, size: Pt) -> Mm {
        let f = self.face(0, w);
        Pt(-(f.descender() as f32) / f.units_per_em() as f32 * size.0).to_mm()
    }

    /// Height of capital letters, for centring numbers in circles.
    pub fn cap_height(&self, w: FontWeight, size: Pt) -> Mm {
        let f = self.face(0, w);
        let cap = f.capital_height().unwrap_or((f.ascender() as f32 * 0.7) as i16);
        Pt(cap as f32 / f.units_per_em() as f32 * size.0).to_mm()
    }
}

fn is_default_ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}
