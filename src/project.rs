//! The project: layouts/, data/<lang>/, fonts/, in a folder on disk or
//! built into the binary (a [`Tree`]), and organisations in orgs/ on disk.
//! This is where the files are found and read; the loaders in
//! [`crate::load`] only check what was read. Only what a build selects is read, so a broken file the
//! build does not need cannot stop it.

use crate::diag::{Loc, Problem, Problems, Source};
use crate::load::content::{Content, ContentFiles, load_content};
use crate::load::layout::{Layout, load_layout};
use crate::load::org::{Org, check_org, parse_csv, parse_org};
use crate::load::{read_source, source_from_bytes, valid_id};
use crate::tree::{Entry, Tree};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything a build reads.
pub struct Project {
    /// Where its files were read.
    pub tree: Tree,
    pub layouts: Vec<Layout>,
    /// One per language folder.
    pub contents: Vec<Content>,
    /// The ids of every file and folder found, loaded or not, so that a
    /// filter naming something that exists is never told it does not.
    pub found: Found,
}

/// Ids found on disk.
#[derive(Default, Debug)]
pub struct Found {
    pub languages: BTreeSet<String>,
    pub platforms: BTreeSet<String>,
    pub layouts: BTreeSet<String>,
}

/// Which languages, platforms and layouts to read (`None`: all).
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub lang: Option<String>,
    pub platform: Option<String>,
    pub layout: Option<String>,
}

impl Selection {
    fn keeps(filter: &Option<String>, id: &str) -> bool {
        filter.as_deref().is_none_or(|f| f == id)
    }
}

impl Project {
    /// A font store reading this project's fonts/.
    pub fn font_store(&self) -> crate::fonts::FontStore {
        crate::fonts::FontStore::new(self.tree.clone())
    }
}

/// Load everything in the project folder `root`.
pub fn load(root: &Path, problems: &mut Problems) -> Project {
    load_selected(&Tree::Disk(root.to_path_buf()), &Selection::default(), problems)
}

/// Load what `sel` selects from `tree`. Problems (errors and warnings)
/// go to `problems`; the project is returned as far as it could be read.
pub fn load_selected(tree: &Tree, sel: &Selection, problems: &mut Problems) -> Project {
    let mut found = Found::default();
    let layouts = load_layouts(tree, sel, &mut found, problems);
    let contents = load_contents(tree, sel, &mut found, problems);
    Project { tree: tree.clone(), layouts, contents, found }
}

fn sorted_entries(tree: &Tree, dir: &Path, problems: &mut Problems, what: &str) -> Vec<Entry> {
    tree.entries(dir).unwrap_or_else(|e| {
        problems.push(
            Problem::error(format!("cannot read the {what} folder {}: {e}", tree.full(dir).display()))
                .help("run handout from the project folder, or pass --root"),
        );
        Vec::new()
    })
}

/// A project file as a source for messages, named by its path in the project.
fn tree_source(tree: &Tree, path: &Path) -> Result<Arc<Source>, Problem> {
    let bytes = tree.read(path).map_err(|e| Problem::error(format!("cannot read {}: {e}", path.display())))?;
    source_from_bytes(path, bytes.into_owned())
}

/// The id a file name gives (`flyer-a4.toml` is `flyer-a4`), if it is a
/// TOML file.
fn toml_id(path: &Path) -> Option<String> {
    (path.extension()? == "toml").then(|| path.file_stem().unwrap_or_default().to_string_lossy().into_owned())
}

/// A file's id if it is a valid one; else reported.
fn checked_id(path: &Path, what: &str, problems: &mut Problems) -> Option<String> {
    let id = toml_id(path)?;
    if valid_id(&id) {
        return Some(id);
    }
    problems.push(
        Problem::error(format!("{what} file name `{}` is not a valid id", path.display()))
            .help(format!("{what} ids become file names: use lowercase letters, digits and `-`")),
    );
    None
}

