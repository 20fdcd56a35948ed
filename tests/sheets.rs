//! Organisations from spreadsheets as their users save them
//! (tests/fixtures/sheets/make.sh made them): LibreOffice's .xlsx and
//! .ods, Dutch Excel's CSV (Windows-1252, semicolons, CRLF), Excel's
//! .xlsx with the table not at A1. Names come out right on the handouts,
//! and a bad cell is shown at its own row and column in every format.

mod common;

use common::{BEFORE_DEADLINE_EPOCH, handout, pdf_text, root};
use std::path::{Path, PathBuf};

/// A folder with a space in its name holding the spreadsheet and the logo
/// its rows name; `handout build --orgs-sheet` run in it.
fn build(sheet: &str) -> (tempfile::TempDir, PathBuf, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("mijn vestigingen");
    std::fs::create_dir(&folder).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sheets");
    std::fs::copy(fixtures.join(sheet), folder.join(sheet)).unwrap();
    std::fs::copy(root().join("orgs/buurthuis-de-linde.png"), folder.join("logo.png")).unwrap();
    let out = dir.path().join("out");
    let sheet_path = folder.join(sheet);
    let args = ["build", "--orgs-sheet", sheet_path.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let selection = ["--lang", "nl", "--platform", "facebook", "--layout", "flyer-a4"];
    let output = handout(&[&args[..], &selection[..]].concat(), BEFORE_DEADLINE_EPOCH);
    (dir, out, output)
}

#[test]
fn every_format_builds_its_organisations_with_the_names_right() {
    for sheet in ["vestigingen.xlsx", "vestigingen.ods", "vestigingen-1252.csv"] {
        let (_dir, out, r) = build(sheet);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert!(r.status.success(), "{sheet}: {stderr}");
        assert_eq!(
            stderr.contains("read as Windows-1252"),
            sheet.ends_with(".csv"),
            "{sheet}: only the CSV is not UTF-8: {stderr}"
        );
        let kroon = std::fs::read(out.join("cafe-de-kroon/meta-ai/nl/facebook-flyer-a4.pdf")).unwrap();
        let text = pdf_text(&kroon);
        assert!(text.contains("Café de Kroon"), "{sheet}: {text}");
        assert!(text.contains("één formulier"), "{sheet}: {text}");
        assert!(out.join("bieb-zuid/meta-ai/nl/facebook-flyer-a4.pdf").is_file(), "{sheet}");
    }
}

#[test]
fn a_bad_cell_is_shown_at_its_own_row_and_column_in_every_format() {
    // Row 3's logo, ontbreekt.png, is not there: column E, the 57th
    // character of the CSV's third line (CRLF line ends before it).
    for (sheet, place) in [
        ("fout.xlsx", "fout.xlsx, sheet fout, cell E3"),
        ("fout.ods", "fout.ods, sheet fout, cell E3"),
        ("fout-1252.csv", "fout-1252.csv:3:57"),
    ] {
        let (_dir, out, r) = build(sheet);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert!(!r.status.success(), "{sheet}: {stderr}");
        let expected = format!("{place}: the logo `ontbreekt.png` cannot be read");
        assert!(stderr.contains(&expected), "{sheet}: wanted {expected}: {stderr}");
        assert!(out.join("cafe-de-kroon/meta-ai/nl/facebook-flyer-a4.pdf").is_file(), "{sheet}: the good row is built");
        assert!(!out.join("bieb-zuid").exists(), "{sheet}: nothing of the bad row is written");
    }
}

#[test]
fn a_table_away_from_a1_is_named_by_its_cells_and_a_formula_error_is_no_name() {
    let (_dir, out, r) = build("verschoven.xlsx");
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(!r.status.success(), "{stderr}");
    assert!(stderr.contains("verschoven.xlsx, sheet Blad1, cell C4: this cell shows the error #N/A"), "{stderr}");
    // Like a row that cannot be read, it stops the whole spreadsheet.
    assert!(stderr.contains("nothing was written") && !out.exists(), "{stderr}");
}

#[test]
fn what_is_not_a_spreadsheet_is_refused_with_the_formats_named() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = |name: &str| {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sheets").join(name)).unwrap()
    };
    let (far, repeated) = (fixture("ver-weg.xlsx"), fixture("herhaald.ods"));
    let cases: [(&str, &[u8], &str); 5] = [
        ("ver-weg.xlsx", &far, "its first sheet reaches cell XFD1048576, far beyond a list of organisations"),
        ("herhaald.ods", &repeated, "its first sheet repeats cells to more than 1 million"),
        ("oud.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more", "Excel 97-2003 workbook (.xls)"),
        ("brief.docx", b"PK\x03\x04 not really a zip", "cannot be read as a workbook"),
        ("plaatje.png", &std::fs::read(root().join("orgs/buurthuis-de-linde.png")).unwrap(), "not a spreadsheet"),
    ];
    for (name, bytes, says) in cases {
        let started = std::time::Instant::now();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = dir.path().join("out");
        // The old name of the option still works.
        let r = handout(&["check", "--orgs-csv", path.to_str().unwrap()], BEFORE_DEADLINE_EPOCH);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert!(!r.status.success(), "{name}: {stderr}");
        assert!(stderr.contains(says), "{name}: wanted {says}: {stderr}");
        assert!(!out.exists(), "{name}");
        // Not read cell by cell first (the .ods would take 12 GB and a minute).
        assert!(started.elapsed().as_secs_f32() < 5.0, "{name}: {:?}", started.elapsed());
    }
}
