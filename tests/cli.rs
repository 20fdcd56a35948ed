//! The command line as a user meets it: exit codes, messages, what is and
//! is not written.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn overlay(fixture: &str, dest: &Path) {
    copy_project(dest);
    let from = root().join("tests/fixtures").join(fixture);
    for f in files_under(&from) {
        let rel = f.strip_prefix(&from).unwrap();
        std::fs::copy(&f, dest.join(rel)).unwrap();
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn build_writes_every_document_and_says_so_with_sizes() {
    let out = tempfile::tempdir().unwrap();
    let root = root();
    let r = handout(
        &["build", "--root", root.to_str().unwrap(), "--out", out.path().to_str().unwrap()],
        BEFORE_DEADLINE_EPOCH,
    );
    let stdout = text(&r.stdout);
    assert!(r.status.success(), "{}", text(&r.stderr));
    for p in ["facebook", "instagram"] {
        let file = out.path().join("meta-ai/nl").join(format!("{p}-flyer-a4.pdf"));
        assert!(file.is_file(), "{} missing", file.display());
        assert!(stdout.contains(&format!("{p}-flyer-a4.pdf (")) && stdout.contains(" kB"), "{stdout}");
    }
    // Screen layouts make images.
    assert!(out.path().join("meta-ai/nl/facebook-screen-16x9.png").is_file());
    // No temporary files are left behind.
    let files = files_under(out.path());
    assert!(files.iter().all(|f| f.extension().is_some_and(|e| e == "pdf" || e == "png")), "{files:?}");
}

#[test]
fn filters_select_documents_and_unknown_ones_are_usage_errors() {
    let out = tempfile::tempdir().unwrap();
    let root = root();
    let base = ["build", "--root", root.to_str().unwrap(), "--out", out.path().to_str().unwrap()];
    let r = handout(
        &[&base[..], &["--lang", "nl", "--platform", "instagram", "--layout", "flyer-a4"]].concat(),
        BEFORE_DEADLINE_EPOCH,
    );
    assert!(r.status.success(), "{}", text(&r.stderr));
    let files = files_under(out.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("meta-ai/nl/instagram-flyer-a4.pdf"));

    let r = handout(&[&base[..], &["--platform", "myspace"]].concat(), BEFORE_DEADLINE_EPOCH);
    assert_eq!(r.status.code(), Some(2));
    assert!(text(&r.stderr).contains("facebook, instagram"), "{}", text(&r.stderr));
}

#[test]
fn check_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    let r = handout(&["check", "--root", proj.path().to_str().unwrap()], BEFORE_DEADLINE_EPOCH);
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert!(!proj.path().join("out").exists());
    assert!(files_under(out.path()).is_empty());
}

#[test]
fn a_step_that_does_not_fit_stops_the_build_naming_file_line_and_region() {
    let proj = tempfile::tempdir().unwrap();
    overlay("overflow-step", proj.path());
    let out = proj.path().join("out");
    let r = handout(
        &["build", "--root", proj.path().to_str().unwrap(), "--out", out.to_str().unwrap()],
        BEFORE_DEADLINE_EPOCH,
    );
    let stderr = text(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    let source = std::fs::read_to_string(proj.path().join("campaigns/meta-ai/nl/facebook.toml")).unwrap();
    let line = source.lines().position(|l| l.contains("Deze stap is veel te lang")).unwrap() + 1;
    assert!(stderr.contains(&format!("campaigns/meta-ai/nl/facebook.toml:{line}:")), "{stderr}");
    assert!(stderr.contains("region `route-app`"), "{stderr}");
    assert!(stderr.contains("Deze stap is veel te lang"), "{stderr}");
    assert!(files_under(&out).is_empty(), "something was written: {:?}", files_under(&out));
}

#[test]
fn after_the_deadline_the_build_prints_the_honest_edition_and_strict_accepts_it() {
    let out = tempfile::tempdir().unwrap();
    let root = root();
    let args = ["build", "--strict", "--root", root.to_str().unwrap(), "--out", out.path().to_str().unwrap()];
    let r = handout(&args, AFTER_DEADLINE_EPOCH);
    let stderr = text(&r.stderr);
    assert!(r.status.success(), "{stderr}");
    assert!(stderr.contains("printing the after-deadline edition") && stderr.contains("27 mei 2025"), "{stderr}");
    assert!(stderr.contains("campaigns/meta-ai/campaign.toml"), "{stderr}");
    assert!(stderr.contains("2026-01-01"), "{stderr}");
    assert!(out.path().join("meta-ai/nl/facebook-flyer-a4-after-deadline.pdf").is_file());
    assert!(!out.path().join("meta-ai/nl/facebook-flyer-a4.pdf").exists(), "no dated flyer after the deadline");
}

fn broken_platform(dir: &Path, lang: &str, platform: &str) {
    let file = dir.join("campaigns/meta-ai").join(lang).join(format!("{platform}.toml"));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("name = ", "nam = ", 1)).unwrap();
}

