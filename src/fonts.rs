//! Font files: read once per process, used by compose to measure and by
//! render to embed. Both see the very same bytes, so measured widths are the
//! widths that get printed.

use crate::diag::{Problem, Problems};
use crate::load::layout::{FontFile, FontSpec};
use crate::model::FontWeight;
use crate::script::Script;
use crate::text::ShapeCache;
use crate::tree::Tree;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// One font file's bytes.
#[derive(Clone)]
pub struct FontData {
    pub bytes: Arc<Vec<u8>>,
    pub file: String,
}

impl std::fmt::Debug for FontData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontData({}, {} bytes)", self.file, self.bytes.len())
    }
}

/// A regular and a bold face, for one script (`None`: the main family).
#[derive(Clone, Debug)]
pub struct Family {
    pub script: Option<Script>,
    pub regular: FontData,
    pub bold: FontData,
}

impl Family {
    pub fn get(&self, weight: FontWeight) -> &FontData {
        match weight {
            FontWeight::Regular => &self.regular,
            FontWeight::Bold => &self.bold,
        }
    }
}

/// The families a layout uses: family 0 is the main one, the others serve
/// one script each.
#[derive(Clone, Debug)]
pub struct Fonts {
    pub families: Vec<Family>,
    /// Strings shaped in these fonts, shared with every other [`Fonts`]
    /// from the same [`FontStore`].
    pub shapes: Arc<ShapeCache>,
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
}

/// Reads font files from a project's fonts/, each once however many
/// layouts name it.
pub struct FontStore {
    tree: Tree,
    files: HashMap<String, Result<FontData, Problem>>,
    shapes: Arc<ShapeCache>,
}

impl FontStore {
    pub fn new(tree: Tree) -> FontStore {
        FontStore { tree, files: HashMap::new(), shapes: Arc::default() }
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
                families.push(Family { script, regular, bold });
            }
        }
        problems.finish(mark, || Fonts { families, shapes: Arc::clone(&self.shapes) })
    }

    fn file(&mut self, f: &FontFile, problems: &mut Problems) -> Option<FontData> {
        let tree = &self.tree;
        let loaded = self.files.entry(f.file.clone()).or_insert_with(|| read_font(tree, f));
        loaded.clone().map_err(|p| problems.push(p.at(f.loc.clone()))).ok()
    }
}

fn read_font(tree: &Tree, f: &FontFile) -> Result<FontData, Problem> {
    let name_ok = !f.file.is_empty() && !f.file.contains(['/', '\\']) && !f.file.starts_with('.');
    if !name_ok {
        return Err(Problem::error(format!("`{}` is not a font file name", f.file))
            .label("expected a file name inside fonts/")
            .help("fonts are looked up in the fonts/ folder; give only the file name"));
    }
    let bytes = tree.read(&std::path::Path::new("fonts").join(&f.file)).map_err(|e| {
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

/// The typeface text in SVG logos is set in: the project's own, built in,
/// so that a logo prints the same on every machine.
pub fn svg_fallback() -> [&'static [u8]; 2] {
    [
        include_bytes!("../fonts/AtkinsonHyperlegible-Regular.ttf"),
        include_bytes!("../fonts/AtkinsonHyperlegible-Bold.ttf"),
    ]
}
