//! CSV text into a [`Table`]: the delimiter is what the header row uses
//! (commas, semicolons as Dutch Excel writes, or tabs), and every cell
//! keeps the place of its own value, whatever the line ends.

use super::table::{Cell, Row, Table};
use crate::diag::{Loc, Problem, Problems, Source};
use std::ops::Range;
use std::sync::Arc;

/// Read CSV text; `None` (with the problems) when the header cannot be.
pub fn read(source: Arc<Source>, problems: &mut Problems) -> Option<Table> {
    let text = source.text.as_str();
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b'\t', b';', b','].into_iter().max_by_key(|d| first.matches(*d as char).count()).unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => rows.push(row(text, delimiter, &r)),
            Err(e) => {
                let at = record_start(text, e.position().map_or(0, |p| p.byte() as usize));
                let what = if rows.is_empty() { "the header row" } else { "this row" };
                problems.push(Problem::error(format!("{what} cannot be read: {e}")).at(Loc::new(&source, at..at)));
            }
        }
    }
    let mut rows = rows.into_iter().filter(|r| r.cells.iter().any(|c| !c.text.trim().is_empty()));
    let Some(header) = rows.next() else {
        if !problems.has_errors() {
            problems.push(
                Problem::error(format!("{} has no rows", source.path.display()))
                    .help("the first row names the columns: id, name, website, logo, help_nl, ..."),
            );
        }
        return None;
    };
    Some(Table { header, rows: rows.collect(), source })
}

fn row(text: &str, delimiter: u8, r: &csv::StringRecord) -> Row {
    let start = record_start(text, r.position().map_or(0, |p| p.byte() as usize));
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
