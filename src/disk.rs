//! A project folder on disk, as the core reads projects: a [`Files`].
//! This is where the command line and the web server choose what they
//! build from: a folder given with `--root`, else the current folder when
//! it holds campaigns/ and layouts/, else the copy built into the program. A
//! project folder on disk, when there is one, always wins, so that edited
//! content is what gets built.

use handout_core::{Embedded, Entry, Files, Problem, Source, is_plain, source_from_bytes};
use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The project folder at this path.
#[derive(Clone, Debug, PartialEq)]
pub struct Disk(pub PathBuf);

impl Files for Disk {
    fn describe(&self) -> String {
        if self.0 == Path::new(".") {
            "the project in the current folder".into()
        } else {
            format!("the project in {}", self.0.display())
        }
    }

    fn entries(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(self.at(dir)?)? {
            let e = e?;
            let path = dir.join(e.file_name());
            out.push(Entry { is_dir: self.0.join(&path).is_dir(), path });
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    fn read(&self, path: &Path) -> io::Result<Cow<'static, [u8]>> {
        std::fs::read(self.at(path)?).map(Cow::Owned)
    }

    fn is_file(&self, path: &Path) -> bool {
        self.at(path).is_ok_and(|p| p.is_file())
    }

    fn full(&self, path: &Path) -> PathBuf {
        self.0.join(path)
    }
}

impl Disk {
    /// `path` inside the folder; the core asks only for plain relative paths.
    fn at(&self, path: &Path) -> io::Result<PathBuf> {
        if is_plain(path) {
            Ok(self.0.join(path))
        } else {
            Err(io::Error::new(io::ErrorKind::InvalidInput, "not a path inside the project"))
        }
    }
}

/// Where a run's project comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Root {
    /// A folder: the one given, or the current one.
    Folder(PathBuf),
    /// None at hand: the copy built into the program.
    BuiltIn,
}

impl Root {
    /// `root` when one is given; else the current folder when it holds
    /// campaigns/ and layouts/; else the built-in copy.
    pub fn choose(root: Option<&Path>) -> Root {
        match root {
            Some(r) => Root::Folder(r.to_path_buf()),
            None if Path::new("campaigns").is_dir() && Path::new("layouts").is_dir() => {
                Root::Folder(PathBuf::from("."))
            }
            None => Root::BuiltIn,
        }
    }

    pub fn files(&self) -> Arc<dyn Files> {
        match self {
            Root::Folder(p) => Arc::new(Disk(p.clone())),
            Root::BuiltIn => Arc::new(Embedded),
        }
    }
}

/// A file the user edits, read from disk; `shown` is its path in messages.
pub fn read_source(path: &Path, shown: &Path) -> Result<Arc<Source>, Problem> {
    let bytes = std::fs::read(path).map_err(|e| Problem::error(format!("cannot read {}: {e}", shown.display())))?;
    source_from_bytes(shown, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_reads_like_the_built_in_copy() {
        let disk = Disk(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let names = |f: &dyn Files| -> Vec<PathBuf> {
            f.entries(Path::new("layouts")).unwrap().into_iter().map(|e| e.path).collect()
        };
        assert_eq!(names(&disk), names(&Embedded));
        let flyer = Path::new("layouts/flyer-a4.toml");
        assert_eq!(disk.read(flyer).unwrap(), Embedded.read(flyer).unwrap());
        for bad in ["../Cargo.toml", "/etc/passwd", "campaigns/../Cargo.toml"] {
            assert!(disk.read(Path::new(bad)).is_err(), "{bad}");
            assert!(!disk.is_file(Path::new(bad)), "{bad}");
        }
    }
}
