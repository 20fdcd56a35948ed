//! Several documents in one file to download: a ZIP of every file they
//! make, at their paths (`nl/facebook-flyer-a4.pdf`). Entries are stored
//! with a fixed time and in the documents' order, so the same documents
//! always give the same bytes.

use crate::diag::Problem;
use crate::plan::Built;
use std::io::Write;

/// A ZIP of every file of `built`.
pub fn zip(built: &[Built]) -> Result<Vec<u8>, Problem> {
    let fail = |e: &dyn std::fmt::Display| Problem::error(format!("the ZIP file cannot be made: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // PDFs and PNGs are compressed already: store them as they are.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (path, bytes) in built.iter().flat_map(|b| &b.files) {
        zip.start_file(path.as_str(), options).map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    zip.finish().map(|c| c.into_inner()).map_err(|e| fail(&e))
}
