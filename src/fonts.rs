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

/// The faces a layout uses.
#[derive(Clone)]
pub struct Fonts {
    pub regular: FontData,
    pub bold: FontData,
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
        let regular = get(&layout.regular);
        let bold = get(&layout.bold);
        match (regular, bold) {
            (Some(regular), Some(bold)) => Ok(Fonts { regular, bold }),
            _ => Err(problems),
        }
    }

    pub fn get(&self, weight: FontWeight) -> &FontData {
        match weight {
            FontWeight::Regular => &self.regular,
            FontWeight::Bold => &self.bold,
        }
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
