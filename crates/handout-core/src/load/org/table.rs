//! A spreadsheet read into rows of cells, each cell with its place: what
//! the readers of each format (`csv_text`, `workbook`) give, and what the
//! rows of organisations are read from. Rows are given one at a time: a
//! CSV file's are read as they are asked for, so a batch of 200,000 rows
//! never holds more than a few hundred of them.

use crate::diag::{Loc, Problems, Source};
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
    rows: Rows,
}

/// Where the rows after the header come from: a CSV text's, read as they
/// are asked for (`csv_text`), or a workbook's, read whole (calamine reads
/// a sheet at once).
pub(super) type Rows = Box<dyn NextRow + Send>;

/// What gives a table its rows, one at a time.
pub(super) trait NextRow {
    /// The next row (with text or not), or `None` after the last; a row
    /// that cannot be read is reported and passed over.
    fn next_row(&mut self, source: &Arc<Source>, problems: &mut Problems) -> Option<Row>;
}

/// Rows read before.
impl NextRow for std::vec::IntoIter<Row> {
    fn next_row(&mut self, _: &Arc<Source>, _: &mut Problems) -> Option<Row> {
        self.next()
    }
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

impl Row {
    /// Whether any cell has text.
    pub fn has_text(&self) -> bool {
        self.cells.iter().any(|c| !c.text.trim().is_empty())
    }
}

impl Table {
    pub(super) fn new(source: Arc<Source>, header: Row, rows: Rows) -> Table {
        Table { source, header, rows }
    }

    pub fn loc(&self, span: &Range<usize>) -> Loc {
        Loc::new(&self.source, span.clone())
    }

    /// The next row with text; a row that cannot be read is reported and
    /// passed over.
    pub fn next_row(&mut self, problems: &mut Problems) -> Option<Row> {
        loop {
            let row = self.rows.next_row(&self.source, problems)?;
            if row.has_text() {
                return Some(row);
            }
        }
    }
}
