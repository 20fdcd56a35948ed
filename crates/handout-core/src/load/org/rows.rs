//! Organisations from a spreadsheet: one per row, the columns named in
//! the header. Each value keeps the place of its own cell, so that a
//! problem points at it.

use super::OrgInput;
use super::sheet::read_table;
use super::table::{Row, Table};
use crate::diag::{Problem, Problems};
use crate::load::{At, valid_id};
use std::path::Path;

/// The organisations in a spreadsheet file's bytes (see
/// `read_table` for the formats): columns `id`, `name`, `website`,
/// `logo` and `help_<lang>`. `shown` is the file's path in messages.
pub fn parse_sheet(shown: &Path, bytes: &[u8], problems: &mut Problems) -> Vec<OrgInput> {
    let Some(mut sheet) = Sheet::read(shown, bytes, problems) else { return Vec::new() };
    std::iter::from_fn(|| sheet.next_row(problems)).flatten().collect()
}

/// A spreadsheet of organisations, read a row at a time: a batch of any
/// size holds its text and the rows it is building, not all of them.
pub struct Sheet {
    table: Table,
    columns: Vec<String>,
}

impl Sheet {
    /// Read a spreadsheet's header (see [`parse_sheet`]); `None`, with
    /// the problems, when it has no header with `id` and `name`.
    pub fn read(shown: &Path, bytes: &[u8], problems: &mut Problems) -> Option<Sheet> {
        let table = read_table(shown, bytes, problems)?;
        let columns = columns(&table, problems)?;
        Some(Sheet { table, columns })
    }

    /// The next row's organisation: `Some(None)` for a row that is
    /// reported (its problems in `problems`) and passed over; `None` after
    /// the last row.
    pub fn next_row(&mut self, problems: &mut Problems) -> Option<Option<OrgInput>> {
        let r = self.table.next_row(problems)?;
        Some(row(&self.table, &self.columns, &r, problems))
    }
}

/// The header's columns; unknown ones and missing `id` or `name` are errors.
fn columns(table: &Table, problems: &mut Problems) -> Option<Vec<String>> {
    let header: Vec<String> = table.header.cells.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
    let known =
        |c: &str| matches!(c, "id" | "name" | "website" | "logo") || c.strip_prefix("help_").is_some_and(valid_id);
    let mark = problems.mark();
    for (cell, c) in table.header.cells.iter().zip(&header).filter(|(_, c)| !c.is_empty() && !known(c)) {
        problems.push(
            Problem::error(format!("unknown column `{c}`"))
                .at(table.loc(&cell.span))
                .help("the columns are id, name, website, logo and help_<language> (help_nl, help_en, ...)"),
        );
    }
    for needed in ["id", "name"] {
        if !header.iter().any(|c| c == needed) {
            problems.push(
                Problem::error(format!("the header row has no `{needed}` column")).at(table.loc(&table.header.span)),
            );
        }
    }
    problems.finish(mark, || header)
}

fn row(table: &Table, columns: &[String], r: &Row, problems: &mut Problems) -> Option<OrgInput> {
    let row_loc = table.loc(&r.span);
    // A spreadsheet leaves off empty cells at the end of a row; more cells
    // than the header has is a stray delimiter.
    if let Some(extra) = r.cells.get(columns.len()..).and_then(|rest| rest.iter().find(|c| !c.text.trim().is_empty())) {
        problems.push(
            Problem::error(format!("this row has {} cells, the header {}", r.cells.len(), columns.len()))
                .at(table.loc(&extra.span))
                .help("every row has a cell for each column of the header; check for a stray comma or semicolon"),
        );
        return None;
    }
    let unnamed = r.cells.iter().zip(columns).find(|(c, name)| name.is_empty() && !c.text.trim().is_empty());
    if let Some((cell, _)) = unnamed {
        problems.push(
            Problem::error("this cell is in a column that has no name in the header row")
                .at(table.loc(&cell.span))
                .help("name the column (id, name, website, logo, help_nl, ...) or empty the cell"),
        );
        return None;
    }
    let value = |i: usize| {
        let cell = r.cells.get(i)?;
        let v = cell.text.trim();
        (!v.is_empty()).then(|| At::new(v.to_string(), table.loc(&cell.span)))
    };
    let named = |name: &str| columns.iter().position(|c| c == name).and_then(value);
    let help = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((c.strip_prefix("help_")?.to_string(), value(i)?)))
        .collect();
    Some(OrgInput {
        id: named("id").unwrap_or_else(|| At::new(String::new(), row_loc.clone())),
        name: named("name").unwrap_or_else(|| At::new(String::new(), row_loc.clone())),
        logo: named("logo"),
        website: named("website"),
        help,
        help_loc: row_loc,
    })
}
