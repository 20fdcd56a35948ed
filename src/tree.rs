//! Where a project's files come from: a folder on disk, or the copy of
//! data/, layouts/ and fonts/ built into the binary when it was compiled.
//! The built-in copy makes `handout` one self-contained program: it builds
//! the default set and serves the web page from any folder, with nothing
//! around it. A project folder on disk, when there is one, always wins,
//! so that edited content is what gets built.

use include_dir::{Dir, DirEntry, include_dir};
use std::borrow::Cow;
use std::io;
use std::path::{Component, Path, PathBuf};

static DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");
static LAYOUTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/layouts");
static FONTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/fonts");

/// A project's files: paths are relative to the project (`data/nl/campaign.toml`).
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    /// The project folder at this path.
    Disk(PathBuf),
    /// The copy built into the binary.
    Embedded,
}

/// One entry of a folder.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Relative to the project, like every path a [`Tree`] takes.
    pub path: PathBuf,
    pub is_dir: bool,
}

impl Tree {
    /// The project a run reads: `root` when one is given; else the current
    /// folder when it holds data/ and layouts/; else the built-in copy.
    pub fn choose(root: Option<&Path>) -> Tree {
        match root {
            Some(r) => Tree::Disk(r.to_path_buf()),
            None if Path::new("data").is_dir() && Path::new("layouts").is_dir() => Tree::Disk(PathBuf::from(".")),
            None => Tree::Embedded,
        }
    }

    /// Where the files come from, for messages.
    pub fn describe(&self) -> String {
        match self {
            Tree::Disk(root) if root == Path::new(".") => "the project in the current folder".into(),
            Tree::Disk(root) => format!("the project in {}", root.display()),
            Tree::Embedded => "the data, layouts and fonts built into handout".into(),
        }
    }

    /// `path` as a user finds it: on disk, the real path.
    pub fn full(&self, path: &Path) -> PathBuf {
        match self {
            Tree::Disk(root) => root.join(path),
            Tree::Embedded => path.to_path_buf(),
        }
    }

    /// The entries of the folder `dir`, sorted by path.
    pub fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let mut out = match self {
            Tree::Disk(root) => {
                let mut v = Vec::new();
                for e in std::fs::read_dir(root.join(dir))? {
                    let e = e?;
                    let path = dir.join(e.file_name());
                    v.push(Entry { is_dir: root.join(&path).is_dir(), path });
                }
                v
            }
            Tree::Embedded => embedded_dir(dir)
                .ok_or_else(not_found)?
                .entries()
                .iter()
                .map(|e| Entry {
                    path: dir.join(e.path().file_name().unwrap_or_default()),
                    is_dir: e.as_dir().is_some(),
                })
                .collect(),
        };
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// The bytes of the file at `path`.
    pub fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>> {
        match self {
            Tree::Disk(root) => std::fs::read(root.join(path)).map(Cow::Owned),
            Tree::Embedded => match embedded(path) {
                Some(DirEntry::File(f)) => Ok(Cow::Borrowed(f.contents())),
                _ => Err(not_found()),
            },
        }
    }

    /// Whether `path` is a file.
    pub fn is_file(&self, path: &Path) -> bool {
        match self {
            Tree::Disk(root) => root.join(path).is_file(),
            Tree::Embedded => matches!(embedded(path), Some(DirEntry::File(_))),
        }
    }
}

fn not_found() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "not in the copy built into handout")
}

/// The built-in folder and the path inside it; only plain relative paths
/// (no `..`, no root) lead anywhere.
fn split(path: &Path) -> Option<(&'static Dir<'static>, PathBuf)> {
    let mut parts = path.components();
    let top = match parts.next()? {
        Component::Normal(n) if n == "data" => &DATA,
        Component::Normal(n) if n == "layouts" => &LAYOUTS,
        Component::Normal(n) if n == "fonts" => &FONTS,
        _ => return None,
    };
    let rest: PathBuf = parts.collect();
    rest.components().all(|c| matches!(c, Component::Normal(_))).then_some((top, rest))
}

fn embedded(path: &Path) -> Option<&'static DirEntry<'static>> {
    let (top, rest) = split(path)?;
    top.get_entry(rest)
}

fn embedded_dir(path: &Path) -> Option<&'static Dir<'static>> {
    let (top, rest) = split(path)?;
    if rest.as_os_str().is_empty() { Some(top) } else { top.get_dir(rest) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_copy_holds_the_project_files() {
        let t = Tree::Embedded;
        let langs: Vec<PathBuf> = t.entries(Path::new("data")).unwrap().into_iter().map(|e| e.path).collect();
        assert!(langs.contains(&PathBuf::from("data/nl")), "{langs:?}");
        let nl = t.entries(Path::new("data/nl")).unwrap();
        assert!(nl.iter().any(|e| e.path == Path::new("data/nl/campaign.toml") && !e.is_dir));
        let disk = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts/flyer-a4.toml")).unwrap();
        assert_eq!(t.read(Path::new("layouts/flyer-a4.toml")).unwrap().as_ref(), disk.as_slice());
        assert!(t.is_file(Path::new("fonts/AtkinsonHyperlegible-Regular.ttf")));
    }

    #[test]
    fn only_plain_relative_paths_lead_anywhere() {
        let t = Tree::Embedded;
        for bad in ["../Cargo.toml", "data/../layouts/flyer-a4.toml", "/etc/passwd", "src/main.rs", ""] {
            assert!(t.read(Path::new(bad)).is_err(), "{bad}");
            assert!(!t.is_file(Path::new(bad)), "{bad}");
        }
        assert!(t.entries(Path::new("data/nope")).is_err());
    }
}
