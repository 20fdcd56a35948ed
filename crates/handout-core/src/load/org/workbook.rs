//! The first sheet of a workbook (`.xlsx` from Excel, `.ods` from
//! LibreOffice) into a [`Table`]. Its cells become a text, one row a line
//! and cells between tabs, which messages quote and name by cell (`C3`).

use super::table::{Cell, FORMATS, Row, Table};
use crate::diag::{Cells, Loc, Problem, Problems, Source, column_name};
use calamine::{Data, Ods, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

/// Far more than a list of organisations has; they bound what a broken or
/// hostile file can make handout hold.
const MAX_ROWS: u32 = 10_000;
const MAX_COLUMNS: u32 = 200;
const MAX_CELLS: usize = 100_000;
/// What the parts of the workbook may unpack to, together.
const MAX_UNPACKED: u64 = 100 * 1024 * 1024;

/// The cells with text, by (row, column), zero-based as in the sheet.
type Grid = BTreeMap<(u32, u32), Value>;

/// A cell's text, or the error a formula in it shows (`#N/A`).
enum Value {
    Text(String),
    Error(String),
}

pub fn read(shown: &Path, bytes: &[u8], problems: &mut Problems) -> Option<Table> {
    let fail = |problems: &mut Problems, why: String| {
        problems.push(
            Problem::error(format!("{} cannot be read as a workbook: {why}", shown.display()))
                .help(format!("handout reads {FORMATS}")),
        );
        None
    };
    let kind = match inspect(bytes) {
        Ok(kind) => kind,
        Err(why) => return fail(problems, why),
    };
    let (sheet, grid) = match first_sheet(bytes, kind) {
        Ok(found) => found,
        Err(why) => return fail(problems, why),
    };
    let Some(&(first_row, _)) = grid.keys().next() else {
        problems.push(Problem::error(format!("{}: the first sheet, {sheet}, is empty", shown.display())));
        return None;
    };
    let first_col = grid.keys().map(|&(_, c)| c).min().unwrap_or(0);
    let last_row = grid.keys().map(|&(r, _)| r).max().unwrap_or(0);
    let last_col = grid.keys().map(|&(_, c)| c).max().unwrap_or(0);
    if last_row - first_row >= MAX_ROWS || last_col - first_col >= MAX_COLUMNS {
        let far = format!("{}{}", column_name(last_col.into()), last_row + 1);
        return fail(problems, format!("its first sheet reaches cell {far}, far beyond a list of organisations"));
    }
    let cells = Cells { sheet, origin: (first_row, first_col) };
    Some(table(shown, &grid, cells, (last_row, last_col), problems))
}

/// Which kind of workbook the archive holds, from the names of its
/// parts, and that they do not unpack to too much (as declared, before
/// anything is unpacked).
fn inspect(bytes: &[u8]) -> Result<Kind, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(i).map_err(|e| e.to_string())?.size());
    }
    if total > MAX_UNPACKED {
        return Err(format!("it unpacks to {} MB", total / (1024 * 1024)));
    }
    let has = |name: &str| archive.file_names().any(|n| n.as_ref().is_ok_and(|n| n == name));
    match (has("xl/workbook.xml"), has("content.xml")) {
        (true, _) => Ok(Kind::Xlsx),
        (false, true) => Ok(Kind::Ods),
        _ => Err("it is a ZIP archive, but neither .xlsx nor .ods".to_string()),
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Xlsx,
    Ods,
}

/// The first sheet's name and cells: Excel's read cell by cell (so a cell
/// far away costs nothing), LibreOffice's whole.
fn first_sheet(bytes: &[u8], kind: Kind) -> Result<(String, Grid), String> {
    let mut grid = Grid::new();
    let mut keep = |(row, col): (u32, u32), value: Data| -> Result<(), String> {
        let value = match value {
            Data::Error(e) => Value::Error(e.to_string()),
            other => Value::Text(other.to_string()),
        };
        if !matches!(&value, Value::Text(t) if t.trim().is_empty()) {
            grid.insert((row, col), value);
        }
        match grid.len() > MAX_CELLS {
            true => Err(format!("its first sheet has more than {MAX_CELLS} cells with text")),
            false => Ok(()),
        }
    };
    if let Kind::Xlsx = kind {
        let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let sheet = book.sheet_names().first().cloned().ok_or("it has no sheets")?;
        let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| e.to_string())?;
        while let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? {
            keep(cell.get_position(), Data::from(cell.get_value().clone()))?;
        }
        return Ok((sheet, grid));
    }
    check_ods_repeats(bytes)?;
    let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let sheet = book.sheet_names().first().cloned().ok_or("it has no sheets")?;
    let range = book.worksheet_range_at(0).ok_or("it has no sheets")?.map_err(|e| e.to_string())?;
    let (top, left) = range.start().unwrap_or((0, 0));
    for (r, row) in range.rows().enumerate() {
        for (c, value) in row.iter().enumerate() {
            keep((top + r as u32, left + c as u32), value.clone())?;
        }
    }
    Ok((sheet, grid))
}

