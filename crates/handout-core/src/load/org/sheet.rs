//! A spreadsheet file as its user saved it, to its [`Table`]: CSV text
//! (UTF-8 with or without a byte-order mark, UTF-16 as Excel's "Unicode
//! text", or Windows-1252 as Excel in Dutch saves "CSV (gescheiden door
//! lijstscheidingstekens)") or a workbook (`.xlsx`, `.ods`: the first
//! sheet). Which it is, is told by its bytes.

use super::table::{FORMATS, MAX_BYTES, Table};
use super::{csv_text, workbook};
use crate::diag::{Problem, Problems, Source};
use std::path::Path;

/// Read a spreadsheet file's bytes; `shown` is its path in messages.
/// A text that is not UTF-8 is read as Windows-1252, and a note says so.
pub fn read_table(shown: &Path, bytes: &[u8], problems: &mut Problems) -> Option<Table> {
    let named = |what: &str| format!("{} {what}", shown.display());
    if bytes.len() > MAX_BYTES {
        problems.push(
            Problem::error(named(&format!(
                "is larger than {} MB: a list of organisations is far smaller",
                MAX_BYTES / (1024 * 1024)
            )))
            .help(format!("give the spreadsheet of organisations ({FORMATS})")),
        );
        return None;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return workbook::read(shown, bytes, problems);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        problems.push(
            Problem::error(named("is an Excel 97-2003 workbook (.xls), which handout does not read"))
                .help("open it in Excel and save it as \"Excel Workbook (.xlsx)\" or as CSV"),
        );
        return None;
    }
    let text = decode(shown, bytes, problems)?;
    csv_text::read(Source::new(shown, text), problems)
}

/// The text of a CSV file, whatever of the usual encodings it is in.
fn decode(shown: &Path, bytes: &[u8], problems: &mut Problems) -> Option<String> {
    use encoding_rs::{UTF_8, WINDOWS_1252};
    let (text, encoding) = match encoding_rs::Encoding::for_bom(bytes) {
        // A byte-order mark says what it is (UTF-8, or UTF-16 as Excel's
        // "Unicode text"); broken sequences become U+FFFD.
        Some((encoding, bom)) => (encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned(), encoding),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), UTF_8),
            // Every byte is a character in Windows-1252.
            Err(_) => (WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), WINDOWS_1252),
        },
    };
    if text.contains('\0') {
        problems.push(
            Problem::error(format!("{} is not a spreadsheet that handout reads", shown.display()))
                .help(format!("give the spreadsheet of organisations ({FORMATS})")),
        );
        return None;
    }
    if encoding == WINDOWS_1252 {
        problems.push(
            Problem::note(format!("{} is not UTF-8: read as Windows-1252, as Excel saves CSV", shown.display()))
                .help("if a letter looks wrong on the handouts, save the file as \"CSV UTF-8\" instead"),
        );
    }
    Some(text)
}
