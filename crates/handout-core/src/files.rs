//! Where a project's files come from. The core never opens a file: a
//! front end hands it a [`Files`], and every path the core asks for is
//! relative to the project (`campaigns/meta-ai/nl/texts.toml`). Two come with the
//! core: [`Embedded`], the campaigns/, layouts/, editor/, icons/ and fonts/ built in when it was
//! compiled (what makes `handout` one self-contained program, and the
//! browser edition possible), and [`MemFiles`], files held in memory. The
//! command line adds a folder on disk.

use include_dir::{Dir, DirEntry, include_dir};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

static CAMPAIGNS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../campaigns");
static LAYOUTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../layouts");
static EDITOR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../editor");
static ICONS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../icons");
#[cfg(feature = "script-fonts")]
static FONTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../fonts");
/// Without the fonts for other scripts (Arabic, Cyrillic: 1.6 MB no
/// shipped language reads, which the browser edition does not download):
/// the main typeface and its licence.
#[cfg(not(feature = "script-fonts"))]
static FONTS: Dir<'static> = Dir::new(
    "",
    &[
        DirEntry::File(include_dir::File::new(
            "AtkinsonHyperlegible-Bold.ttf",
            include_bytes!("../../../fonts/AtkinsonHyperlegible-Bold.ttf"),
        )),
        DirEntry::File(include_dir::File::new(
            "AtkinsonHyperlegible-Regular.ttf",
            include_bytes!("../../../fonts/AtkinsonHyperlegible-Regular.ttf"),
        )),
        DirEntry::File(include_dir::File::new(
            "OFL-AtkinsonHyperlegible.txt",
            include_bytes!("../../../fonts/OFL-AtkinsonHyperlegible.txt"),
        )),
    ],
);

/// A project's files, by their path in the project.
pub trait Files: Send + Sync {
    /// Where the files come from, for messages.
    fn describe(&self) -> String;

    /// The entries of the folder `dir`, sorted by path.
    fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>>;

    /// The bytes of the file at `path`.
    fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>>;

    /// Whether `path` is a file.
    fn is_file(&self, path: &Path) -> bool;

    /// `path` as a user finds it (on disk: the real path).
    fn full(&self, path: &Path) -> PathBuf {
        path.to_path_buf()
    }
}

/// One entry of a folder.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Relative to the project, like every path a [`Files`] takes.
    pub path: PathBuf,
    /// Whether it is a folder.
    pub is_dir: bool,
}

/// Only plain relative paths (no `..`, no root, no drive) lead anywhere.
pub fn is_plain(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// The campaigns/, layouts/ and fonts/ built into the program.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Embedded;

impl Files for Embedded {
    fn describe(&self) -> String {
        "the campaigns, layouts and fonts built into handout".into()
    }

    fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let mut out: Vec<Entry> = embedded_dir(dir)
            .ok_or_else(not_found)?
            .entries()
            .iter()
            .map(|e| Entry { path: dir.join(e.path().file_name().unwrap_or_default()), is_dir: e.as_dir().is_some() })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>> {
        match embedded(path) {
            Some(DirEntry::File(f)) => Ok(Cow::Borrowed(f.contents())),
            _ => Err(not_found()),
        }
    }

    fn is_file(&self, path: &Path) -> bool {
        matches!(embedded(path), Some(DirEntry::File(_)))
    }
}

impl Embedded {
    /// A built-in font file's bytes (`AtkinsonHyperlegible-Regular.ttf`).
    pub fn font(name: &str) -> Option<&'static [u8]> {
        FONTS.get_file(name).map(|f| f.contents())
    }
}

fn not_found() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "not in the copy built into handout")
}

/// The built-in folder and the path inside it.
fn split(path: &Path) -> Option<(&'static Dir<'static>, PathBuf)> {
    if !is_plain(path) {
        return None;
    }
    let mut parts = path.components();
    let top = match parts.next()? {
        Component::Normal(n) if n == "campaigns" => &CAMPAIGNS,
        Component::Normal(n) if n == "layouts" => &LAYOUTS,
        Component::Normal(n) if n == "editor" => &EDITOR,
        Component::Normal(n) if n == "icons" => &ICONS,
        Component::Normal(n) if n == "fonts" => &FONTS,
        _ => return None,
    };
    Some((top, parts.collect()))
}

fn embedded(path: &Path) -> Option<&'static DirEntry<'static>> {
    let (top, rest) = split(path)?;
    top.get_entry(rest)
}

fn embedded_dir(path: &Path) -> Option<&'static Dir<'static>> {
    let (top, rest) = split(path)?;
    if rest.as_os_str().is_empty() { Some(top) } else { top.get_dir(rest) }
}