#[test]
fn a_filter_shows_the_errors_of_what_it_selects_and_ignores_the_rest() {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    broken_platform(proj.path(), "nl", "facebook");
    let out = proj.path().join("out");
    let base = ["build", "--root", proj.path().to_str().unwrap(), "--out", out.to_str().unwrap()];
    // The broken file itself: its error, not "no platform".
    let r = handout(&[&base[..], &["--platform", "facebook"]].concat(), BEFORE_DEADLINE_EPOCH);
    let stderr = text(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("campaigns/meta-ai/nl/facebook.toml:") && stderr.contains("unknown field `nam`"),
        "{stderr}"
    );
    assert!(!stderr.contains("no platform"), "{stderr}");
    // Another platform: the broken file is not read at all.
    let r = handout(&[&base[..], &["--platform", "instagram"]].concat(), BEFORE_DEADLINE_EPOCH);
    let stderr = text(&r.stderr);
    assert!(r.status.success(), "{stderr}");
    assert!(!stderr.contains("facebook.toml"), "{stderr}");
    assert!(out.join("meta-ai/nl/instagram-flyer-a4.pdf").is_file());
}

#[test]
fn a_platform_missing_in_one_language_is_built_where_it_is_with_a_warning() {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    let nl = proj.path().join("campaigns/meta-ai/nl");
    std::fs::copy(nl.join("instagram.toml"), nl.join("threads.toml")).unwrap();
    let out = proj.path().join("out");
    let args =
        ["build", "--root", proj.path().to_str().unwrap(), "--out", out.to_str().unwrap(), "--layout", "flyer-a4"];
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    let stderr = text(&r.stderr);
    assert!(r.status.success(), "{stderr}");
    assert!(stderr.contains("platform `threads` has no file in en, so it is built only in nl"), "{stderr}");
    assert!(stderr.contains("campaigns/meta-ai/en/threads.toml"), "{stderr}");
    assert!(out.join("meta-ai/nl/threads-flyer-a4.pdf").is_file());
    assert!(!out.join("meta-ai/en/threads-flyer-a4.pdf").exists());
}

