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
    /// The file's whole text.
    pub text: String,
    /// Set when the text stands for the cells of a spreadsheet (one row a
    /// line, cells between tabs): places are then named by cell.
    pub cells: Option<Cells>,
}

/// Where the rows of a source's text are in a spreadsheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cells {
    /// The sheet's name, as its tab shows it.
    pub sheet: String,
    /// The zero-based row and column of the text's first line and cell.
    pub origin: (u32, u32),
}

impl Source {
    /// A text and the path it is shown as.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Source> {
        Arc::new(Source { path: path.into(), text: text.into(), cells: None })
    }

    /// The cells of a sheet, one row a line, cells between tabs.
    pub fn sheet(path: impl Into<PathBuf>, text: impl Into<String>, cells: Cells) -> Arc<Source> {
        Arc::new(Source { path: path.into(), text: text.into(), cells: Some(cells) })
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
    /// The file.
    pub source: Arc<Source>,
    /// The bytes of its text the place covers.
    pub span: Range<usize>,
}

impl Loc {
    /// The bytes `span` of `source`.
    pub fn new(source: &Arc<Source>, span: Range<usize>) -> Loc {
        Loc { source: Arc::clone(source), span }
    }

    /// The file's path, as shown.
    pub fn path(&self) -> &Path {
        &self.source.path
    }

    /// The line and column (in characters) where it starts, both from 1.
    pub fn line_col(&self) -> (usize, usize) {
        self.source.line_col(self.span.start)
    }
}

impl fmt::Display for Loc {
    /// `path:line:column` in a text file; `path, sheet S, cell C3` in a
    /// spreadsheet, the way its user finds the place.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        let path = self.source.path.display();
        let Some(cells) = &self.source.cells else { return write!(f, "{path}:{line}:{col}") };
        let mut start = self.span.start.min(self.source.text.len());
        while !self.source.text.is_char_boundary(start) {
            start -= 1;
        }
        let line_start = self.source.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let tabs = self.source.text.as_bytes()[line_start..start].iter().filter(|b| **b == b'\t').count();
        let row = u64::from(cells.origin.0) + line as u64;
        let column = column_name(u64::from(cells.origin.1) + tabs as u64);
        write!(f, "{path}, sheet {}, cell {column}{row}", cells.sheet)
    }
}

/// A spreadsheet's name for a zero-based column: A, B, ..., Z, AA, AB, ...
pub fn column_name(mut index: u64) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}
