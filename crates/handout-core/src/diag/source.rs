//! The files problems point into, and places in them.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A text file that was read, kept so that errors can quote it.
#[derive(Debug)]
pub struct Source {
    /// The path as the user should see it (relative to the project root).
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Source> {
        Arc::new(Source { path: path.into(), text: text.into() })
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let mut offset = offset;
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

/// A place in a source file.
#[derive(Clone, Debug)]
pub struct Loc {
    pub source: Arc<Source>,
    pub span: Range<usize>,
}

impl Loc {
    pub fn new(source: &Arc<Source>, span: Range<usize>) -> Loc {
        Loc { source: Arc::clone(source), span }
    }

    pub fn path(&self) -> &Path {
        &self.source.path
    }

    pub fn line_col(&self) -> (usize, usize) {
        self.source.line_col(self.span.start)
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        write!(f, "{}:{}:{}", self.source.path.display(), line, col)
    }
}
