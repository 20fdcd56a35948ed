//! Bad input never hurts: every case in tests/bad_input/ edits a copy of
//! the real project in one small way, and the build must fail with the
//! expected message at the expected file and line, exit code 1, without a
//! panic and without writing anything.

mod common;

use common::*;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    expect: Expect,
    /// More arguments for `handout build`; `{root}` is the project copy.
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    create: Vec<Create>,
    /// Cut a file short, as a broken download does.
    #[serde(default)]
    truncate: Vec<Sized>,
    /// A file of this many zero bytes.
    #[serde(default)]
    pad: Vec<Sized>,
    /// Make a PNG's header claim another size (as a decompression bomb's does).
    #[serde(default)]
    png_size: Vec<PngSize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sized {
    file: String,
    bytes: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PngSize {
    file: String,
    width: u32,
    height: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// Text the message must contain.
    message: String,
    /// The file the error must point at.
    file: Option<String>,
    /// Text whose first line in `file` (after the edits) is the line the error must name.
    at: Option<String>,
    /// Further messages the same run must report.
    #[serde(default)]
    also: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    replace: String,
    with: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Create {
    file: String,
    content: String,
}

fn run_case(path: &Path) -> Result<(), String> {
    let case: Case =
        toml::from_str(&std::fs::read_to_string(path).unwrap()).map_err(|e| format!("bad case file: {e}"))?;
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    for c in &case.create {
        std::fs::write(proj.path().join(&c.file), &c.content).unwrap();
    }
    apply_bytes(proj.path(), &case);
    for e in &case.edit {
        let file = proj.path().join(&e.file);
        let text = std::fs::read_to_string(&file).unwrap();
        // The first occurrence is edited: a layout's [with_org] repeats
        // some of its regions further down.
        if !text.contains(&e.replace) {
            return Err(format!("`{}` does not occur in {}: update the case", e.replace, e.file));
        }
        std::fs::write(&file, text.replacen(&e.replace, &e.with, 1)).unwrap();
    }
    let out = proj.path().join("out");
    let root = proj.path().to_str().unwrap();
    let extra: Vec<String> = case.args.iter().map(|a| a.replace("{root}", root)).collect();
    let mut args = vec!["build", "--root", root, "--out", out.to_str().unwrap()];
    args.extend(extra.iter().map(String::as_str));
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    let stderr = String::from_utf8_lossy(&r.stderr);
    let mut wrong = Vec::new();
    if r.status.code() != Some(1) {
        wrong.push(format!("exit code {:?}, expected 1", r.status.code()));
    }
    if stderr.contains("panicked") {
        wrong.push("it panicked".into());
    }
    for m in std::iter::once(&case.expect.message).chain(&case.expect.also) {
        if !stderr.contains(m.as_str()) {
            wrong.push(format!("message `{m}` missing"));
        }
    }
    if let Some(file) = &case.expect.file {
        let place = match &case.expect.at {
            Some(at) => {
                let text = std::fs::read_to_string(proj.path().join(file)).unwrap();
                let Some(offset) = text.find(at.as_str()) else {
                    return Err(format!("`{at}` is not in {file}: update the case"));
                };
                format!("{file}:{}:", text[..offset].matches('\n').count() + 1)
            }
            None => format!("{file}:"),
        };
        if !stderr.contains(&place) {
            wrong.push(format!("no error at {place}"));
        }
    }
    let written = files_under(&out);
    if !written.is_empty() {
        wrong.push(format!("files were written: {written:?}"));
    }
    if wrong.is_empty() { Ok(()) } else { Err(format!("{}\n--- stderr ---\n{stderr}", wrong.join("; "))) }
}

/// The binary edits of a case: truncations, padding, PNG sizes.
fn apply_bytes(dir: &Path, case: &Case) {
    for t in &case.truncate {
        let bytes = std::fs::read(dir.join(&t.file)).unwrap();
        std::fs::write(dir.join(&t.file), &bytes[..t.bytes.min(bytes.len())]).unwrap();
    }
    for p in &case.pad {
        std::fs::write(dir.join(&p.file), vec![0u8; p.bytes]).unwrap();
    }
    for p in &case.png_size {
        let png = std::fs::read(dir.join(&p.file)).unwrap();
        std::fs::write(dir.join(&p.file), png_with_size(&png, p.width, p.height)).unwrap();
    }
}

#[test]
fn every_bad_input_case_fails_cleanly() {
    let dir = root().join("tests/bad_input");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| run_case(c).err().map(|e| format!("== {}: {e}", c.file_name().unwrap().to_string_lossy())))
        .collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// A failed write leaves the old file intact: the output folder is made
/// read-only, so the new PDF cannot be written next to the old one.
#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_old_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    let out = tempfile::tempdir().unwrap();
    let root = root();
    let args = [
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--layout",
        "flyer-a4",
        "--platform",
        "facebook",
    ];
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    assert!(r.status.success());
    let file = out.path().join("meta-ai/nl/facebook-flyer-a4.pdf");
    std::fs::write(&file, b"the old file").unwrap();
    let dir = out.path().join("meta-ai/nl");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions: then the check cannot be made this way.
    let probe = dir.join(".probe");
    let writable = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    if writable {
        eprintln!(
            "running as root: the folder stays writable, so simulate the failure with a file where the folder should be"
        );
        let blocked = tempfile::tempdir().unwrap();
        std::fs::write(blocked.path().join("meta-ai"), b"not a folder").unwrap();
        let args = [
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            blocked.path().to_str().unwrap(),
            "--layout",
            "flyer-a4",
        ];
        let r = handout(&args, BEFORE_DEADLINE_EPOCH);
        assert_eq!(r.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&r.stderr).contains("cannot write"), "{}", String::from_utf8_lossy(&r.stderr));
        assert_eq!(std::fs::read(blocked.path().join("meta-ai")).unwrap(), b"not a folder");
        return;
    }
    assert_eq!(r.status.code(), Some(1), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stderr).contains("cannot write"));
    assert_eq!(std::fs::read(&file).unwrap(), b"the old file");
    assert!(files_under(&dir).len() == 1, "temporary files left: {:?}", files_under(&dir));
}
