//! A spreadsheet read into rows of cells, each cell with its place: what
//! the readers of each format (`csv_text`, `workbook`) give, and what the
//! rows of organisations are read from.

use crate::diag::{Loc, Source};
use std::ops::Range;
use std::sync::Arc;

/// Larger than any list of organisations: a bigger file is another file.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The formats, as messages name them.
pub const FORMATS: &str = "CSV (UTF-8 or Windows-1252, commas, semicolons or tabs), .xlsx or .ods";

/// Rows of cells; the first row is the header. Rows with no text in any
/// cell are left out (spreadsheets save them below the data).
pub struct Table {
    pub source: Arc<Source>,
    pub header: Row,
    pub rows: Vec<Row>,
}

/// A row: its place (the whole line) and its cells.
pub struct Row {
    pub span: Range<usize>,
    pub cells: Vec<Cell>,
}

/// A cell's text and its place in the source's text.
pub struct Cell {
    pub text: String,
    pub span: Range<usize>,
}

impl Table {
    pub fn loc(&self, span: &Range<usize>) -> Loc {
        Loc::new(&self.source, span.clone())
    }
}
