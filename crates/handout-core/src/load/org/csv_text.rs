//! CSV text into a [`Table`]: the delimiter is what the header row uses
//! (commas, semicolons as Dutch Excel writes, or tabs), and every cell
//! keeps the place of its own value, whatever the line ends. Rows are
//! read a few hundred at a time, as the table is asked for them.

use super::table::{Cell, NextRow, Row, Table};
use crate::diag::{Loc, Problem, Problems, Source};
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

/// Rows read from the text at once: enough that setting up a reader
/// costs nothing, few enough that they cost no memory.
const AT_ONCE: usize = 256;

/// The rows of a CSV text not yet asked for.
pub struct CsvRows {
    delimiter: u8,
    /// Where the next unread record starts in the text.
    pos: usize,
    read: VecDeque<Row>,
}

/// Read CSV text's header; `None` (with the problems) when it cannot be.
pub fn read(source: Arc<Source>, problems: &mut Problems) -> Option<Table> {
    let first = source.text.lines().next().unwrap_or("");
    let delimiter = [b'\t', b';', b','].into_iter().max_by_key(|d| first.matches(*d as char).count()).unwrap_or(b',');
    let mut rows = CsvRows { delimiter, pos: 0, read: VecDeque::new() };
    let mark = problems.mark();
    let header = std::iter::from_fn(|| rows.next_row(&source, problems)).find(Row::has_text);
    let Some(header) = header else {
        if problems.clean_since(mark) {
            problems.push(
                Problem::error(format!("{} has no rows", source.path.display()))
                    .help("the first row names the columns: id, name, website, logo, help_nl, ..."),
            );
        }
        return None;
    };
    if !problems.clean_since(mark) {
        return None;
    }
    Some(Table::new(source, header, Box::new(rows)))
}

impl NextRow for CsvRows {
    /// The next record, rows with no text included.
    fn next_row(&mut self, source: &Arc<Source>, problems: &mut Problems) -> Option<Row> {
        if self.read.is_empty() {
            self.read_more(source, problems);
        }
        self.read.pop_front()
    }
}

impl CsvRows {
    /// Up to [`AT_ONCE`] records from where the last ones ended.
    fn read_more(&mut self, source: &Arc<Source>, problems: &mut Problems) {
        let text = source.text.as_str();
        let rest = &text.as_bytes()[self.pos..];
        let mut reader =
            csv::ReaderBuilder::new().delimiter(self.delimiter).flexible(true).has_headers(false).from_reader(rest);
        let mut record = csv::StringRecord::new();
        for _ in 0..AT_ONCE {
            match reader.read_record(&mut record) {
                Ok(true) => {
                    let at = self.pos + record.position().map_or(0, |p| p.byte() as usize);
                    self.read.push_back(row(text, self.delimiter, at, &record));
                }
                Ok(false) => break,
                Err(e) => {
                    let at = record_start(text, self.pos + e.position().map_or(0, |p| p.byte() as usize));
                    let what = if self.pos == 0 && self.read.is_empty() { "the header row" } else { "this row" };
                    problems.push(Problem::error(format!("{what} cannot be read: {e}")).at(Loc::new(source, at..at)));
                }
            }
        }
        self.pos += reader.position().byte() as usize;
    }
}

/// A record read at byte `pos` of the text, each value with its place.
fn row(text: &str, delimiter: u8, pos: usize, r: &csv::StringRecord) -> Row {
    let start = record_start(text, pos);
    let end = text[start..].find(['\r', '\n']).map_or(text.len(), |i| start + i);
    let spans = cell_spans(text, start, delimiter);
    // Each value at its own cell; at the whole row where the places
    // cannot be told apart.
    let cells = r
        .iter()
        .enumerate()
        .map(|(i, v)| Cell {
            text: v.to_string(),
            span: spans.get(i).filter(|_| spans.len() == r.len()).cloned().unwrap_or(start..end),
        })
        .collect();
    Row { span: start..end, cells }
}

/// Where a record really starts: the reader reports the place after the
/// `\r` of a `\r\n` line end (as Excel writes them), which is the `\n`.
fn record_start(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos + text[pos..].len() - text[pos..].trim_start_matches(['\r', '\n']).len()
}

/// The byte range of each cell's value in the record starting at `pos`:
/// between the delimiters, inside the quotes of a quoted cell.
fn cell_spans(text: &str, pos: usize, delimiter: u8) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let ends_cell = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut spans = Vec::new();
    let mut i = pos;
    loop {
        let start = i;
        if bytes.get(i) == Some(&b'"') {
            // A quoted cell: up to the quote that is not doubled.
            i += 1;
            while i < bytes.len() && !(bytes[i] == b'"' && bytes.get(i + 1) != Some(&b'"')) {
                i += if bytes[i] == b'"' { 2 } else { 1 };
            }
            spans.push(start + 1..i.min(bytes.len()));
            i = (i + 1).min(bytes.len());
            while i < bytes.len() && !ends_cell(bytes[i]) {
                i += 1;
            }
        } else {
            while i < bytes.len() && !ends_cell(bytes[i]) {
                i += 1;
            }
            spans.push(start..i);
        }
        if bytes.get(i) != Some(&delimiter) {
            return spans;
        }
        i += 1;
    }
}
