//! The project on disk: layouts/, data/<lang>/, fonts/. This is where the
//! files are found and read; the loaders in [`crate::load`] only check
//! what was read.

use crate::diag::{Problem, Problems, Source};
use crate::load::content::{Content, ContentFiles, load_content};
use crate::load::layout::{Layout, load_layout};
use crate::load::{read_source, valid_id};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything a build reads.
pub struct Project {
    pub root: PathBuf,
    pub layouts: Vec<Layout>,
    /// One per language folder.
    pub contents: Vec<Content>,
}

impl Project {
    pub fn fonts_dir(&self) -> PathBuf {
        self.root.join("fonts")
    }
}

/// Load everything under `root`. Problems (errors and warnings) go to
/// `problems`; the project is returned as far as it could be read.
pub fn load(root: &Path, problems: &mut Problems) -> Project {
    let layouts = load_layouts(root, problems);
    let contents = load_contents(root, problems);
    Project { root: root.to_path_buf(), layouts, contents }
}

fn sorted_entries(dir: &Path, problems: &mut Problems, what: &str) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            v
        }
        Err(e) => {
            problems.push(
                Problem::error(format!("cannot read the {what} folder {}: {e}", dir.display()))
                    .help("run handout from the project folder, or pass --root"),
            );
            Vec::new()
        }
    }
}

/// The id a file name gives (`flyer-a4.toml` is `flyer-a4`), if it is a
/// TOML file.
fn toml_id(path: &Path) -> Option<String> {
    (path.extension()? == "toml").then(|| path.file_stem().unwrap_or_default().to_string_lossy().into_owned())
}

fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn load_layouts(root: &Path, problems: &mut Problems) -> Vec<Layout> {
    let dir = root.join("layouts");
    let mut out = Vec::new();
    for path in sorted_entries(&dir, problems, "layouts") {
        let Some(id) = toml_id(&path) else { continue };
        if !valid_id(&id) {
            problems.push(
                Problem::error(format!("layout file name `{}` is not a valid id", shown(root, &path).display()))
                    .help("layout ids become file names: use lowercase letters, digits and `-`"),
            );
            continue;
        }
        let mut parent = |name: &str, ps: &mut Problems| -> Option<Arc<Source>> {
            let p = dir.join(format!("{name}.toml"));
            let ok = valid_id(name) && p.is_file();
            if !ok {
                return None;
            }
            read_source(&p, &shown(root, &p)).map_err(|e| ps.push(e)).ok()
        };
        match read_source(&path, &shown(root, &path)) {
            Ok(src) => out.extend(load_layout(id, src, &mut parent, problems)),
            Err(p) => problems.push(p),
        }
    }
    out
}

fn load_contents(root: &Path, problems: &mut Problems) -> Vec<Content> {
    let mut out = Vec::new();
    for dir in sorted_entries(&root.join("data"), problems, "data") {
        if dir.is_dir()
            && let Some(files) = read_content(root, &dir, problems)
        {
            out.extend(load_content(files, problems));
        }
    }
    out
}

/// Read a language folder's files.
fn read_content(root: &Path, dir: &Path, problems: &mut Problems) -> Option<ContentFiles> {
    let id = dir.file_name()?.to_string_lossy().into_owned();
    if !valid_id(&id) {
        problems.push(
            Problem::error(format!("language folder `{}` is not a valid id", shown(root, dir).display()))
                .help("use lowercase letters, digits and `-`, e.g. `nl` or `pt-br`"),
        );
        return None;
    }
    let campaign_path = dir.join("campaign.toml");
    let campaign = read_source(&campaign_path, &shown(root, &campaign_path))
        .map_err(|p| problems.push(p.help("every language folder needs a campaign.toml")))
        .ok();
    let mut platforms = Vec::new();
    for path in sorted_entries(dir, problems, "language") {
        let Some(pid) = toml_id(&path).filter(|p| p != "campaign") else { continue };
        if !valid_id(&pid) {
            problems.push(
                Problem::error(format!("platform file name `{}` is not a valid id", shown(root, &path).display()))
                    .help("platform ids become file names: use lowercase letters, digits and `-`"),
            );
            continue;
        }
        match read_source(&path, &shown(root, &path)) {
            Ok(src) => platforms.push((pid, src)),
            Err(p) => problems.push(p),
        }
    }
    Some(ContentFiles { id, shown: shown(root, dir), campaign, platforms })
}
