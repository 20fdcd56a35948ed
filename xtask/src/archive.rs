//! Archives that are the same bytes every time for the same files: entries
//! in the order given (sorted by the caller), one fixed time for all
//! (`SOURCE_DATE_EPOCH`), no owner names, modes only 644 or 755.

use std::io::Write;

/// A file in an archive.
pub struct Entry {
    /// Its path inside the archive, with `/`.
    pub path: String,
    pub bytes: Vec<u8>,
    pub executable: bool,
}

impl Entry {
    pub fn file(path: impl Into<String>, bytes: Vec<u8>) -> Entry {
        Entry { path: path.into(), bytes, executable: false }
    }

    pub fn program(path: impl Into<String>, bytes: Vec<u8>) -> Entry {
        Entry { path: path.into(), bytes, executable: true }
    }

    fn mode(&self) -> u32 {
        if self.executable { 0o755 } else { 0o644 }
    }
}

/// A ZIP archive (for Windows), every entry deflated, dated `epoch`.
pub fn zip(entries: &[Entry], epoch: i64) -> Result<Vec<u8>, String> {
    let time = zip_time(epoch)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for e in entries {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9))
            .last_modified_time(time)
            .unix_permissions(e.mode());
        zip.start_file(e.path.as_str(), options).map_err(|err| format!("{}: {err}", e.path))?;
        zip.write_all(&e.bytes).map_err(|err| format!("{}: {err}", e.path))?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// ZIP keeps local time to two seconds, from 1980 on: the epoch's UTC
/// date and time, as Windows shows it.
fn zip_time(epoch: i64) -> Result<zip::DateTime, String> {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
    let narrow = |v: i64| u8::try_from(v).map_err(|_| format!("SOURCE_DATE_EPOCH {epoch} is out of range"));
    zip::DateTime::from_date_and_time(
        u16::try_from(y).map_err(|_| format!("SOURCE_DATE_EPOCH {epoch} is out of range"))?,
        narrow(m)?,
        narrow(d)?,
        narrow(hh)?,
        narrow(mm)?,
        narrow(ss)?,
    )
    .map_err(|_| format!("SOURCE_DATE_EPOCH {epoch} is before 1980, which ZIP cannot date"))
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (Howard
/// Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A gzip-compressed tar archive (for Linux), owned by root, dated
/// `epoch`; folders are made by the paths of their files.
pub fn tar_gz(entries: &[Entry], epoch: i64) -> Result<Vec<u8>, String> {
    let mtime = u64::try_from(epoch).map_err(|_| format!("SOURCE_DATE_EPOCH {epoch} is before 1970"))?;
    // No file name and time in the gzip header: the archive's bytes are
    // its entries' alone.
    let gz = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::best());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    for e in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(e.bytes.len() as u64);
        header.set_mode(e.mode());
        header.set_mtime(mtime);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, &e.path, e.bytes.as_slice()).map_err(|err| format!("{}: {err}", e.path))?;
    }
    let gz = tar.into_inner().map_err(|e| e.to_string())?;
    gz.finish().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_the_calendar_s() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        // 2025-05-27, the campaign's deadline.
        assert_eq!(civil_from_days(20_235), (2025, 5, 27));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn the_same_files_make_the_same_bytes_and_the_time_is_the_epoch_s() {
        let files =
            || vec![Entry::program("a/handout", b"binary".to_vec()), Entry::file("a/README.md", b"hi".to_vec())];
        let epoch = 1_748_304_000; // 2025-05-27 00:00 UTC
        assert_eq!(zip(&files(), epoch).unwrap(), zip(&files(), epoch).unwrap());
        assert_eq!(tar_gz(&files(), epoch).unwrap(), tar_gz(&files(), epoch).unwrap());
        assert_ne!(tar_gz(&files(), epoch).unwrap(), tar_gz(&files(), epoch + 60).unwrap());
        let bytes = zip(&files(), epoch).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let entry = archive.by_name("a/handout").unwrap();
        assert_eq!(entry.unix_mode(), Some(0o100755));
        let t = entry.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2025, 5, 27, 0));
    }
}
