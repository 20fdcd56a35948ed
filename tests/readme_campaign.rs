//! The README's "Adding a campaign", followed to the letter: its TOML
//! blocks, each written to the file its first line names, make a campaign
//! that builds in every layout, with and without an organisation; with
//! its "with a deadline" blocks added, in both editions. Its QR codes open
//! the address its platform file gives. So a third campaign needs the
//! README and TOML, nothing else.

mod common;

use common::*;
use std::path::Path;

/// The README's section on adding a campaign.
fn section() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("## Adding a campaign").expect("the README has the section");
    let rest = &readme[start + 3..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
}

/// Its TOML blocks: (first line, whole text).
fn blocks(section: &str) -> Vec<(String, String)> {
    section
        .split("```toml\n")
        .skip(1)
        .map(|b| {
            let body = &b[..b.find("```").expect("a closed block")];
            (body.lines().next().unwrap_or("").to_string(), body.to_string())
        })
        .collect()
}

/// The file a block's first line names: `# campaigns/x/campaign.toml`, or
/// `# with a deadline, in campaigns/x/campaign.toml:`.
fn file_of(first: &str) -> &str {
    let named = first.rsplit(' ').next().unwrap_or("");
    named.trim_end_matches(':')
}

fn build(proj: &Path, out: &Path, extra: &[&str]) -> String {
    let (p, o) = (proj.to_str().unwrap(), out.to_str().unwrap());
    let r = handout(
        &[&["build", "--root", p, "--out", o, "--campaign", "voorbeeld-ai"][..], extra].concat(),
        BEFORE_DEADLINE_EPOCH,
    );
    let stderr = String::from_utf8_lossy(&r.stderr).into_owned();
    assert!(r.status.success(), "the README's campaign does not build ({extra:?}): {stderr}");
    stderr
}

/// Every layout's file in `dir` (`voorbeeldnet-<layout><suffix>.pdf|png`).
fn every_layout_in(dir: &Path, suffix: &str) {
    for layout in LAYOUTS {
        let ext = if layout.starts_with("screen") || layout.starts_with("social") { "png" } else { "pdf" };
        let file = dir.join(format!("voorbeeldnet-{layout}{suffix}.{ext}"));
        assert!(file.is_file(), "{} is missing", file.display());
    }
}

#[test]
fn the_readme_campaign_builds_in_every_layout_and_edition() {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    // Only what the README adds: the shipped campaigns are not needed.
    for shipped in ["meta-ai", "linkedin-ai"] {
        std::fs::remove_dir_all(proj.path().join("campaigns").join(shipped)).unwrap();
    }
    let blocks = blocks(&section());
    let (dated, files): (Vec<_>, Vec<_>) = blocks.iter().partition(|(first, _)| first.starts_with("# with a deadline"));
    assert!(
        files.len() >= 3 && dated.len() == 2,
        "the section's blocks: {:?}",
        blocks.iter().map(|b| &b.0).collect::<Vec<_>>()
    );
    let mut url = None;
    for (first, body) in &files {
        let path = proj.path().join(file_of(first));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, body).unwrap();
        url = url.or(body.lines().find_map(|l| l.strip_prefix("form_url = ")).map(|u| u.trim_matches('"').to_string()));
    }
    let url = url.expect("a platform file with a form_url");

    // Without a deadline: one edition, no callout, every layout.
    let out = proj.path().join("out");
    build(proj.path(), &out, &[]);
    every_layout_in(&out.join("voorbeeld-ai/nl"), "");
    let flyer = std::fs::read(out.join("voorbeeld-ai/nl/voorbeeldnet-flyer-a4.pdf")).unwrap();
    let codes: Vec<String> = rasterise(&flyer, 150.0).iter().flat_map(decode_qr).collect();
    assert_eq!(codes, std::slice::from_ref(&url));
    let with_org = proj.path().join("with-org");
    build(proj.path(), &with_org, &["--org", "bibliotheek-voorbeeldstad"]);
    every_layout_in(&with_org.join("bibliotheek-voorbeeldstad/voorbeeld-ai/nl"), "");

    // With the deadline blocks added: both editions.
    for (first, body) in &dated {
        let path = proj.path().join(file_of(first));
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push('\n');
        text.push_str(body);
        std::fs::write(&path, text).unwrap();
    }
    let dated_out = proj.path().join("dated");
    build(proj.path(), &dated_out, &["--edition", "deadline"]);
    every_layout_in(&dated_out.join("voorbeeld-ai/nl"), "");
    let text: String = pdf_text(&std::fs::read(dated_out.join("voorbeeld-ai/nl/voorbeeldnet-flyer-a4.pdf")).unwrap())
        .split_whitespace()
        .collect();
    assert!(text.contains("1juni2026"), "the dated flyer shows the deadline: {text}");
    build(proj.path(), &dated_out, &["--edition", "after-deadline", "--org", "bibliotheek-voorbeeldstad"]);
    every_layout_in(&dated_out.join("bibliotheek-voorbeeldstad/voorbeeld-ai/nl"), "-after-deadline");
}
