//! Font files: loaded once per layout, used by compose to measure and by
//! render to embed. Both see the very same bytes, so measured widths are the
//! widths that get printed.

use crate::diag::{Kind, Problem};
use crate::load::layout::{FontFile, Layout};
use crate::model::FontWeight;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

#[derive(Clone)]
pub struct FontData {
    pub bytes: Arc<Vec<u8>>,
    pub file: String,
}

/// The faces a layout uses: face 0 is the main font, the others serve one
/// script each.
#[derive(Clone)]
pub struct Fonts {
    pub faces: Vec<FaceSet>,
}

/// A regular and a bold face, for one script (`None`: the main font).
#[derive(Clone)]
pub struct FaceSet {
    pub script: Option<crate::script::Script>,
    pub regular: FontData,
    pub bold: FontData,
}

impl FaceSet {
    pub fn get(&self, weight: FontWeight) -> &FontData {
        match weight {
            FontWeight::Regular => &self.regular,
            FontWeight::Bold => &self.bold,
        }
    }
}

impl Fonts {
    /// Load the layout's font files from `fonts_dir`, caching by file name.
    pub fn load(fonts_dir: &Path, layout: &Layout, cache: &mut HashMap<String, FontData>) -> Result<Fonts, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut get = |f: &FontFile| -> Option<FontData> {
            if let Some(d) = cache.get(&f.file) {
                return Some(d.clone());
            }
            match load_file(fonts_dir, f) {
                Ok(d) => {
                    cache.insert(f.file.clone(), d.clone());
                    Some(d)
                }
                Err(p) => {
                    problems.push(p);
                    None
                }
            }
        };
        let mut faces = Vec::new();
        let sets = std::iter::once((None, &layout.regular, &layout.bold))
            .chain(layout.script_fonts.iter().map(|(s, r, b)| (Some(*s), r, b)));
        for (script, r, b) in sets {
            if let (Some(regular), Some(bold)) = (get(r), get(b)) {
                faces.push(FaceSet { script, regular, bold });
            }
        }
        if problems.is_empty() { Ok(Fonts { faces }) } else { Err(problems) }
    }

    /// The main font's face of this weight.
    pub fn get(&self, weight: FontWeight) -> &FontData {
        self.faces[0].get(weight)
    }

    /// Which face set serves a character: its script's, else the main one.
    pub fn face_for(&self, c: char) -> usize {
        let script = crate::script::Script::of(c);
        if script.is_none() {
            return 0;
        }
        self.faces.iter().position(|f| f.script == script).unwrap_or(0)
    }
}

fn load_file(fonts_dir: &Path, f: &FontFile) -> Result<FontData, Problem> {
    let name_ok = !f.file.is_empty() && !f.file.contains(['/', '\\']) && !f.file.starts_with('.');
    if !name_ok {
        return Err(Problem::error(Kind::File, format!("`{}` is not a font file name", f.file))
            .at(f.loc.clone())
            .label("expected a file name inside fonts/")
            .help("fonts are looked up in the fonts/ folder; give only the file name"));
    }
    let path = fonts_dir.join(&f.file);
    let bytes = std::fs::read(&path).map_err(|e| {
        Problem::error(Kind::File, format!("font file fonts/{} cannot be read: {e}", f.file))
            .at(f.loc.clone())
            .label("this font is missing")
            .help("put the .ttf or .otf file in fonts/, together with its licence")
    })?;
    if rustybuzz::Face::from_slice(&bytes, 0).is_none() {
        return Err(Problem::error(Kind::File, format!("fonts/{} is not a font", f.file))
            .at(f.loc.clone())
            .label("not a TrueType or OpenType font")
            .help("use a .ttf or .otf file"));
    }
    Ok(FontData { bytes: Arc::new(bytes), file: f.file.clone() })
}