#[test]
fn a_bad_source_date_epoch_is_a_usage_error() {
    let root = root();
    let r = handout(&["check", "--root", root.to_str().unwrap()], "yesterday");
    assert_eq!(r.status.code(), Some(2));
    assert!(text(&r.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn the_same_bytes_whatever_the_number_of_threads() {
    let root = root();
    let mut outs = Vec::new();
    for threads in ["1", "3"] {
        let out = tempfile::tempdir().unwrap();
        let r = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(["build", "--root", root.to_str().unwrap(), "--out", out.path().to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", BEFORE_DEADLINE_EPOCH)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", text(&r.stderr));
        let (stdout, stderr) = (text(&r.stdout), text(&r.stderr));
        let dir = out.path().to_str().unwrap().to_string();
        outs.push((out, stdout.replace(&dir, "OUT"), stderr.replace(&dir, "OUT")));
    }
    let (one, many) = (&outs[0], &outs[1]);
    assert_eq!(one.1, many.1, "messages differ");
    assert_eq!(one.2, many.2, "messages differ");
    let files = files_under(one.0.path());
    assert!(files.len() >= 12);
    for f in files {
        let rel = f.strip_prefix(one.0.path()).unwrap();
        assert!(
            std::fs::read(&f).unwrap() == std::fs::read(many.0.path().join(rel)).unwrap(),
            "{} differs",
            rel.display()
        );
    }
}

#[test]
fn from_an_empty_folder_the_built_in_project_builds_the_same_files() {
    // One self-contained program: no campaigns/, layouts/ or fonts/ around it.
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["build", "--lang", "nl", "--platform", "facebook"])
        .current_dir(empty.path())
        .env("SOURCE_DATE_EPOCH", BEFORE_DEADLINE_EPOCH)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("using the campaigns, layouts and fonts built into handout"));
    // The same bytes as from the project folder on disk.
    let disk = tempfile::tempdir().unwrap();
    let d = disk.path().to_str().unwrap();
    let r = root();
    let args = ["build", "--root", r.to_str().unwrap(), "--out", d, "--lang", "nl", "--platform", "facebook"];
    assert!(handout(&args, BEFORE_DEADLINE_EPOCH).status.success());
    let built = files_under(&empty.path().join("out"));
    assert_eq!(built.len(), std::fs::read_dir(root().join("layouts")).unwrap().count());
    for f in built {
        let rel = f.strip_prefix(empty.path().join("out")).unwrap();
        assert!(std::fs::read(&f).unwrap() == std::fs::read(disk.path().join(rel)).unwrap(), "{}", rel.display());
    }
}

/// Without arguments in a terminal (here: no console of its own), the
/// help, as ever; only a double-click on Windows serves the page.
#[test]
fn without_arguments_in_a_terminal_it_prints_the_help() {
    let r = handout(&[], BEFORE_DEADLINE_EPOCH);
    assert_eq!(r.status.code(), Some(2));
    let stderr = text(&r.stderr);
    assert!(stderr.contains("Usage: handout <COMMAND>") && stderr.contains("serve"), "{stderr}");
}

#[test]
fn paths_typed_are_relative_to_the_current_folder() {
    let here = tempfile::tempdir().unwrap();
    copy_project(&here.path().join("proj"));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(args)
            .current_dir(here.path())
            .env("SOURCE_DATE_EPOCH", BEFORE_DEADLINE_EPOCH)
            .output()
            .unwrap()
    };
    let one = ["--lang", "nl", "--platform", "facebook", "--layout", "flyer-a4"];
    let r = run(&[&["build", "--root", "proj", "--out", "proj/made"][..], &one].concat());
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert!(here.path().join("proj/made/meta-ai/nl/facebook-flyer-a4.pdf").is_file(), "not in proj/made");
    assert!(!here.path().join("proj/proj").exists(), "--out was taken relative to --root");
    // Printed with one separator, as the system writes paths.
    let wrote = text(&r.stdout);
    let expected = Path::new("proj").join("made").join("meta-ai").join("nl").join("facebook-flyer-a4.pdf");
    assert!(wrote.contains(&format!("wrote {} (", expected.display())), "{wrote}");
    // Without --out, the project folder's out/.
    let r = run(&[&["build", "--root", "proj"][..], &one].concat());
    assert!(r.status.success(), "{}", text(&r.stderr));
    assert!(here.path().join("proj/out/meta-ai/nl/facebook-flyer-a4.pdf").is_file());
}

#[test]
fn list_names_every_campaign_with_its_deadline_and_every_layout() {
    let root = root();
    let r = handout(&["list", "--root", root.to_str().unwrap()], BEFORE_DEADLINE_EPOCH);
    let out = text(&r.stdout);
    assert!(r.status.success(), "{}", text(&r.stderr));
    for needle in [
        "linkedin-ai: LinkedIn: keep your data out of AI",
        "deadline 2025-11-03 (ahead); languages: en, nl; platforms: linkedin",
        "deadline 2025-05-27 (ahead); languages: en, nl; platforms: facebook, instagram",
        "flyer-a4: A4 flyer",
        "social-4x5: ",
    ] {
        assert!(out.contains(needle), "`{needle}` not in:\n{out}");
    }
    let after = text(&handout(&["list", "--root", root.to_str().unwrap()], AFTER_DEADLINE_EPOCH).stdout);
    assert!(
        after.contains("deadline 2025-11-03 (passed)") && after.contains("deadline 2025-05-27 (passed)"),
        "{after}"
    );
}

#[test]
fn filters_take_several_ids_and_name_the_campaigns_there_are() {
    let out = tempfile::tempdir().unwrap();
    let root = root();
    let base = ["build", "--root", root.to_str().unwrap(), "--out", out.path().to_str().unwrap()];
    let pick =
        ["--campaign", "linkedin-ai", "--lang", "nl", "--layout", "flyer-a4,pocket-cards", "--layout", "poster-a3"];
    let r = handout(&[&base[..], &pick].concat(), BEFORE_DEADLINE_EPOCH);
    assert!(r.status.success(), "{}", text(&r.stderr));
    let mut files: Vec<String> =
        files_under(out.path()).iter().map(|f| f.strip_prefix(out.path()).unwrap().display().to_string()).collect();
    files.sort();
    let expected = ["flyer-a4", "pocket-cards", "poster-a3"].map(|l| format!("linkedin-ai/nl/linkedin-{l}.pdf"));
    assert_eq!(files, expected);
    let r = handout(&[&base[..], &["--campaign", "tiktok-ai"]].concat(), BEFORE_DEADLINE_EPOCH);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        text(&r.stderr).contains("no campaign `tiktok-ai`; the campaigns are: linkedin-ai, meta-ai"),
        "{}",
        text(&r.stderr)
    );
}