/// Files held in memory, by path: a project made by a program (tests, a
/// project sent whole), or the built-in one with some files replaced.
#[derive(Clone, Debug, Default)]
pub struct MemFiles {
    files: BTreeMap<PathBuf, Cow<'static, [u8]>>,
    what: String,
}

impl MemFiles {
    /// No files; `what` says where they come from, in messages.
    pub fn new(what: impl Into<String>) -> MemFiles {
        MemFiles { files: BTreeMap::new(), what: what.into() }
    }

    /// A copy of the built-in project, to change.
    pub fn embedded() -> MemFiles {
        let mut m = MemFiles::new(Embedded.describe());
        for (name, top) in [
            ("campaigns", &CAMPAIGNS),
            ("layouts", &LAYOUTS),
            ("editor", &EDITOR),
            ("icons", &ICONS),
            ("fonts", &FONTS),
        ] {
            m.add_dir(top, Path::new(name));
        }
        m
    }

    fn add_dir(&mut self, dir: &'static Dir<'static>, at: &Path) {
        for e in dir.entries() {
            let path = at.join(e.path().file_name().unwrap_or_default());
            match e {
                DirEntry::Dir(d) => self.add_dir(d, &path),
                DirEntry::File(f) => {
                    self.files.insert(path, Cow::Borrowed(f.contents()));
                }
            }
        }
    }

    /// Add or replace the file at `path`.
    pub fn insert(&mut self, path: impl Into<PathBuf>, bytes: impl Into<Cow<'static, [u8]>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// Remove the file at `path`.
    pub fn remove(&mut self, path: &Path) {
        self.files.remove(path);
    }
}

impl Files for MemFiles {
    fn describe(&self) -> String {
        self.what.clone()
    }

    fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let mut out: BTreeMap<PathBuf, bool> = BTreeMap::new();
        for path in self.files.keys() {
            let Ok(rest) = path.strip_prefix(dir) else { continue };
            let mut parts = rest.components();
            let Some(first) = parts.next() else { continue };
            out.insert(dir.join(first), parts.next().is_some());
        }
        if out.is_empty() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such folder"));
        }
        Ok(out.into_iter().map(|(path, is_dir)| Entry { path, is_dir }).collect())
    }

    fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>> {
        self.files.get(path).cloned().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_copy_holds_the_project_files() {
        let t = Embedded;
        let langs: Vec<PathBuf> =
            t.entries(Path::new("campaigns/meta-ai")).unwrap().into_iter().map(|e| e.path).collect();
        assert!(langs.contains(&PathBuf::from("campaigns/meta-ai/nl")), "{langs:?}");
        let nl = t.entries(Path::new("campaigns/meta-ai/nl")).unwrap();
        assert!(nl.iter().any(|e| e.path == Path::new("campaigns/meta-ai/nl/texts.toml") && !e.is_dir));
        let disk = include_bytes!("../../../layouts/flyer-a4.toml");
        assert_eq!(t.read(Path::new("layouts/flyer-a4.toml")).unwrap().as_ref(), disk.as_slice());
        assert!(t.is_file(Path::new("fonts/AtkinsonHyperlegible-Regular.ttf")));
        assert!(Embedded::font("AtkinsonHyperlegible-Bold.ttf").is_some());
    }

    #[test]
    fn only_plain_relative_paths_lead_anywhere() {
        let t = Embedded;
        for bad in ["../Cargo.toml", "campaigns/../layouts/flyer-a4.toml", "/etc/passwd", "src/main.rs", ""] {
            assert!(t.read(Path::new(bad)).is_err(), "{bad}");
            assert!(!t.is_file(Path::new(bad)), "{bad}");
        }
        assert!(t.entries(Path::new("campaigns/nope")).is_err());
    }

    #[test]
    fn a_copy_in_memory_lists_and_reads_like_the_built_in_one() {
        let mut m = MemFiles::embedded();
        let listed = |f: &dyn Files, dir: &str| -> Vec<(PathBuf, bool)> {
            f.entries(Path::new(dir)).unwrap().into_iter().map(|e| (e.path, e.is_dir)).collect()
        };
        for dir in ["campaigns", "campaigns/meta-ai/nl", "layouts", "fonts"] {
            assert_eq!(listed(&m, dir), listed(&Embedded, dir), "{dir}");
        }
        m.insert("campaigns/meta-ai/nl/extra.toml", b"x = 1".to_vec());
        assert!(
            listed(&m, "campaigns/meta-ai/nl").iter().any(|(p, _)| p == Path::new("campaigns/meta-ai/nl/extra.toml"))
        );
        assert_eq!(m.read(Path::new("campaigns/meta-ai/nl/extra.toml")).unwrap().as_ref(), b"x = 1");
    }
}