fn load_layouts(tree: &Tree, sel: &Selection, found: &mut Found, problems: &mut Problems) -> Vec<Layout> {
    let dir = Path::new("layouts");
    let mut out = Vec::new();
    for Entry { path, .. } in sorted_entries(tree, dir, problems, "layouts") {
        let Some(id) = checked_id(&path, "layout", problems) else { continue };
        found.layouts.insert(id.clone());
        if !Selection::keeps(&sel.layout, &id) {
            continue;
        }
        let mut parent = |name: &str, ps: &mut Problems| -> Option<Arc<Source>> {
            let p = dir.join(format!("{name}.toml"));
            if !valid_id(name) || !tree.is_file(&p) {
                return None;
            }
            tree_source(tree, &p).map_err(|e| ps.push(e)).ok()
        };
        match tree_source(tree, &path) {
            Ok(src) => out.extend(load_layout(id, src, &mut parent, problems)),
            Err(p) => problems.push(p),
        }
    }
    out
}

fn load_contents(tree: &Tree, sel: &Selection, found: &mut Found, problems: &mut Problems) -> Vec<Content> {
    let mut files = Vec::new();
    for Entry { path: dir, is_dir } in sorted_entries(tree, Path::new("data"), problems, "data") {
        if !is_dir {
            continue;
        }
        let id = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        found.languages.insert(id.clone());
        if Selection::keeps(&sel.lang, &id)
            && let Some(f) = read_content(tree, &dir, sel, found, problems)
        {
            files.push(f);
        }
    }
    warn_missing_platforms(&files, problems);
    files.into_iter().filter_map(|f| load_content(f, problems)).collect()
}

/// Read a language folder's files.
fn read_content(
    tree: &Tree,
    dir: &Path,
    sel: &Selection,
    found: &mut Found,
    problems: &mut Problems,
) -> Option<ContentFiles> {
    let id = dir.file_name()?.to_string_lossy().into_owned();
    if !valid_id(&id) {
        problems.push(
            Problem::error(format!("language folder `{}` is not a valid id", dir.display()))
                .help("use lowercase letters, digits and `-`, e.g. `nl` or `pt-br`"),
        );
        return None;
    }
    let campaign_path = dir.join("campaign.toml");
    let campaign = tree_source(tree, &campaign_path)
        .map_err(|p| problems.push(p.help("every language folder needs a campaign.toml")))
        .ok();
    let mut platforms = Vec::new();
    let mut has_platforms = false;
    for Entry { path, .. } in sorted_entries(tree, dir, problems, "language") {
        if toml_id(&path).as_deref() == Some("campaign") {
            continue;
        }
        has_platforms |= toml_id(&path).is_some();
        let Some(pid) = checked_id(&path, "platform", problems) else { continue };
        found.platforms.insert(pid.clone());
        if !Selection::keeps(&sel.platform, &pid) {
            continue;
        }
        match tree_source(tree, &path) {
            Ok(src) => platforms.push((pid, src)),
            Err(p) => problems.push(p),
        }
    }
    Some(ContentFiles { id, shown: dir.to_path_buf(), campaign, platforms, has_platforms })
}

/// A platform in one language but not another is built only where it is:
/// say so, naming the languages that lack it.
fn warn_missing_platforms(files: &[ContentFiles], problems: &mut Problems) {
    let mut where_: BTreeMap<&str, Vec<(&str, &Arc<Source>)>> = BTreeMap::new();
    for f in files {
        for (pid, src) in &f.platforms {
            where_.entry(pid).or_default().push((&f.id, src));
        }
    }
    for (pid, present) in where_ {
        let missing: Vec<&str> =
            files.iter().map(|f| f.id.as_str()).filter(|l| !present.iter().any(|(p, _)| p == l)).collect();
        if missing.is_empty() {
            continue;
        }
        let (_, src) = present[0];
        let lacking: Vec<String> = missing.iter().map(|l| format!("data/{l}/{pid}.toml")).collect();
        problems.push(
            Problem::warning(format!(
                "platform `{pid}` has no file in {}, so it is built only in {}",
                missing.join(", "),
                present.iter().map(|(l, _)| *l).collect::<Vec<_>>().join(", ")
            ))
            .at(Loc::new(src, 0..0))
            .help(format!("translate this file into {} to build it there too", lacking.join(", "))),
        );
    }
}

