//! The project on disk: layouts/, data/<lang>/, fonts/. Loading it gives
//! every layout and edition, or the problems that stop the build.

use crate::diag::{Kind, Problem};
use crate::load::content::{Edition, load_edition};
use crate::load::layout::{Layout, load_layout};
use crate::load::{read_source, valid_id};
use std::path::{Path, PathBuf};

pub struct Project {
    pub root: PathBuf,
    pub layouts: Vec<Layout>,
    pub editions: Vec<Edition>,
}

impl Project {
    pub fn fonts_dir(&self) -> PathBuf {
        self.root.join("fonts")
    }
}

/// Load everything under `root`. Problems (errors and warnings) go to
/// `problems`; the project is returned as far as it could be read.
pub fn load(root: &Path, problems: &mut Vec<Problem>) -> Project {
    let layouts = load_layouts(root, problems);
    let editions = load_editions(root, problems);
    Project { root: root.to_path_buf(), layouts, editions }
}

fn sorted_entries(dir: &Path, problems: &mut Vec<Problem>, what: &str) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            v
        }
        Err(e) => {
            problems.push(
                Problem::error(Kind::File, format!("cannot read the {what} folder {}: {e}", dir.display()))
                    .help("run handout from the project folder, or pass --root"),
            );
            Vec::new()
        }
    }
}

fn load_layouts(root: &Path, problems: &mut Vec<Problem>) -> Vec<Layout> {
    let mut out = Vec::new();
    for path in sorted_entries(&root.join("layouts"), problems, "layouts") {
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let id = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        if !valid_id(&id) {
            problems.push(
                Problem::error(Kind::Invalid, format!("layout file name `{}` is not a valid id", shown.display()))
                    .help("layout ids become file names: use lowercase letters, digits and `-`"),
            );
            continue;
        }
        match read_source(&path, &shown) {
            Ok(src) => out.extend(load_layout(id, src, problems)),
            Err(p) => problems.push(p),
        }
    }
    out
}

fn load_editions(root: &Path, problems: &mut Vec<Problem>) -> Vec<Edition> {
    let mut out = Vec::new();
    for path in sorted_entries(&root.join("data"), problems, "data") {
        if path.is_dir() {
            out.extend(load_edition(root, &path, problems));
        }
    }
    out
}