/// LibreOffice saves a run of equal cells or rows once, with a count,
/// and the reader spells them out: a few bytes can stand for billions of
/// cells. Count them first, as the reader would hold them (the rows up
/// to the last with text, as wide as the widest), in the first sheet.
fn check_ods_repeats(bytes: &[u8]) -> Result<(), String> {
    use quick_xml::events::{BytesStart, Event};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let content = archive.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let repeats = |e: &BytesStart, name: &str| -> u64 {
        let value = e.try_get_attribute(name).ok().flatten().map(|a| a.value.into_owned());
        value.and_then(|v| std::str::from_utf8(v.as_ref()).ok()?.parse().ok()).unwrap_or(1)
    };
    let (mut rows, mut rows_with_text, mut widest) = (0u64, 0u64, 0u64);
    let (mut row_repeats, mut column, mut last_with_text) = (1u64, 0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) if e.local_name().as_ref() == "table-row" => {
                rows = rows.saturating_add(row_repeats);
                if last_with_text > 0 {
                    (rows_with_text, widest) = (rows, widest.max(last_with_text));
                }
                if rows_with_text.saturating_mul(widest) > MAX_CELLS as u64 * 10 {
                    return Err(format!("its first sheet repeats cells to more than {} million", MAX_CELLS / 100_000));
                }
                buf.clear();
                continue;
            }
            Event::End(e) if e.local_name().as_ref() == "table" => break,
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.local_name().as_ref() {
            // A row written as one empty element has no end to count it at.
            "table-row" if empty => rows = rows.saturating_add(repeats(e, "table:number-rows-repeated")),
            "table-row" => (row_repeats, column, last_with_text) = (repeats(e, "table:number-rows-repeated"), 0, 0),
            "table-cell" | "covered-table-cell" => {
                column = column.saturating_add(repeats(e, "table:number-columns-repeated"));
                // An empty element is an empty cell, unless it has a value.
                if !empty || e.try_get_attribute("office:value-type").ok().flatten().is_some() {
                    last_with_text = column;
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// The cells as text: a line a row, tabs between cells (tabs and line
/// breaks inside a cell shown as spaces, so lines stay rows).
///
/// A formula's error (`#N/A`, `#REF!`) would be printed as a name or a
/// help text: each is an error at its cell.
fn table(shown: &Path, grid: &Grid, cells: Cells, (last_row, last_col): (u32, u32), problems: &mut Problems) -> Table {
    let (first_row, first_col) = cells.origin;
    let mut text = String::new();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for r in first_row..=last_row {
        let start = text.len();
        let mut row = Vec::new();
        for c in first_col..=last_col {
            if c > first_col {
                text.push('\t');
            }
            let value = match grid.get(&(r, c)) {
                Some(Value::Text(t)) => t.as_str(),
                Some(Value::Error(t)) => {
                    errors.push((text.len()..text.len() + t.len(), t.clone()));
                    t.as_str()
                }
                None => "",
            };
            let at = text.len();
            text.extend(value.chars().map(|ch| if matches!(ch, '\t' | '\n' | '\r') { ' ' } else { ch }));
            row.push(Cell { text: value.to_string(), span: at..text.len() });
        }
        rows.push(Row { span: start..text.len(), cells: row });
        text.push('\n');
    }
    let source = Source::sheet(shown, text, cells);
    for (span, shown) in errors {
        problems.push(
            Problem::error(format!("this cell shows the error {shown}"))
                .at(Loc::new(&source, span))
                .help("correct the formula, or type the value"),
        );
    }
    let mut rows = rows.into_iter().filter(Row::has_text).collect::<Vec<_>>().into_iter();
    // The grid's first row has a cell with text: the header is there.
    let header = rows.next().unwrap_or(Row { span: 0..0, cells: Vec::new() });
    Table::new(source, header, Box::new(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    const GOOD: &[u8] = include_bytes!("../../../../../tests/fixtures/sheets/vestigingen.ods");

    /// The workbook with its content.xml changed.
    fn with_content(change: impl Fn(String) -> String) -> Vec<u8> {
        let mut archive = zip::ZipArchive::new(Cursor::new(GOOD)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut part = archive.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            let mut data = Vec::new();
            part.read_to_end(&mut data).unwrap();
            if name == "content.xml" {
                data = change(String::from_utf8(data).unwrap()).into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(&data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn read_names(bytes: &[u8]) -> Result<Vec<String>, Vec<String>> {
        let mut problems = Problems::new();
        match read(Path::new("t.ods"), bytes, &mut problems) {
            Some(mut t) if !problems.has_errors() => {
                Ok(std::iter::from_fn(|| t.next_row(&mut problems)).map(|r| r.cells[1].text.clone()).collect())
            }
            _ => Err(problems.iter().map(ToString::to_string).collect()),
        }
    }

    #[test]
    fn empty_rows_and_cells_repeated_to_the_sheet_s_end_cost_nothing() {
        // What LibreOffice writes below a formatted table.
        let trailing = "<table:table-row table:number-rows-repeated=\"1048000\">\
                        <table:table-cell table:number-columns-repeated=\"16000\"/></table:table-row></table:table>";
        let bytes = with_content(|c| c.replacen("</table:table>", trailing, 1));
        assert_eq!(read_names(&bytes).unwrap(), ["Café de Kroon", "Bibliotheek Zuid"]);
    }

    #[test]
    fn cells_with_text_repeated_past_a_million_are_refused_before_reading() {
        let repeated = "<table:table-row table:number-rows-repeated=\"2000\">\
                        <table:table-cell table:number-columns-repeated=\"1000\" office:value-type=\"float\" \
                        office:value=\"1\"/></table:table-row></table:table>";
        let bytes = with_content(|c| c.replacen("</table:table>", repeated, 1));
        let errors = read_names(&bytes).unwrap_err();
        assert!(errors[0].contains("repeats cells to more than 1 million"), "{errors:?}");
    }
}
