//! Font files: read once per [`FontStore`], used by compose to measure and
//! by render to embed. Both see the very same bytes, so measured widths
//! are the widths that get printed.

use crate::diag::{Problem, Problems};
use crate::files::Files;
use crate::load::layout::{FontFile, FontSpec};
use crate::model::{FontData, Typeface};
use crate::script::Script;
use crate::style::FontWeight;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

/// A typeface for one script (`None`: the main one).
#[derive(Clone, Debug)]
pub struct Family {
    pub script: Option<Script>,
    pub face: Typeface,
}

impl Family {
    pub fn get(&self, weight: FontWeight) -> &FontData {
        self.face.get(weight)
    }
}

/// The families a layout uses: family 0 is the main one, the others serve
/// one script each.
#[derive(Clone, Debug)]
pub struct Fonts {
    /// The main family first, then one per script the content needs.
    pub families: Vec<Family>,
}

impl Fonts {
    /// Which family serves a character: its script's, else the main one.
    pub fn family_for(&self, c: char) -> usize {
        let script = Script::of(c);
        if script.is_none() {
            return 0;
        }
        self.families.iter().position(|f| f.script == script).unwrap_or(0)
    }

    /// The typefaces, for the page model (runs name them by index).
    pub fn typefaces(&self) -> Vec<Typeface> {
        self.families.iter().map(|f| f.face.clone()).collect()
    }
}

/// Reads font files from a project's fonts/, each once however many
/// layouts name it.
pub struct FontStore {
    files: Arc<dyn Files>,
    loaded: HashMap<String, Result<FontData, Problem>>,
}

impl FontStore {
    /// A store that reads the fonts in `files`' fonts/ folder.
    pub fn new(files: Arc<dyn Files>) -> FontStore {
        FontStore { files, loaded: HashMap::new() }
    }

    /// The fonts a layout names; a file that cannot be used is reported
    /// where the layout names it.
    pub fn fonts(&mut self, spec: &FontSpec, problems: &mut Problems) -> Option<Fonts> {
        self.fonts_for(spec, None, problems)
    }

    /// The fonts a layout names for text in these scripts (`None`: for
    /// every script it names): script fonts no text needs are not read.
    pub fn fonts_for(
        &mut self,
        spec: &FontSpec,
        scripts: Option<&BTreeSet<Script>>,
        problems: &mut Problems,
    ) -> Option<Fonts> {
        let mark = problems.mark();
        let needed = spec.scripts.iter().filter(|(s, _)| scripts.is_none_or(|set| set.contains(s)));
        let sets = std::iter::once((None, &spec.main)).chain(needed.map(|(s, f)| (Some(*s), f)));
        let mut families = Vec::new();
        for (script, family) in sets {
            let (regular, bold) = (self.file(&family.regular, problems), self.file(&family.bold, problems));
            if let (Some(regular), Some(bold)) = (regular, bold) {
                families.push(Family { script, face: Typeface { regular, bold } });
            }
        }
        problems.finish(mark, || Fonts { families })
    }

    fn file(&mut self, f: &FontFile, problems: &mut Problems) -> Option<FontData> {
        let files = &self.files;
        let loaded = self.loaded.entry(f.file.clone()).or_insert_with(|| read_font(files.as_ref(), f));
        loaded.clone().map_err(|p| problems.push(p.at(f.loc.clone()))).ok()
    }
}

fn read_font(files: &dyn Files, f: &FontFile) -> Result<FontData, Problem> {
    let name_ok = !f.file.is_empty() && !f.file.contains(['/', '\\']) && !f.file.starts_with('.');
    if !name_ok {
        return Err(Problem::error(format!("`{}` is not a font file name", f.file))
            .label("expected a file name inside fonts/")
            .help("fonts are looked up in the fonts/ folder; give only the file name"));
    }
    let bytes = files.read(&Path::new("fonts").join(&f.file)).map_err(|e| {
        Problem::error(format!("font file fonts/{} cannot be read: {e}", f.file))
            .label("this font is missing")
            .help("put the .ttf or .otf file in fonts/, together with its licence")
    })?;
    if rustybuzz::Face::from_slice(&bytes, 0).is_none() {
        return Err(Problem::error(format!("fonts/{} is not a font", f.file))
            .label("not a TrueType or OpenType font")
            .help("use a .ttf or .otf file"));
    }
    Ok(FontData { bytes: Arc::new(bytes.into_owned()), file: f.file.clone() })
}
