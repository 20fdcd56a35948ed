//! A campaign in one file (`campaigns/<id>.toml`, what the web page's
//! editor saves): the same keys as a campaign folder's three kinds of file,
//! building the same bytes; and its own mistakes, located in it.

mod common;

use common::*;
use std::path::Path;

/// LinkedIn's Dutch campaign folder written as one file: the campaign's
/// keys, the texts' tables, and the platform's file as `[platform.linkedin]`.
fn linkedin_in_one_file() -> String {
    let dir = root().join("campaigns/linkedin-ai");
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
    let platform = read("nl/linkedin.toml").replace("[route.", "[platform.linkedin.route.");
    format!("{}\n{}\n[platform.linkedin]\n{platform}", read("campaign.toml"), read("nl/texts.toml"))
}

/// The shipped project with LinkedIn's folder replaced by `file`.
fn project_with(file: &str) -> tempfile::TempDir {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    std::fs::remove_dir_all(proj.path().join("campaigns/linkedin-ai")).unwrap();
    std::fs::write(proj.path().join("campaigns/linkedin-ai.toml"), file).unwrap();
    proj
}

fn build(root: Option<&Path>, out: &Path, epoch: &str) -> std::process::Output {
    let o = out.to_str().unwrap();
    let mut args = vec!["build", "--out", o, "--campaign", "linkedin-ai", "--lang", "nl"];
    args.extend(["--layout", "flyer-a4,pocket-cards,screen-16x9"]);
    if let Some(r) = root {
        args.extend(["--root", r.to_str().unwrap()]);
    }
    handout(&args, epoch)
}

#[test]
fn a_campaign_in_one_file_builds_the_same_bytes_as_its_folder() {
    let proj = project_with(&linkedin_in_one_file());
    for epoch in [BEFORE_DEADLINE_EPOCH, AFTER_DEADLINE_EPOCH] {
        let (folder, file) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let r = build(Some(&root()), folder.path(), epoch);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let r = build(Some(proj.path()), file.path(), epoch);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let made = files_under(file.path());
        assert_eq!(made.len(), 3, "{made:?}");
        assert_eq!(
            made.iter().map(|p| p.strip_prefix(file.path()).unwrap()).collect::<Vec<_>>(),
            files_under(folder.path()).iter().map(|p| p.strip_prefix(folder.path()).unwrap()).collect::<Vec<_>>(),
        );
        for path in made {
            let twin = folder.path().join(path.strip_prefix(file.path()).unwrap());
            assert!(std::fs::read(&path).unwrap() == std::fs::read(&twin).unwrap(), "{} differs", path.display());
        }
    }
}

#[test]
fn list_names_the_campaign_in_one_file_with_its_language_and_platform() {
    let proj = project_with(&linkedin_in_one_file());
    let r = handout(&["list", "--root", proj.path().to_str().unwrap()], BEFORE_DEADLINE_EPOCH);
    let said = String::from_utf8_lossy(&r.stdout);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let line = said.lines().skip_while(|l| !l.contains("linkedin-ai")).take(4).collect::<Vec<_>>().join("\n");
    assert!(line.contains("nl") && line.contains("linkedin"), "{said}");
}

/// Each mistake of a file, what the build says, and the line it points at.
#[test]
fn mistakes_in_a_campaign_file_are_located_in_it() {
    let good = linkedin_in_one_file();
    let cases: [(&str, String, &str, &str); 4] = [
        (
            "no platform",
            good[..good.find("[platform.linkedin]").unwrap()].to_string() + "[platform]\n",
            "has no platform",
            "[platform]",
        ),
        ("a language code that is no id", good.replace("code = \"nl\"", "code = \"nl-NL\""), "cannot name", "code ="),
        (
            "a platform id that is no id",
            good.replace("[platform.linkedin", "[platform.Linked_In"),
            "not a valid id",
            "[platform.Linked_In]",
        ),
        ("an unknown key", good.replace("deadline = ", "deadlin = "), "unknown field", "deadlin ="),
    ];
    for (what, file, says, at) in cases {
        let proj = project_with(&file);
        let out = tempfile::tempdir().unwrap();
        let r = build(Some(proj.path()), out.path(), BEFORE_DEADLINE_EPOCH);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert!(!r.status.success(), "{what}: built anyway");
        assert!(stderr.contains(says), "{what}: {stderr}");
        assert!(stderr.contains("campaigns/linkedin-ai.toml"), "{what}: not located in the file: {stderr}");
        assert!(stderr.contains(at), "{what}: not at `{at}`: {stderr}");
        assert!(files_under(out.path()).is_empty(), "{what}: wrote files");
    }
}

#[test]
fn a_campaign_both_a_folder_and_a_file_is_refused() {
    let proj = project_with(&linkedin_in_one_file());
    copy_dir(&root().join("campaigns/linkedin-ai"), &proj.path().join("campaigns/linkedin-ai"));
    let out = tempfile::tempdir().unwrap();
    let r = build(Some(proj.path()), out.path(), BEFORE_DEADLINE_EPOCH);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(!r.status.success() && stderr.contains("both a folder `linkedin-ai` and a file"), "{stderr}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}