/// Which organisations a run builds for.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum OrgChoice {
    /// None: the anonymous set, as before organisations.
    #[default]
    None,
    /// These ids, from orgs/<id>.toml.
    Ids(Vec<String>),
    /// Every orgs/*.toml.
    All,
    /// One per row of this spreadsheet.
    Csv(PathBuf),
}

/// An organisation as read: checked, or the problems that stopped it.
pub struct LoadedOrg {
    pub id: String,
    pub org: Option<Org>,
    /// Its own problems (errors and warnings): one organisation's problems
    /// do not stop the others.
    pub problems: Problems,
}

/// Read the organisations `choice` names. Problems that stop them all (no
/// such organisation, a spreadsheet without its header) go to `problems`.
pub fn load_orgs(root: &Path, choice: &OrgChoice, problems: &mut Problems) -> Vec<LoadedOrg> {
    match choice {
        OrgChoice::None => Vec::new(),
        OrgChoice::Ids(ids) => ids.iter().filter_map(|id| org_by_id(root, id, problems)).collect(),
        OrgChoice::All => {
            let mut sink = Problems::new();
            let files = sorted_entries(&Tree::Disk(root.to_path_buf()), Path::new("orgs"), problems, "orgs");
            let ids: Vec<String> =
                files.iter().filter_map(|e| checked_id(&e.path, "organisation", &mut sink)).collect();
            problems.extend(sink);
            if ids.is_empty() && !problems.has_errors() {
                problems.push(Problem::usage("there are no organisations in orgs/ (orgs/<id>.toml)"));
            }
            ids.iter().filter_map(|id| org_by_id(root, id, problems)).collect()
        }
        OrgChoice::Csv(path) => orgs_from_csv(path, problems),
    }
}

fn org_by_id(root: &Path, id: &str, problems: &mut Problems) -> Option<LoadedOrg> {
    let dir = root.join("orgs");
    let shown = Path::new("orgs").join(format!("{id}.toml"));
    let path = root.join(&shown);
    if !valid_id(id) || !path.is_file() {
        problems.push(Problem::usage(format!("no organisation `{id}`: there is no {}", shown.display())));
        return None;
    }
    let mut own = Problems::new();
    let org = read_source(&path, &shown).map_err(|p| own.push(p)).ok().and_then(|src| {
        let input = parse_org(id, &src, &mut own)?;
        check_org(input, &mut |name| std::fs::read(dir.join(name)).map_err(|e| e.to_string()), &mut own)
    });
    Some(LoadedOrg { id: id.to_string(), org, problems: own })
}

/// One organisation per row; logo files are looked up next to the
/// spreadsheet. A second row with an id already used is an error.
fn orgs_from_csv(path: &Path, problems: &mut Problems) -> Vec<LoadedOrg> {
    let source = match read_source(path, path) {
        Ok(s) => s,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let rows = parse_csv(&source, problems);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for row in rows {
        let id = row.id.get().clone();
        let mut own = Problems::new();
        if !seen.insert(id.clone()) {
            own.push(Problem::error(format!("the id `{id}` is used by an earlier row")).at(row.id.loc().clone()));
        }
        let org = check_org(row, &mut |name| std::fs::read(dir.join(name)).map_err(|e| e.to_string()), &mut own);
        out.push(LoadedOrg { id, org: org.filter(|_| !own.has_errors()), problems: own });
    }
    out
}
